import type { SwitchReason } from '../work-values.ts';
import type { Evidence, Insight } from './types.ts';
import {
  HISTORY_WEEKS,
  type InsightContext,
  sumFocusSeconds,
  weeksAgoOfDate,
  weeksAgoOfInstant,
} from './window.ts';
import { countOf, formatMinutes, roundTenth } from './words.ts';

/** Below this much focus in the week, switches per hour say more about chance than habit. */
export const MIN_FOCUS_HOURS_THIS_WEEK = 2;
/** The previous weeks make a baseline only with this much focus, spread over this many weeks. */
export const MIN_BASELINE_FOCUS_HOURS = 4;
export const MIN_BASELINE_WEEKS = 2;
/** "Clearly above the baseline": at least this factor, and at least this many more an hour. */
export const BASELINE_FACTOR = 1.5;
export const MIN_RISE_PER_HOUR = 1;
/** Above this many an hour, a week is fragmented whatever the baseline. */
export const ABSOLUTE_PER_HOUR = 4;
export const WARNING_PER_HOUR = 6;

type WeekCounts = { focusHours: number; switches: number };

/**
 * Context switches per focus hour this week, against the person's own previous weeks (when they
 * hold enough focus to compare with) or an absolute threshold.
 */
export function highSwitching(ctx: InsightContext): Insight | null {
  const weeks = countByWeek(ctx);
  const current = weeks[0]!;
  if (current.focusHours < MIN_FOCUS_HOURS_THIS_WEEK) return null;
  const rate = current.switches / current.focusHours;
  const baseline = baselineOf(weeks.slice(1));
  const isAboveBaseline =
    baseline !== null && rate >= baseline * BASELINE_FACTOR && rate - baseline >= MIN_RISE_PER_HOUR;
  if (!isAboveBaseline && rate < ABSOLUTE_PER_HOUR) return null;
  const isWarning =
    rate >= WARNING_PER_HOUR || (baseline !== null && rate >= 2 * baseline && rate - baseline >= 2);
  const focusMinutes = current.focusHours * 60;
  const evidence: Evidence[] = [
    { key: 'switches', label: 'Interruptions this week', value: current.switches, unit: 'count' },
    { key: 'focusMinutes', label: 'Focus this week', value: Math.round(focusMinutes), unit: 'minutes' },
    { key: 'perHour', label: 'Interruptions per focus hour', value: roundTenth(rate), unit: 'per-hour' },
  ];
  if (baseline !== null) {
    evidence.push({
      key: 'baselinePerHour',
      label: `Your usual (previous ${HISTORY_WEEKS} weeks)`,
      value: roundTenth(baseline),
      unit: 'per-hour',
    });
  }
  const usual = baseline !== null ? `, where your previous weeks averaged ${roundTenth(baseline)}` : '';
  return {
    rule: 'high-switching',
    periodKey: ctx.weekStart,
    severity: isWarning ? 'warning' : 'notice',
    title: isAboveBaseline ? 'More interruptions than usual' : 'A week of many interruptions',
    message: `This week ${countOf(current.switches, 'interruption')} came during ${formatMinutes(focusMinutes)} of focus: ${roundTenth(rate)} an hour${usual}.`,
    recommendation: RECOMMENDATIONS[topReason(ctx)],
    evidence,
  };
}

function countByWeek(ctx: InsightContext): WeekCounts[] {
  const weeks = Array.from({ length: HISTORY_WEEKS + 1 }, () => ({ focusSeconds: 0, switches: 0 }));
  for (const s of ctx.sessions) {
    const week = weeks[weeksAgoOfDate(ctx, s.localDate)];
    if (week) week.focusSeconds += sumFocusSeconds([s]);
  }
  for (const s of ctx.switches) {
    const week = weeks[weeksAgoOfInstant(ctx, s.occurredAt)];
    if (week) week.switches++;
  }
  return weeks.map((w) => ({ focusHours: w.focusSeconds / 3600, switches: w.switches }));
}

/** Switches per focus hour over the previous weeks that held focus; null when too little. */
function baselineOf(previous: readonly WeekCounts[]): number | null {
  const focused = previous.filter((w) => w.focusHours > 0);
  const hours = focused.reduce((sum, w) => sum + w.focusHours, 0);
  if (focused.length < MIN_BASELINE_WEEKS || hours < MIN_BASELINE_FOCUS_HOURS) return null;
  return focused.reduce((sum, w) => sum + w.switches, 0) / hours;
}

function topReason(ctx: InsightContext): SwitchReason {
  const counts = new Map<SwitchReason, number>();
  for (const s of ctx.switches) {
    if (weeksAgoOfInstant(ctx, s.occurredAt) === 0) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  }
  let top: SwitchReason = 'other';
  let most = 0;
  for (const [reason, count] of counts) {
    if (count > most) [top, most] = [reason, count];
  }
  return top;
}

const RECOMMENDATIONS: Record<SwitchReason, string> = {
  meeting:
    'Most came from meetings. Try putting meetings next to each other so at least one session a day can run whole.',
  message:
    'Most were messages. Try closing chat and mail for the length of a session and answering in between.',
  colleague:
    'Most came from colleagues. A status such as "focusing until 11:00" can hold questions until your break.',
  urgent:
    'Most were urgent matters. Noting what made each one urgent may show a pattern worth raising with your team.',
  own_idea: 'Most were your own ideas. Keep a scratch note open and park ideas there until the session ends.',
  break: 'Most were breaks. A shorter session length may fit better than stopping part-way.',
  other: 'Try choosing a reason when you note an interruption, so next week shows what pulls you away.',
};
