import { and, between, eq, sql } from 'drizzle-orm';
import { type Executor, preparedPerDatabase } from '../db/client.ts';
import { focusSessions, type UserRow } from '../db/schema/index.ts';
import {
  addDays,
  compareLocalDates,
  daysInMonth,
  type LocalDate,
  startOfMonth,
  startOfWeek,
} from '../domain/local-date.ts';
import type { SlotNumber } from '../domain/sheet.ts';
import {
  dayProgress,
  type MonthHeatmap,
  monthHeatmap,
  type SessionFacts,
  type Streak,
  streak,
  type WeekSummary,
  weekSummary,
} from '../domain/summary.ts';

/** The columns every summary and report reads of a session (SessionFacts). */
export const SESSION_FACT_COLUMNS = {
  localDate: focusSessions.localDate,
  slot: focusSessions.slot,
  kind: focusSessions.kind,
  state: focusSessions.state,
  focusSeconds: focusSessions.focusSeconds,
  isFlagged: focusSessions.isFlagged,
  loggedAfterwards: focusSessions.loggedAfterwards,
};

/** Only what the numbers need, for the dates asked: cost follows the range shown, not the history. */
async function factsBetween(
  db: Executor,
  userId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<SessionFacts[]> {
  const rows = await db
    .select(SESSION_FACT_COLUMNS)
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, userId), between(focusSessions.localDate, from, to)));
  return rows.map((r) => ({ ...r, slot: r.slot as SlotNumber }));
}

export async function weekSummaryFor(
  db: Executor,
  user: Pick<UserRow, 'id' | 'weekStart'>,
  date: LocalDate,
): Promise<WeekSummary> {
  const start = startOfWeek(date, user.weekStart);
  return weekSummary(await factsBetween(db, user.id, start, addDays(start, 6)), date, user.weekStart);
}

export async function dayProgressFor(db: Executor, userId: string, date: LocalDate) {
  return dayProgress(await factsBetween(db, userId, date, date));
}

export async function monthHeatmapFor(db: Executor, userId: string, date: LocalDate): Promise<MonthHeatmap> {
  const start = startOfMonth(date);
  return monthHeatmap(await factsBetween(db, userId, start, addDays(start, daysInMonth(start) - 1)), date);
}

// The streak is read back from today in date ranges that grow: 32 days, then 128, 512, 2048…
// Most streaks end within the first range (one statement); five unbroken years take four. Each
// statement is bounded by dates, so the planner walks the (user, date) index over that range only,
// with or without statistics, and the cost follows the streak's length, not the history's.
const FIRST_RANGE_DAYS = 32;
const RANGE_GROWTH = 4;

const focusedDatesBetween = preparedPerDatabase((db) =>
  db
    .selectDistinct({ date: focusSessions.localDate })
    .from(focusSessions)
    .where(
      and(
        eq(focusSessions.userId, sql.placeholder('userId')),
        between(focusSessions.localDate, sql.placeholder('from'), sql.placeholder('to')),
        eq(focusSessions.kind, 'personal'),
        eq(focusSessions.state, 'completed'),
      ),
    )
    .prepare('focused_dates_between'),
);

/** The streak up to today: focused dates are read newest range first until the run has a gap. */
export async function streakFor(db: Executor, userId: string, today: LocalDate): Promise<Streak> {
  const dates: LocalDate[] = [];
  let to = today;
  let days = FIRST_RANGE_DAYS;
  for (;;) {
    const from = addDays(to, -(days - 1));
    const rows = await focusedDatesBetween(db).execute({ userId, from, to });
    for (const row of rows) dates.push(row.date);
    const result = streak(dates, today);
    // The run may go on before `from` only if it reaches `from` itself.
    const runStart = addDays(result.includesToday ? today : addDays(today, -1), -(result.length - 1));
    if (result.length === 0 || compareLocalDates(runStart, from) > 0) return result;
    to = addDays(from, -1);
    days *= RANGE_GROWTH;
  }
}

/** Sessions of a whole range, for the week view. */
export async function sessionFactsBetween(db: Executor, userId: string, from: LocalDate, to: LocalDate) {
  return factsBetween(db, userId, from, to);
}
