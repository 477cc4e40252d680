import { percentOf } from '../percent.ts';
import type { Insight, SessionFact } from './types.ts';
import { type InsightContext, weeksAgoOfDate } from './window.ts';
import { countOf } from './words.ts';

/** The current week and the three before it: recent enough to be a habit of now. */
export const SAMPLE_WEEKS = 4;
/** Fewer timed sessions than this make no pattern. */
export const MIN_TIMED_SESSIONS = 8;
/** A first pause within this share of the planned length counts as early. */
export const EARLY_SHARE_OF_PLAN = 0.25;
export const NOTICE_SHARE = 0.4;
export const WARNING_SHARE = 0.6;

/** Sessions run by the timer that were often paused early: a sign they are hard to settle into. */
export function earlyPauses(ctx: InsightContext): Insight | null {
  const timed = ctx.sessions.filter(
    (s) => weeksAgoOfDate(ctx, s.localDate) < SAMPLE_WEEKS && isTimedAndEnded(s),
  );
  if (timed.length < MIN_TIMED_SESSIONS) return null;
  const early = timed.filter(isPausedEarly);
  const share = early.length / timed.length;
  if (share < NOTICE_SHARE) return null;
  const medianMinutes = Math.round(median(early.map((s) => s.firstPauseFocusSeconds ?? 0)) / 60);
  return {
    rule: 'early-pauses',
    periodKey: ctx.weekStart,
    severity: share >= WARNING_SHARE ? 'warning' : 'notice',
    title: 'Sessions often paused early',
    message: `In the last four weeks, ${early.length} of ${countOf(timed.length, 'timed session')} had their first pause within the first quarter of the plan, typically after ${countOf(medianMinutes, 'minute')}.`,
    recommendation:
      'Before pressing Start, take two minutes to clear what usually pulls you out: close chat, write the next step down, get water. A shorter plan can help a session get going too.',
    evidence: [
      { key: 'timedSessions', label: 'Timed sessions', value: timed.length, unit: 'count' },
      { key: 'pausedEarly', label: 'Paused early', value: early.length, unit: 'count' },
      {
        key: 'sharePercent',
        label: 'Share paused early',
        value: percentOf(early.length, timed.length),
        unit: 'percent',
      },
      {
        key: 'medianFirstPauseMinutes',
        label: 'Typical first pause after',
        value: medianMinutes,
        unit: 'minutes',
      },
    ],
  };
}

function isTimedAndEnded(s: SessionFact): boolean {
  return s.startedAt !== null && !s.loggedAfterwards && (s.state === 'completed' || s.state === 'skipped');
}

export function isPausedEarly(s: SessionFact): boolean {
  return (
    s.firstPauseFocusSeconds !== null &&
    s.firstPauseFocusSeconds < s.plannedMinutes * 60 * EARLY_SHARE_OF_PLAN
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
