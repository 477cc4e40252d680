import { compareLocalDates } from '../local-date.ts';
import type { Insight } from './types.ts';
import { type InsightContext, sessionsOfLastDays } from './window.ts';
import { countOf } from './words.ts';

/** How far back a run of skips is followed. */
export const LOOKBACK_DAYS = 14;
/** This many personal sessions skipped in a row is a run worth a word; the second, a stronger one. */
export const MIN_RUN = 5;
export const WARNING_RUN = 9;

/**
 * The personal sessions decided most recently (completed or skipped, in sheet order) were all
 * skipped. Untouched slots are neither: only a person's own "skip" counts.
 */
export function skippedRun(ctx: InsightContext): Insight | null {
  const decided = sessionsOfLastDays(ctx, LOOKBACK_DAYS)
    .filter((s) => s.kind === 'personal' && (s.state === 'completed' || s.state === 'skipped'))
    .sort((a, b) => compareLocalDates(a.localDate, b.localDate) || a.slot - b.slot);
  let run = 0;
  while (run < decided.length && decided[decided.length - 1 - run]!.state === 'skipped') run++;
  if (run < MIN_RUN) return null;
  const days = new Set(decided.slice(decided.length - run).map((s) => s.localDate)).size;
  return {
    rule: 'skipped-run',
    periodKey: ctx.weekStart,
    severity: run >= WARNING_RUN ? 'warning' : 'notice',
    title: 'A run of skipped sessions',
    message: `Your last ${countOf(run, 'personal session')}, over ${countOf(days, 'day')}, were skipped.`,
    recommendation:
      'Plan one 25-minute session for the next free slot, with a goal small enough to finish. An easy start often brings the rhythm back.',
    evidence: [
      { key: 'skippedInARow', label: 'Skipped in a row', value: run, unit: 'count' },
      { key: 'days', label: 'Over', value: days, unit: 'days' },
    ],
  };
}
