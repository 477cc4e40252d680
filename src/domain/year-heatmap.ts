import { addDays, daysBetween, type LocalDate } from './local-date.ts';
import { focusHeatmap, type HeatmapDay, type SessionFacts } from './summary.ts';

export interface YearHeatmap {
  /** First and last day shown, inclusive. */
  from: LocalDate;
  to: LocalDate;
  days: HeatmapDay[];
  focusMinutes: number;
  /** Days with any focus (level 1 or more). */
  activeDays: number;
}

/**
 * Focus minutes per local day over a year, with the month heat-map's intensity levels (see
 * summary.ts INTENSITY_THRESHOLDS_MINUTES). `{ year }` is the calendar year; `{ end }` the year
 * that ends on that day (365 days, 366 when it holds a 29 February). Sessions outside are ignored.
 */
export function yearHeatmap(
  sessions: readonly SessionFacts[],
  spec: { year: number } | { end: LocalDate },
): YearHeatmap {
  const { from, to } =
    'year' in spec
      ? {
          from: `${String(spec.year).padStart(4, '0')}-01-01`,
          to: `${String(spec.year).padStart(4, '0')}-12-31`,
        }
      : { from: addDays(yearBefore(spec.end), 1), to: spec.end };
  const days = focusHeatmap(sessions, from, daysBetween(from, to) + 1);
  return {
    from,
    to,
    days,
    focusMinutes: days.reduce((sum, d) => sum + d.focusMinutes, 0),
    activeDays: days.filter((d) => d.level > 0).length,
  };
}

/** The same day a year earlier; 29 February falls back to the 28th. */
function yearBefore(date: LocalDate): LocalDate {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const candidate = `${year}${date.slice(4)}`;
  return date.slice(5) === '02-29' ? `${year}-02-28` : candidate;
}
