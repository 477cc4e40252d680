import { addDays } from '../local-date.ts';
import { isSessionOpen } from '../timer.ts';
import type { Insight } from './types.ts';
import { type InsightContext, isCompleted, localMinuteOfDay } from './window.ts';
import { formatClock } from './words.ts';

/** A streak shorter than this is not worth guarding. */
export const MIN_STREAK_DAYS = 2;
/** Usual hours are learned from at least this many session starts. */
export const MIN_STARTS = 10;
/** "Late in the usual hours": past the time by which this share of sessions have started. */
export const LATE_QUANTILE = 0.75;

/**
 * Today's insight: the streak lives through yesterday, no personal session is completed or under
 * way today, and the person's clock is past the time by which most of their sessions have started.
 */
export function streakRisk(ctx: InsightContext): Insight | null {
  const personal = ctx.sessions.filter((s) => s.kind === 'personal');
  const today = personal.filter((s) => s.localDate === ctx.today);
  if (today.some((s) => isCompleted(s) || isSessionOpen(s.state))) return null;
  const focusedDates = new Set(personal.filter(isCompleted).map((s) => s.localDate));
  let streak = 0;
  for (let date = addDays(ctx.today, -1); focusedDates.has(date); date = addDays(date, -1)) streak++;
  if (streak < MIN_STREAK_DAYS) return null;
  const starts = personal
    .filter((s) => isCompleted(s) && !s.loggedAfterwards && s.startedAt !== null)
    .map((s) => localMinuteOfDay(s.startedAt!, ctx.input.timeZone))
    .sort((a, b) => a - b);
  if (starts.length < MIN_STARTS) return null;
  const late = starts[Math.ceil(starts.length * LATE_QUANTILE) - 1]!;
  const now = localMinuteOfDay(ctx.input.now, ctx.input.timeZone);
  if (now < late) return null;
  return {
    rule: 'streak-risk',
    periodKey: ctx.today,
    severity: 'notice',
    title: 'Your streak is open today',
    message: `Your ${streak}-day streak has no session yet today. Most of your sessions have started by ${formatClock(late)}, and it is ${formatClock(now)} now.`,
    recommendation: 'A 25-minute session now would keep it going. If today is a day off, that is fine too.',
    evidence: [
      { key: 'streakDays', label: 'Streak', value: streak, unit: 'days' },
      { key: 'usualLastStart', label: 'Most sessions started by', value: late, unit: 'time-of-day' },
      { key: 'now', label: 'Now', value: now, unit: 'time-of-day' },
    ],
  };
}
