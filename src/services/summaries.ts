import { and, between, desc, eq, lte } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { focusSessions, type UserRow } from '../db/schema/index.ts';
import { addDays, daysInMonth, type LocalDate, startOfMonth, startOfWeek } from '../domain/local-date.ts';
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

/** Only what the numbers need, for the dates asked: cost follows the range shown, not the history. */
async function factsBetween(
  db: Executor,
  userId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<SessionFacts[]> {
  const rows = await db
    .select({
      localDate: focusSessions.localDate,
      slot: focusSessions.slot,
      kind: focusSessions.kind,
      state: focusSessions.state,
      focusSeconds: focusSessions.focusSeconds,
      isFlagged: focusSessions.isFlagged,
      loggedAfterwards: focusSessions.loggedAfterwards,
    })
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

const STREAK_PAGE = 90;

/**
 * The streak up to today. Focused dates are read newest first, a page at a time, and reading stops
 * at the first gap, so a long history costs no more than the streak itself.
 */
export async function streakFor(db: Executor, userId: string, today: LocalDate): Promise<Streak> {
  const dates: LocalDate[] = [];
  let before = addDays(today, 1);
  for (;;) {
    const rows = await db
      .selectDistinct({ date: focusSessions.localDate })
      .from(focusSessions)
      .where(
        and(
          eq(focusSessions.userId, userId),
          eq(focusSessions.kind, 'personal'),
          eq(focusSessions.state, 'completed'),
          lte(focusSessions.localDate, addDays(before, -1)),
        ),
      )
      .orderBy(desc(focusSessions.localDate))
      .limit(STREAK_PAGE);
    dates.push(...rows.map((r) => r.date));
    const result = streak(dates, today);
    const reachedGap = rows.length < STREAK_PAGE || result.length < dates.length;
    if (reachedGap) return result;
    before = rows.at(-1)!.date;
  }
}

/** Sessions of a whole range, for the week view. */
export async function sessionFactsBetween(db: Executor, userId: string, from: LocalDate, to: LocalDate) {
  return factsBetween(db, userId, from, to);
}
