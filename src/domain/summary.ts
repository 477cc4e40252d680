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
import { percentOf } from './percent.ts';
import { type SessionRef, SLOTS, type SlotKind } from './sheet.ts';
import { isSessionOpen, type TimerState } from './timer.ts';

/** What the numbers need to know of a session; a stored row has all of it. */
export type SessionFacts = SessionRef & { kind: SlotKind } & Pick<
    TimerState,
    'focusSeconds' | 'isFlagged' | 'loggedAfterwards'
  >;

/**
 * How a set of slots stands: the numbers of the daily summary ("2 of 4 done · 50% · 1 in progress
 * · 2 open · 0 skipped"). Every slot is in exactly one of completed, skipped or open; in progress
 * (active or paused) is the part of open that has been started. A slot nobody touched is open.
 */
export interface SlotCounts {
  completed: number;
  total: number;
  /** completed of total as a whole percentage (percentOf: half up, 0..100, 0 of 0 is 0). */
  percent: number;
  /** Active or paused. */
  inProgress: number;
  /** Neither completed nor skipped: total - completed - skipped; in progress ones included. */
  open: number;
  skipped: number;
}

/** The counts of one kind of slot, or of all four ('sessions'), as flat fields: personalOpen, sessionsPercent. */
export type ScopedCounts<Scope extends string> = {
  [Measure in keyof SlotCounts as `${Scope}${Capitalize<Measure>}`]: number;
};

/** Anything that carries the three scopes' counts: a day's progress or a week's summary. */
export type AllCounts = ScopedCounts<'personal'> & ScopedCounts<'admin'> & ScopedCounts<'sessions'>;

/** One scope's counts read back from the flat fields. */
export function countsOf(all: AllCounts, scope: 'personal' | 'admin' | 'sessions'): SlotCounts {
  return {
    completed: all[`${scope}Completed`],
    total: all[`${scope}Total`],
    percent: all[`${scope}Percent`],
    inProgress: all[`${scope}InProgress`],
    open: all[`${scope}Open`],
    skipped: all[`${scope}Skipped`],
  };
}

interface DayFlags {
  /** At least one personal session completed: the day counts for the streak. */
  isFocused: boolean;
  /** All four slots completed. */
  isFull: boolean;
  focusSeconds: number;
  focusMinutes: number;
}

/** A day's numbers: personal (3 slots), admin (1) and the whole day (4), told apart. */
export type DayProgress = AllCounts & DayFlags;

export type DaySummary = DayProgress & {
  date: LocalDate;
  dayOfWeek: DayOfWeek;
};

/** The week's counts are its seven days' added up: a full week holds 21 personal and 7 admin slots. */
export type WeekSummary = AllCounts & {
  start: LocalDate;
  /** The last day of the week, inclusive. */
  end: LocalDate;
  /** Seven days from `start`, for the week strip. */
  days: DaySummary[];
  focusSeconds: number;
  focusMinutes: number;
  focusedDays: number;
  fullDays: number;
  flaggedSessions: number;
};

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

/** What a slot counts as, from its rows: a completed row wins over a skipped one, which wins over a started one. */
function standingOf(rows: readonly SessionFacts[]): 'completed' | 'skipped' | 'inProgress' | 'open' {
  if (rows.some(isCompleted)) return 'completed';
  if (rows.some((s) => s.state === 'skipped')) return 'skipped';
  if (rows.some((s) => isSessionOpen(s.state))) return 'inProgress';
  return 'open';
}

/** The counts of one day's slots of `kind` (all four without one), one standing per slot. */
function countSlots(sessions: readonly SessionFacts[], kind?: SlotKind): SlotCounts {
  const slots = SLOTS.filter((s) => kind === undefined || s.kind === kind);
  const standings = slots.map(({ slot }) => standingOf(sessions.filter((s) => s.slot === slot)));
  const count = (standing: ReturnType<typeof standingOf>) => standings.filter((s) => s === standing).length;
  return withPercent({
    completed: count('completed'),
    total: slots.length,
    inProgress: count('inProgress'),
    skipped: count('skipped'),
  });
}

function withPercent(c: Omit<SlotCounts, 'percent' | 'open'>): SlotCounts {
  return { ...c, percent: percentOf(c.completed, c.total), open: c.total - c.completed - c.skipped };
}

type DayCounts = Record<'personal' | 'admin' | 'sessions', SlotCounts>;

function countDay(sessions: readonly SessionFacts[]): DayCounts {
  return {
    personal: countSlots(sessions, 'personal'),
    admin: countSlots(sessions, 'admin'),
    sessions: countSlots(sessions),
  };
}

/** Days added up; the percentage is taken of the sums, never averaged from the days'. */
function addCounts(counts: readonly SlotCounts[]): SlotCounts {
  const sum = (pick: (c: SlotCounts) => number) => counts.reduce((total, c) => total + pick(c), 0);
  return withPercent({
    completed: sum((c) => c.completed),
    total: sum((c) => c.total),
    inProgress: sum((c) => c.inProgress),
    skipped: sum((c) => c.skipped),
  });
}

function flatCounts({ personal, admin, sessions }: DayCounts): AllCounts {
  return {
    personalCompleted: personal.completed,
    personalTotal: personal.total,
    personalPercent: personal.percent,
    personalInProgress: personal.inProgress,
    personalOpen: personal.open,
    personalSkipped: personal.skipped,
    adminCompleted: admin.completed,
    adminTotal: admin.total,
    adminPercent: admin.percent,
    adminInProgress: admin.inProgress,
    adminOpen: admin.open,
    adminSkipped: admin.skipped,
    sessionsCompleted: sessions.completed,
    sessionsTotal: sessions.total,
    sessionsPercent: sessions.percent,
    sessionsInProgress: sessions.inProgress,
    sessionsOpen: sessions.open,
    sessionsSkipped: sessions.skipped,
  };
}

/**
 * Progress of one day's sessions (pass that day's only): completed, in progress, open and skipped
 * of personal x/3, admin x/1 and the whole day x/4, each with its percentage. Counts slots, not
 * rows, so a duplicated row cannot push past the totals, and a slot with no row is open.
 */
export function dayProgress(sessions: readonly SessionFacts[]): DayProgress {
  const counts = countDay(sessions);
  const { personal, admin } = counts;
  const focusSeconds = sessions
    .filter(isCompleted)
    .reduce((sum, s) => sum + Math.max(0, s.focusSeconds ?? 0), 0);
  return {
    ...flatCounts(counts),
    isFocused: personal.completed > 0,
    isFull: personal.completed === personal.total && admin.completed === admin.total,
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
  const dates = listDates(start, 7);
  const days = dates.map((date) => ({
    date,
    dayOfWeek: dayOfWeek(date),
    ...dayProgress(byDate.get(date) ?? []),
  }));
  const counts = dates.map((date) => countDay(byDate.get(date) ?? []));
  const inWeek = dates.flatMap((date) => byDate.get(date) ?? []);
  const focusSeconds = days.reduce((total, d) => total + d.focusSeconds, 0);
  return {
    start,
    end: addDays(start, 6),
    days,
    ...flatCounts({
      personal: addCounts(counts.map((c) => c.personal)),
      admin: addCounts(counts.map((c) => c.admin)),
      sessions: addCounts(counts.map((c) => c.sessions)),
    }),
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
