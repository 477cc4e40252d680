import { percentOf } from '../percent.ts';
import type { Insight } from './types.ts';
import { type InsightContext, isCompleted, sessionsOfLastDays, sumFocusSeconds } from './window.ts';
import { countOf, formatMinutes } from './words.ts';

export const LOOKBACK_DAYS = 14;
/** Less focus than this in the two weeks makes no pattern. */
export const MIN_TOTAL_MINUTES = 180;
/** Admin's share of focus at which it is crowding personal sessions out; the second, strongly. */
export const NOTICE_SHARE = 0.5;
export const WARNING_SHARE = 0.7;

/** Admin work taking as much focus as the personal sessions or more, over the last two weeks. */
export function adminCrowding(ctx: InsightContext): Insight | null {
  const recent = sessionsOfLastDays(ctx, LOOKBACK_DAYS).filter(isCompleted);
  const admin = sumFocusSeconds(recent.filter((s) => s.kind === 'admin')) / 60;
  const personal = sumFocusSeconds(recent.filter((s) => s.kind === 'personal')) / 60;
  const total = admin + personal;
  if (total < MIN_TOTAL_MINUTES) return null;
  const share = admin / total;
  if (share < NOTICE_SHARE) return null;
  const personalDays = new Set(recent.filter((s) => s.kind === 'personal').map((s) => s.localDate));
  const adminOnlyDays = new Set(
    recent.filter((s) => s.kind === 'admin' && !personalDays.has(s.localDate)).map((s) => s.localDate),
  ).size;
  return {
    rule: 'admin-crowding',
    periodKey: ctx.weekStart,
    severity: share >= WARNING_SHARE ? 'warning' : 'notice',
    title: 'Admin is taking the room of deep work',
    message: `In the last two weeks admin took ${formatMinutes(admin)} of focus and personal sessions ${formatMinutes(personal)}: ${percentOf(admin, total)}% went to admin${adminOnlyDays > 0 ? `, and ${countOf(adminOnlyDays, 'day')} had admin only` : ''}.`,
    recommendation:
      'Try starting the day with a personal session before opening the inbox, and keep admin to its one slot.',
    evidence: [
      { key: 'adminMinutes', label: 'Admin focus', value: Math.round(admin), unit: 'minutes' },
      { key: 'personalMinutes', label: 'Personal focus', value: Math.round(personal), unit: 'minutes' },
      { key: 'adminSharePercent', label: 'Share to admin', value: percentOf(admin, total), unit: 'percent' },
      { key: 'adminOnlyDays', label: 'Days with admin only', value: adminOnlyDays, unit: 'days' },
    ],
  };
}
