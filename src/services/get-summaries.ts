import { type LocalDate, localDateOf } from '../domain/local-date.ts';
import type { DayProgress, MonthHeatmap, Streak, WeekSummary } from '../domain/summary.ts';
import { parseDateParam } from './day-sheet.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { getUser } from './preferences.ts';
import { dayProgressFor, monthHeatmapFor, streakFor, weekSummaryFor } from './summaries.ts';

/** Which day a summary is about: a 'YYYY-MM-DD' date, or none for the person's today. */
export type SummaryQuery = { date?: string | undefined };

/** The actor's row, their today in their time zone, and the date asked for (default: today). */
async function personAndDate(deps: ServiceDeps, actor: Actor, query: SummaryQuery) {
  const user = await getUser(deps, actor);
  const today = localDateOf(deps.clock.now(), user.timeZone);
  return { user, today, date: query.date ? parseDateParam(query.date) : today };
}

/** The actor's progress on one day (default: today). Throws 'validation' for a bad date. */
export async function getDaySummary(
  deps: ServiceDeps,
  actor: Actor,
  query: SummaryQuery,
): Promise<{ date: LocalDate; progress: DayProgress }> {
  const { user, date } = await personAndDate(deps, actor, query);
  return { date, progress: await dayProgressFor(deps.db, user.id, date) };
}

/**
 * The actor's week holding a date (default: today), from their first day of the week.
 * Throws 'validation' for a bad date.
 */
export async function getWeekSummary(
  deps: ServiceDeps,
  actor: Actor,
  query: SummaryQuery,
): Promise<WeekSummary> {
  const { user, date } = await personAndDate(deps, actor, query);
  return weekSummaryFor(deps.db, user, date);
}

/** The actor's focus per day of the month holding a date (default: today). Throws 'validation' for a bad date. */
export async function getMonthHeatmap(
  deps: ServiceDeps,
  actor: Actor,
  query: SummaryQuery,
): Promise<MonthHeatmap> {
  const { user, date } = await personAndDate(deps, actor, query);
  return monthHeatmapFor(deps.db, user.id, date);
}

/** The actor's streak of days with a completed personal session, up to their today. */
export async function getStreak(
  deps: ServiceDeps,
  actor: Actor,
): Promise<{ streak: Streak; today: LocalDate }> {
  const { user, today } = await personAndDate(deps, actor, {});
  return { streak: await streakFor(deps.db, user.id, today), today };
}
