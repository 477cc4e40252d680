import { addDays, daysBetween, startOfWeek, type WeekStart } from '../../../domain/local-date.ts';
import type { YearHeatmap } from '../../../domain/year-heatmap.ts';
import { formatDay, formatMinutes } from '../sheet/format.ts';
import { AXIS_TEXT, ChartFigure, LegendKey } from './chart-frame.tsx';
import { formatFullDate, formatMonth, formatWeekday } from './report-format.ts';

/** The month heat-map's colours (styles.css .heat-N), as SVG fills. */
export const LEVEL_FILLS = [
  'fill-stone-200 dark:fill-stone-800',
  'fill-teal-100 dark:fill-teal-950',
  'fill-teal-300 dark:fill-teal-800',
  'fill-teal-600 dark:fill-teal-600',
  'fill-teal-800 dark:fill-teal-400',
] as const;
const LEVEL_NAMES = ['none', 'under 45 min', '45 min or more', '1 h 30 min or more', '2 h 15 min or more'];

const CELL = 10;
const PITCH = 12;
const LEFT = 28;
const TOP = 14;
const BAND = TOP + 7 * PITCH + 8;

/**
 * Focus minutes per day over a year: one column per week (from the person's first day), one row
 * per weekday. The year is drawn in two bands of half a year each, so a phone shows squares
 * large enough to see.
 */
export function YearHeatmapChart(props: { heatmap: YearHeatmap; weekStart: WeekStart }) {
  const { heatmap } = props;
  const gridStart = startOfWeek(heatmap.from, props.weekStart);
  const columns = Math.floor(daysBetween(gridStart, heatmap.to) / 7) + 1;
  const perBand = Math.ceil(columns / 2);
  const width = LEFT + perBand * PITCH;
  const height = 2 * BAND - 8;
  const months = new Map<string, { minutes: number; days: number }>();
  for (const d of heatmap.days) {
    const month = months.get(d.date.slice(0, 7)) ?? { minutes: 0, days: 0 };
    month.minutes += d.focusMinutes;
    month.days += d.level > 0 ? 1 : 0;
    months.set(d.date.slice(0, 7), month);
  }
  let lastLabelColumn = -3;
  return (
    <ChartFigure
      id="chart-year"
      title={`Focus per day, ${formatFullDate(heatmap.from)} to ${formatFullDate(heatmap.to)}`}
      description={`${formatMinutes(heatmap.focusMinutes)} of focus on ${heatmap.activeDays} days. Darker squares are days with more focus.`}
      width={width}
      height={height}
      legend={
        <>
          <span class="mr-2">Less</span>
          {LEVEL_FILLS.map((fill, level) => (
            <LegendKey fill={fill} label={LEVEL_NAMES[level]!} />
          ))}
          <span>More</span>
        </>
      }
      table={{
        caption: 'Focus per month',
        headers: ['Month', 'Focus', 'Days with focus'],
        rows: [...months].map(([month, m]) => [
          formatMonth(`${month}-01`, 'long'),
          formatMinutes(m.minutes),
          m.days,
        ]),
      }}
    >
      {[0, 1].flatMap((band) =>
        [1, 3, 5].map((row) => (
          <text
            x={LEFT - 4}
            y={band * BAND + TOP + row * PITCH + CELL - 1}
            text-anchor="end"
            font-size="9"
            class={AXIS_TEXT}
          >
            {formatWeekday(addDays(gridStart, row))}
          </text>
        )),
      )}
      {heatmap.days.map((d) => {
        const index = daysBetween(gridStart, d.date);
        const column = Math.floor(index / 7);
        const band = column < perBand ? 0 : 1;
        const x = LEFT + (column - band * perBand) * PITCH;
        const top = band * BAND + TOP;
        const startsBand = column === perBand && lastLabelColumn < perBand;
        const isMonthStart = d.date.endsWith('-01') || d.date === heatmap.from;
        // A month name needs three columns: none too close to the last, or to the band's right edge.
        const hasRoom = column - lastLabelColumn >= 3 && column - band * perBand <= perBand - 3;
        const label = startsBand || (isMonthStart && hasRoom);
        if (label) lastLabelColumn = column;
        return (
          <>
            {label ? (
              <text x={x} y={top - 4} font-size="9" class={AXIS_TEXT}>
                {formatMonth(d.date, 'short')}
              </text>
            ) : null}
            <rect
              x={x}
              y={top + (index % 7) * PITCH}
              width={CELL}
              height={CELL}
              rx="2"
              class={LEVEL_FILLS[d.level]}
            >
              <title>{`${formatDay(d.date)}: ${formatMinutes(d.focusMinutes)}`}</title>
            </rect>
          </>
        );
      })}
    </ChartFigure>
  );
}
