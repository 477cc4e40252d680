import type { UserRow } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import { type LocalDate, localDateOf, parseLocalDate } from '../domain/local-date.ts';
import { type DayRelation, dayRelation } from '../domain/sheet.ts';
import type { DayProgress, Streak, WeekSummary } from '../domain/summary.ts';
import { dayProgress } from '../domain/summary.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { getUser } from './preferences.ts';
import { loadDay, loadOpenSessions, type StoredSession } from './session-store.ts';
import { loadSheetWork, pickableTasks, type SessionWork } from './sheet-work.ts';
import { streakFor, weekSummaryFor } from './summaries.ts';

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
 * stores nothing: an untouched day comes from defaults.
 */
export async function getDaySheet(deps: ServiceDeps, actor: Actor, dateParam?: string): Promise<DaySheet> {
  const user = await getUser(deps, actor);
  const now = deps.clock.now();
  const today = localDateOf(now, user.timeZone);
  const date = dateParam === undefined ? today : parseDateParam(dateParam);
  const [sessions, open, week, currentStreak] = await Promise.all([
    loadDay(deps.db, user, date),
    loadOpenSessions(deps.db, user.id),
    weekSummaryFor(deps.db, user, date),
    streakFor(deps.db, user.id, today),
  ]);
  const openElsewhere = open.filter((s) => s.localDate !== date);
  const [work, pickable] = await Promise.all([
    loadSheetWork(
      deps.db,
      user.id,
      [...sessions, ...openElsewhere].map((s) => s.id),
    ),
    pickableTasks(deps.db, user.id),
  ]);
  return {
    user,
    now,
    today,
    date,
    relation: dayRelation(date, today),
    sessions,
    openElsewhere,
    progress: dayProgress(sessions),
    week,
    streak: currentStreak,
    work,
    pickableTasks: pickable,
  };
}
