import type { Evidence, Insight } from './types.ts';
import { HISTORY_WEEKS, type InsightContext, isCompleted, localMinuteOfDay } from './window.ts';
import { formatClock } from './words.ts';

/** Fewer completed timed sessions than this say nothing about hours. */
export const MIN_SESSIONS = 12;
/** The best hour must hold at least this many starts and this share of them. */
export const MIN_IN_BEST_HOUR = 4;
export const MIN_BEST_SHARE = 0.25;

/**
 * The local hours of day in which the person's completed personal sessions most often started,
 * over the window. Logged sessions are left out: their times say nothing about when work happened.
 */
export function bestHours(ctx: InsightContext): Insight | null {
  const starts = ctx.sessions.filter(
    (s) => isCompleted(s) && s.kind === 'personal' && !s.loggedAfterwards && s.startedAt !== null,
  );
  if (starts.length < MIN_SESSIONS) return null;
  const counts = new Map<number, number>();
  for (const s of starts) {
    const hour = Math.floor(localMinuteOfDay(s.startedAt!, ctx.input.timeZone) / 60);
    counts.set(hour, (counts.get(hour) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const [best, next] = ranked;
  if (!best || best[1] < MIN_IN_BEST_HOUR || best[1] / starts.length < MIN_BEST_SHARE) return null;
  const span = (hour: number) => `${formatClock(hour * 60)} and ${formatClock((hour + 1) * 60)}`;
  const nextWords = next ? ` Next comes ${formatClock(next[0] * 60)} with ${next[1]}.` : '';
  const evidence: Evidence[] = [
    { key: 'completedSessions', label: 'Completed sessions', value: starts.length, unit: 'count' },
    { key: 'bestHour', label: 'Best hour', value: best[0], unit: 'hour-of-day' },
    { key: 'bestHourSessions', label: 'Started in it', value: best[1], unit: 'count' },
  ];
  if (next) {
    evidence.push(
      { key: 'nextHour', label: 'Next best hour', value: next[0], unit: 'hour-of-day' },
      { key: 'nextHourSessions', label: 'Started in it', value: next[1], unit: 'count' },
    );
  }
  return {
    rule: 'best-hours',
    periodKey: ctx.weekStart,
    severity: 'info',
    title: `Your best hour starts at ${formatClock(best[0] * 60)}`,
    message: `Of ${starts.length} completed sessions in the last ${HISTORY_WEEKS + 1} weeks, ${best[1]} started between ${span(best[0])}.${nextWords}`,
    recommendation: `Keep ${span(best[0])} free for your hardest work, and put meetings elsewhere when you can.`,
    evidence,
  };
}
