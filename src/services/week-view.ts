import { and, between, eq } from 'drizzle-orm';
import { focusSessions, type UserRow } from '../db/schema/index.ts';
import { type StoredSession, sessionFromRow } from '../db/stores/session-store.ts';
import { addDays, type LocalDate, localDateOf, startOfWeek } from '../domain/local-date.ts';
import type { MonthHeatmap, WeekSummary } from '../domain/summary.ts';
import { parseDateParam } from './day-sheet.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { getUser } from './preferences.ts';
import { monthHeatmapFor, weekSummaryFor } from './summaries.ts';

export type WeekView = { user: UserRow; today: LocalDate; summary: WeekSummary; sessions: StoredSession[] };
export type MonthView = { user: UserRow; today: LocalDate; heatmap: MonthHeatmap };

/** The week holding `date` (in the person's first day of the week) with its stored sessions. */
export async function getWeekView(deps: ServiceDeps, actor: Actor, date: string): Promise<WeekView> {
  const day = parseDateParam(date);
  const user = await getUser(deps, actor);
  const start = startOfWeek(day, user.weekStart);
  const [summary, rows] = await Promise.all([
    weekSummaryFor(deps.db, user, day),
    deps.db
      .select()
      .from(focusSessions)
      .where(
        and(eq(focusSessions.userId, user.id), between(focusSessions.localDate, start, addDays(start, 6))),
      )
      .orderBy(focusSessions.localDate, focusSessions.slot),
  ]);
  return {
    user,
    today: localDateOf(deps.clock.now(), user.timeZone),
    summary,
    sessions: rows.map(sessionFromRow),
  };
}

/** Focus minutes per day of the month holding `date`, for the heat-map. */
export async function getMonthView(deps: ServiceDeps, actor: Actor, date: string): Promise<MonthView> {
  const day = parseDateParam(date);
  const user = await getUser(deps, actor);
  return {
    user,
    today: localDateOf(deps.clock.now(), user.timeZone),
    heatmap: await monthHeatmapFor(deps.db, user.id, day),
  };
}
