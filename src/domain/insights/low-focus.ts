import { addDays, dayOfWeek } from '../local-date.ts';
import type { Insight } from './types.ts';
import { type InsightContext, isCompleted, sumFocusSeconds, weeksAgoOfDate } from './window.ts';
import { formatMinutes } from './words.ts';

/** Early in the week a slow start says little: the rule speaks from the fourth day on. */
export const MIN_DAYS_GONE = 3;
/** Focus under this share of the pace is worth a word; under the second share, a stronger one. */
export const PACE_SHARE = 0.8;
export const WARNING_SHARE = 0.5;

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Focus this week against the person's weekly target, pro-rated to the whole days gone (today's
 * focus counts, today's share of the target does not). Silent for someone with no earlier weeks.
 */
export function lowFocus(ctx: InsightContext): Insight | null {
  if (ctx.daysGone < MIN_DAYS_GONE) return null;
  const hasHistory = ctx.sessions.some((s) => isCompleted(s) && weeksAgoOfDate(ctx, s.localDate) > 0);
  if (!hasHistory) return null;
  const target = ctx.input.weeklyFocusTargetMinutes;
  const focus = sumFocusSeconds(ctx.sessions.filter((s) => weeksAgoOfDate(ctx, s.localDate) === 0)) / 60;
  const pace = (target * ctx.daysGone) / 7;
  if (focus >= pace * PACE_SHARE) return null;
  const daysLeft = 7 - ctx.daysGone;
  const perDay = (target - focus) / daysLeft;
  const yesterday = DAY_NAMES[dayOfWeek(addDays(ctx.today, -1))];
  const lastDay = DAY_NAMES[dayOfWeek(addDays(ctx.weekStart, 6))];
  return {
    rule: 'low-focus',
    periodKey: ctx.weekStart,
    severity: focus < pace * WARNING_SHARE ? 'warning' : 'notice',
    title: 'Behind the pace for your weekly target',
    message: `This week holds ${formatMinutes(focus)} of focus so far. Your target of ${formatMinutes(target)} a week puts the pace at ${formatMinutes(pace)} by the end of ${yesterday}.`,
    recommendation: `Reaching the target by ${lastDay} takes about ${formatMinutes(perDay)} a day from today. If this week is fuller than most, a smaller target in Settings is fine too.`,
    evidence: [
      { key: 'focusMinutes', label: 'Focus this week', value: Math.round(focus), unit: 'minutes' },
      {
        key: 'paceMinutes',
        label: `Pace after ${ctx.daysGone} days`,
        value: Math.round(pace),
        unit: 'minutes',
      },
      { key: 'targetMinutes', label: 'Weekly target', value: target, unit: 'minutes' },
    ],
  };
}
