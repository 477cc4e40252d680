import { percentOf } from '../percent.ts';
import type { Evidence, Insight } from './types.ts';
import { type InsightContext, isCompleted } from './window.ts';
import { countOf } from './words.ts';

/** A length with fewer sessions (that noted an outcome) than this is not compared at all. */
export const MIN_SAMPLE_PER_LENGTH = 5;
/** The best length must lead the next by this share (15 points) before it is named. */
export const CLEAR_LEAD = 0.15;

type LengthResult = { minutes: number; sessions: number; succeeded: number; rate: number };

/**
 * Which planned lengths of personal sessions most often end 'done' or 'progressed', over the whole
 * window, each with its sample size. Says nothing unless two lengths have enough sessions and
 * one clearly leads.
 */
export function sessionLength(ctx: InsightContext): Insight | null {
  const byLength = new Map<number, { sessions: number; succeeded: number }>();
  for (const s of ctx.sessions) {
    if (!isCompleted(s) || s.kind !== 'personal' || s.outcome === null) continue;
    const entry = byLength.get(s.plannedMinutes) ?? { sessions: 0, succeeded: 0 };
    entry.sessions++;
    if (s.outcome === 'done' || s.outcome === 'progressed') entry.succeeded++;
    byLength.set(s.plannedMinutes, entry);
  }
  const results: LengthResult[] = [...byLength]
    .map(([minutes, e]) => ({ minutes, ...e, rate: e.succeeded / e.sessions }))
    .filter((r) => r.sessions >= MIN_SAMPLE_PER_LENGTH)
    .sort((a, b) => b.rate - a.rate || b.sessions - a.sessions || a.minutes - b.minutes);
  const [best, next] = results;
  if (!best || !next || best.rate - next.rate < CLEAR_LEAD - 1e-9) return null;
  const leftOut = byLength.size - results.length;
  const others = results
    .slice(1)
    .map(
      (r) =>
        `${r.minutes} minutes: ${percentOf(r.succeeded, r.sessions)}% (${countOf(r.sessions, 'session')})`,
    )
    .join('; ');
  return {
    rule: 'session-length',
    periodKey: ctx.weekStart,
    severity: 'info',
    title: `${best.minutes}-minute sessions go well for you`,
    message: `Sessions planned for ${best.minutes} minutes ended done or progressed ${percentOf(best.succeeded, best.sessions)}% of the time (${countOf(best.sessions, 'session')}); ${others}.${leftOut > 0 ? ` Lengths with fewer than ${MIN_SAMPLE_PER_LENGTH} sessions are left out.` : ''}`,
    recommendation: `Try ${best.minutes} minutes as your usual length for a while; Settings sets the length new days start with.`,
    evidence: results.flatMap((r): Evidence[] => [
      {
        key: `sessions${r.minutes}`,
        label: `${r.minutes}-minute sessions`,
        value: r.sessions,
        unit: 'count',
      },
      {
        key: `succeededPercent${r.minutes}`,
        label: `${r.minutes} minutes: done or progressed`,
        value: percentOf(r.succeeded, r.sessions),
        unit: 'percent',
      },
    ]),
  };
}
