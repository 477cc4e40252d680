import type { UserRow } from '../db/schema/index.ts';
import { defaultDay, loadWeekWithOpenSessions, type StoredSession } from '../db/stores/session-store.ts';
import { AppError } from '../domain/errors.ts';
import { addDays, type LocalDate, localDateOf, parseLocalDate, startOfWeek } from '../domain/local-date.ts';
import { type DayRelation, dayRelation } from '../domain/sheet.ts';
import type { DayProgress, Streak, WeekSummary } from '../domain/summary.ts';
import { dayProgress, weekSummary } from '../domain/summary.ts';
import { isSessionOpen } from '../domain/timer.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { getUser } from './preferences.ts';
import { emptyWork, loadSheetWork, type SessionWork } from './sheet-work.ts';
import { streakFor } from './summaries.ts';

export type DaySheet = {
  user: UserRow;
  now: Date;
  today: LocalDate;
  date: LocalDate;
  relation: DayRelation;
  sessions: StoredSession[];
  /** Active or paused sessions of other days: shown on the sheet so they never block silently. */
  openElsewhere: StoredSession[];
  progress: DayProgress;
  week: WeekSummary;
  streak: Streak;
  /** Tasks, interruptions and links of the shown sessions (and open ones elsewhere). */
  work: Map<string, SessionWork>;
  /** Open tasks a session can be linked to. */
  pickableTasks: { id: string; title: string }[];
};

/** Parses a date from a URL or API path. Throws 'validation' for anything that is not a real date. */
export function parseDateParam(value: string | undefined): LocalDate {
  const date = value ? parseLocalDate(value) : null;
  if (!date)
    throw new AppError('validation', 'Use a date such as 2026-04-06.', {
      fields: { date: 'Use a date such as 2026-04-06.' },
    });
  return date;
}

/**
 * Everything a sheet page shows for `date` (default: today in the person's time zone). Viewing
 * stores nothing: an untouched day comes from defaults. Three statements, run side by side: the
 * week's sessions with the open ones (the day, the week summary and "open elsewhere" all come from
 * those rows), the streak, and the work around the shown sessions with the tasks to pick from.
 */
export async function getDaySheet(deps: ServiceDeps, actor: Actor, dateParam?: string): Promise<DaySheet> {
  const user = await getUser(deps, actor);
  const now = deps.clock.now();
  const today = localDateOf(now, user.timeZone);
  const date = dateParam === undefined ? today : parseDateParam(dateParam);
  const weekStart = startOfWeek(date, user.weekStart);
  const [rows, currentStreak, { work, pickable }] = await Promise.all([
    loadWeekWithOpenSessions(deps.db, user.id, weekStart, addDays(weekStart, 6)),
    streakFor(deps.db, user.id, today),
    loadSheetWork(deps.db, user.id, date),
  ]);
  const stored = rows.filter((s) => s.localDate === date);
  const sessions = stored.length > 0 ? stored : defaultDay(user, date);
  const openElsewhere = rows.filter((s) => isSessionOpen(s.state) && s.localDate !== date);
  for (const s of [...sessions, ...openElsewhere]) if (!work.has(s.id)) work.set(s.id, emptyWork());
  return {
    user,
    now,
    today,
    date,
    relation: dayRelation(date, today),
    sessions,
    openElsewhere,
    progress: dayProgress(sessions),
    week: weekSummary(
      rows.filter((s) => s.localDate >= weekStart && s.localDate <= addDays(weekStart, 6)),
      date,
      user.weekStart,
    ),
    streak: currentStreak,
    work,
    pickableTasks: pickable,
  };
}
