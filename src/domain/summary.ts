import {
  addDays,
  compareLocalDates,
  type DayOfWeek,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  type LocalDate,
  listDates,
  startOfMonth,
  startOfWeek,
  type WeekStart,
} from './local-date.ts';
import { ADMIN_SLOTS_PER_DAY, PERSONAL_SLOTS_PER_DAY, type SessionRef, type SlotKind } from './sheet.ts';
import type { TimerState } from './timer.ts';

/** What the numbers need to know of a session; a stored row has all of it. */
export type SessionFacts = SessionRef & { kind: SlotKind } & Pick<
    TimerState,
    'focusSeconds' | 'isFlagged' | 'loggedAfterwards'
  >;

export interface DayProgress {
  personalCompleted: number;
  personalTotal: number;
  adminCompleted: number;
  adminTotal: number;
  /** At least one personal session completed: the day counts for the streak. */
  isFocused: boolean;
  /** All four slots completed. */
  isFull: boolean;
  focusSeconds: number;
  focusMinutes: number;
}

export interface DaySummary extends DayProgress {
  date: LocalDate;
  dayOfWeek: DayOfWeek;
}

export interface WeekSummary {
  start: LocalDate;
  /** The last day of the week, inclusive. */
  end: LocalDate;
  /** Seven days from `start`, for the week strip. */
  days: DaySummary[];
  sessionsCompleted: number;
  personalCompleted: number;
  /** Personal sessions a full week would hold (7 x 3), for "7 of 21 personal". */
  personalTotal: number;
  focusSeconds: number;
  focusMinutes: number;
  focusedDays: number;
  fullDays: number;
  flaggedSessions: number;
}

export interface Streak {
  /** Consecutive focused days ending today, or ending yesterday while today is still open. */
  length: number;
  includesToday: boolean;
  /** Alive through yesterday, not yet extended today: "keep it going", never shown as zero. */
  needsToday: boolean;
}

export type IntensityLevel = 0 | 1 | 2 | 3 | 4;

export interface HeatmapDay {
  date: LocalDate;
  focusSeconds: number;
  focusMinutes: number;
  level: IntensityLevel;
}

export interface MonthHeatmap {
  /** 'YYYY-MM' */
  month: string;
  days: HeatmapDay[];
}

/**
 * Focus minutes at which a day reaches levels 1..4: any focus, then one, two and three standard
 * 45-minute sessions. Absolute rather than relative to the busiest day, so a quiet month does not
 * look as bright as a full one.
 */
export const INTENSITY_THRESHOLDS_MINUTES = [1, 45, 90, 135] as const;

function toMinutes(seconds: number): number {
  return Math.round(seconds / 60);
}

function isCompleted(s: SessionFacts): boolean {
  return s.state === 'completed';
}

/**
 * Progress of one day's sessions (pass that day's only): completed personal x/3 and admin x/1.
 * Counts distinct slots, so a duplicated row cannot push past the totals.
 */
export function dayProgress(sessions: readonly SessionFacts[]): DayProgress {
  const completed = sessions.filter(isCompleted);
  const slotsOf = (kind: SessionFacts['kind']) =>
    new Set(completed.filter((s) => s.kind === kind).map((s) => s.slot));
  const personalCompleted = Math.min(PERSONAL_SLOTS_PER_DAY, slotsOf('personal').size);
  const adminCompleted = Math.min(ADMIN_SLOTS_PER_DAY, slotsOf('admin').size);
  const focusSeconds = completed.reduce((sum, s) => sum + Math.max(0, s.focusSeconds ?? 0), 0);
  return {
    personalCompleted,
    personalTotal: PERSONAL_SLOTS_PER_DAY,
    adminCompleted,
    adminTotal: ADMIN_SLOTS_PER_DAY,
    isFocused: personalCompleted > 0,
    isFull: personalCompleted === PERSONAL_SLOTS_PER_DAY && adminCompleted === ADMIN_SLOTS_PER_DAY,
    focusSeconds,
    focusMinutes: toMinutes(focusSeconds),
  };
}

function groupByDate(sessions: readonly SessionFacts[]): Map<LocalDate, SessionFacts[]> {
  const groups = new Map<LocalDate, SessionFacts[]>();
  for (const s of sessions) {
    const group = groups.get(s.localDate);
    if (group) group.push(s);
    else groups.set(s.localDate, [s]);
  }
  return groups;
}

/**
 * The week holding `anyDateInWeek` (weeks begin on `weekStart`): totals, focused days (>= 1
 * completed personal session), full days (all four completed) and one bar per day. Sessions of
 * other weeks are ignored.
 */
export function weekSummary(
  sessions: readonly SessionFacts[],
  anyDateInWeek: LocalDate,
  weekStart: WeekStart,
): WeekSummary {
  const start = startOfWeek(anyDateInWeek, weekStart);
  const byDate = groupByDate(sessions);
  const days = listDates(start, 7).map((date) => ({
    date,
    dayOfWeek: dayOfWeek(date),
    ...dayProgress(byDate.get(date) ?? []),
  }));
  const inWeek = days.flatMap((d) => byDate.get(d.date) ?? []);
  const sum = (pick: (d: DaySummary) => number) => days.reduce((total, d) => total + pick(d), 0);
  const focusSeconds = sum((d) => d.focusSeconds);
  return {
    start,
    end: addDays(start, 6),
    days,
    sessionsCompleted: sum((d) => d.personalCompleted + d.adminCompleted),
    personalCompleted: sum((d) => d.personalCompleted),
    personalTotal: 7 * PERSONAL_SLOTS_PER_DAY,
    focusSeconds,
    focusMinutes: toMinutes(focusSeconds),
    focusedDays: days.filter((d) => d.isFocused).length,
    fullDays: days.filter((d) => d.isFull).length,
    flaggedSessions: inWeek.filter((s) => isCompleted(s) && s.isFlagged).length,
  };
}

/** The distinct dates with at least one completed personal session, ascending: the streak's input. */
export function completedPersonalDates(sessions: readonly SessionFacts[]): LocalDate[] {
  const dates = new Set(
    sessions.filter((s) => isCompleted(s) && s.kind === 'personal').map((s) => s.localDate),
  );
  return [...dates].sort(compareLocalDates);
}

/**
 * The current streak of consecutive focused days. A streak that ran through yesterday is still
 * alive today (needsToday) and keeps its length; one that ended earlier is 0. Dates after `today`
 * are ignored; duplicates and order do not matter.
 */
export function streak(focusedDates: readonly LocalDate[], today: LocalDate): Streak {
  const dates = new Set(focusedDates);
  const yesterday = addDays(today, -1);
  const includesToday = dates.has(today);
  if (!includesToday && !dates.has(yesterday)) return { length: 0, includesToday: false, needsToday: false };
  let length = 0;
  for (let day = includesToday ? today : yesterday; dates.has(day); day = addDays(day, -1)) length++;
  return { length, includesToday, needsToday: !includesToday };
}

/** The longest run of consecutive focused days ever, for reports. */
export function longestStreak(focusedDates: readonly LocalDate[]): number {
  const dates = [...new Set(focusedDates)].sort(compareLocalDates);
  let longest = 0;
  let current = 0;
  dates.forEach((date, i) => {
    const previous = dates[i - 1];
    current = previous !== undefined && daysBetween(previous, date) === 1 ? current + 1 : 1;
    longest = Math.max(longest, current);
  });
  return longest;
}

/** The 0..4 level of a day with `focusMinutes` of focus (see INTENSITY_THRESHOLDS_MINUTES). */
export function intensityLevel(focusMinutes: number): IntensityLevel {
  return INTENSITY_THRESHOLDS_MINUTES.filter((threshold) => focusMinutes >= threshold)
    .length as IntensityLevel;
}

/** Focus per day for `count` days from `start`, with intensity levels: a month or a year heat-map. */
export function focusHeatmap(
  sessions: readonly SessionFacts[],
  start: LocalDate,
  count: number,
): HeatmapDay[] {
  const seconds = new Map<LocalDate, number>();
  for (const s of sessions) {
    if (isCompleted(s))
      seconds.set(s.localDate, (seconds.get(s.localDate) ?? 0) + Math.max(0, s.focusSeconds ?? 0));
  }
  return listDates(start, count).map((date) => {
    const focusSeconds = seconds.get(date) ?? 0;
    const focusMinutes = toMinutes(focusSeconds);
    return { date, focusSeconds, focusMinutes, level: intensityLevel(focusMinutes) };
  });
}

/** Every day of the month holding `anyDateInMonth`, with its focus and intensity level. */
export function monthHeatmap(sessions: readonly SessionFacts[], anyDateInMonth: LocalDate): MonthHeatmap {
  const start = startOfMonth(anyDateInMonth);
  return { month: start.slice(0, 7), days: focusHeatmap(sessions, start, daysInMonth(start)) };
}
