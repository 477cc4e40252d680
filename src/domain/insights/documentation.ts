import { percentOf } from '../percent.ts';
import type { Insight } from './types.ts';
import { type InsightContext, isCompleted, sessionsOfLastDays } from './window.ts';

export const LOOKBACK_DAYS = 28;
/** Fewer completed sessions than this make no habit. */
export const MIN_COMPLETED = 10;
/** Under this share, a gentle suggestion; at or over the second, a quiet acknowledgement. */
export const LOW_SHARE = 0.5;
export const HIGH_SHARE = 0.8;

/** How often completed sessions of the last four weeks end with notes or an outcome. */
export function documentation(ctx: InsightContext): Insight | null {
  const done = sessionsOfLastDays(ctx, LOOKBACK_DAYS).filter(isCompleted);
  if (done.length < MIN_COMPLETED) return null;
  const documented = done.filter((s) => s.hasNotes || s.outcome !== null).length;
  const share = documented / done.length;
  const isLow = share < LOW_SHARE;
  if (!isLow && share < HIGH_SHARE) return null;
  return {
    rule: 'documentation',
    periodKey: ctx.weekStart,
    severity: isLow ? 'notice' : 'info',
    title: isLow ? 'Few sessions end with a note' : 'Your sessions are well documented',
    message: `In the last four weeks, ${documented} of ${done.length} completed sessions ended with notes or an outcome (${percentOf(documented, done.length)}%).`,
    recommendation: isLow
      ? 'When a session ends, tap one outcome; it takes a second and lets these insights say which lengths and hours work for you.'
      : 'Nothing to change. Reading last week’s notes before planning the new week makes good use of them.',
    evidence: [
      { key: 'completed', label: 'Completed sessions', value: done.length, unit: 'count' },
      { key: 'documented', label: 'With notes or an outcome', value: documented, unit: 'count' },
      {
        key: 'sharePercent',
        label: 'Share documented',
        value: percentOf(documented, done.length),
        unit: 'percent',
      },
    ],
  };
}
