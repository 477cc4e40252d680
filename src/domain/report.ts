import { compareLocalDates, type LocalDate, listDates } from './local-date.ts';
import { localHourOf, spreadOverLocalHours } from './report-hours.ts';
import type { ReportRange } from './report-periods.ts';
import { completedPersonalDates, longestStreak, type SessionFacts, type Streak } from './summary.ts';
import type { TimerState } from './timer.ts';
import { SWITCH_REASONS, type SwitchReason, TASK_TYPES, type TaskType } from './work-values.ts';

export const REPORT_OUTCOMES = ['done', 'progressed', 'blocked', 'nothing'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** A session as a report needs it: the summary facts plus when it ran, its outcome and main task. */
export type ReportSession = SessionFacts &
  Pick<TimerState, 'startedAt' | 'overtimeSeconds'> & {
    outcome: ReportOutcome | null;
    /** The session's main task, if it has one; its project may be gone or never set. */
    mainTask: { type: TaskType; projectId: string | null; projectName: string | null } | null;
  };

/** An interruption, on the local day of the session it interrupted. */
export type ReportSwitch = { localDate: LocalDate; reason: SwitchReason };

export type ReportInput = {
  range: ReportRange;
  /** Today in the person's time zone: slots of later days are not counted as planned. */
  today: LocalDate;
  timeZone: string;
  sessions: readonly ReportSession[];
  switches: readonly ReportSwitch[];
  /** The streak up to today, which may reach back before the range (see summary.ts `streak`). */
  currentStreak: Streak;
};

export type FocusSplit = { focusMinutes: number; personalMinutes: number; adminMinutes: number };
export type ReportDay = FocusSplit & { date: LocalDate; completed: number };
export type ReportBucket = { focusMinutes: number; sessions: number };
export type ReportProject = ReportBucket & { projectId: string | null; name: string | null };
export type ReportTaskType = ReportBucket & { type: TaskType | 'none' };
export type ReportHour = { hour: number; focusMinutes: number; completed: number };

export interface Report {
  range: ReportRange;
  today: LocalDate;
  sessions: {
    /**
     * Every stored slot of the days in the range up to today, whatever its state. A day is stored
     * with all four slots once anything on it was touched, so an untouched day counts nothing and
     * a touched one counts four; days after today count nothing (their plans are not yet due).
     */
    planned: number;
    completed: number;
    skipped: number;
    personalCompleted: number;
    adminCompleted: number;
    /** completed / planned, 0..1; null when nothing was planned. */
    completionRate: number | null;
  };
  /** Focus of completed sessions (focusSeconds), in whole minutes; overtime is part of it. */
  focus: FocusSplit & {
    overtimeMinutes: number;
    /** Days with at least one completed personal session. */
    focusedDays: number;
    /** Focus of sessions logged afterwards with minutes only: they have no start, so byHour leaves them out. */
    unplacedMinutes: number;
  };
  streaks: { current: Streak; longestInRange: number };
  byDay: ReportDay[];
  /** Busiest first; `projectId: null` gathers sessions without a main task or whose task has no project. */
  byProject: ReportProject[];
  /** Every task type in TASK_TYPES order, then 'none' (no main task). */
  byTaskType: ReportTaskType[];
  /** 24 local hours; focus is laid out from startedAt for focusSeconds (see focusByHour). */
  byHour: ReportHour[];
  switches: {
    total: number;
    /** Interruptions per hour of focus; null without focus. */
    perFocusHour: number | null;
    byReason: { reason: SwitchReason; count: number }[];
  };
  outcomes: Record<ReportOutcome | 'none', number>;
}

/**
 * What the breakdowns below read of a session, so a team report (whose sessions carry more: the
 * member, the task) is built with the same functions.
 */
export type CountedSession = Pick<ReportSession, 'localDate' | 'kind' | 'state' | 'focusSeconds'> & {
  mainTask: Pick<NonNullable<ReportSession['mainTask']>, 'type' | 'projectId' | 'projectName'> | null;
};

export const toMinutes = (seconds: number) => Math.round(seconds / 60);
export const focusOf = (s: Pick<ReportSession, 'focusSeconds'>) => Math.max(0, s.focusSeconds ?? 0);

/** Focus of `sessions` in whole minutes, in total and by slot kind. */
export function splitOf(sessions: readonly CountedSession[]): FocusSplit {
  const sum = (kind?: ReportSession['kind']) =>
    sessions.filter((s) => !kind || s.kind === kind).reduce((total, s) => total + focusOf(s), 0);
  return {
    focusMinutes: toMinutes(sum()),
    personalMinutes: toMinutes(sum('personal')),
    adminMinutes: toMinutes(sum('admin')),
  };
}

/** Focus seconds and session counts of `sessions`, grouped by `keyOf`, in first-seen order. */
export function bucketsBy<S extends CountedSession, K>(sessions: readonly S[], keyOf: (s: S) => K) {
  const seconds = new Map<K, { seconds: number; sessions: number }>();
  for (const s of sessions) {
    const key = keyOf(s);
    const bucket = seconds.get(key) ?? { seconds: 0, sessions: 0 };
    bucket.seconds += focusOf(s);
    bucket.sessions += 1;
    seconds.set(key, bucket);
  }
  return seconds;
}

/** Focus per project of `completed`, busiest first, `projectId: null` last. */
export function byProjectOf(completed: readonly CountedSession[]): ReportProject[] {
  const names = new Map<string | null, string | null>([[null, null]]);
  for (const s of completed)
    if (s.mainTask?.projectId) names.set(s.mainTask.projectId, s.mainTask.projectName);
  const buckets = bucketsBy(completed, (s) => s.mainTask?.projectId ?? null);
  return [...buckets]
    .map(([projectId, b]) => ({
      projectId,
      name: names.get(projectId) ?? null,
      focusMinutes: toMinutes(b.seconds),
      sessions: b.sessions,
    }))
    .sort(
      (a, b) =>
        Number(a.projectId === null) - Number(b.projectId === null) ||
        b.focusMinutes - a.focusMinutes ||
        b.sessions - a.sessions ||
        (a.name ?? '').localeCompare(b.name ?? ''),
    );
}

/** Focus per task type of `completed`: every type in TASK_TYPES order, then 'none'. */
export function byTaskTypeOf(completed: readonly CountedSession[]): ReportTaskType[] {
  const buckets = bucketsBy(completed, (s) => s.mainTask?.type ?? 'none');
  return [...TASK_TYPES, 'none' as const].map((type) => {
    const b = buckets.get(type);
    return { type, focusMinutes: toMinutes(b?.seconds ?? 0), sessions: b?.sessions ?? 0 };
  });
}

/** Focus and completed sessions per local day of `range`, every day listed. */
export function byDayOf(completed: readonly CountedSession[], range: ReportRange): ReportDay[] {
  const byDate = new Map<LocalDate, CountedSession[]>();
  for (const s of completed) byDate.set(s.localDate, [...(byDate.get(s.localDate) ?? []), s]);
  return listDates(range.from, range.days).map((date) => {
    const ofDay = byDate.get(date) ?? [];
    return { date, completed: ofDay.length, ...splitOf(ofDay) };
  });
}

/**
 * Focus per local hour. A session's focus is laid out in one piece from its first start for
 * focusSeconds, split across the hours it covers: exact for a session never paused, a little
 * early for one that was (pauses are not stored one by one). A session logged afterwards with its
 * real start and end is laid out the same way; one logged with minutes only has no start and is
 * left out. A completed session counts in the hour it started.
 */
export function focusByHour(sessions: readonly ReportSession[], timeZone: string): ReportHour[] {
  const ms = Array.from({ length: 24 }, () => 0);
  const completed = Array.from({ length: 24 }, () => 0);
  for (const s of sessions) {
    if (s.state !== 'completed' || !s.startedAt) continue;
    const start = s.startedAt.getTime();
    spreadOverLocalHours(start, start + focusOf(s) * 1000, timeZone, (hour, part) => {
      ms[hour] = (ms[hour] ?? 0) + part;
    });
    const hour = localHourOf(s.startedAt, timeZone);
    completed[hour] = (completed[hour] ?? 0) + 1;
  }
  return ms.map((part, hour) => ({
    hour,
    focusMinutes: Math.round(part / 60_000),
    completed: completed[hour] ?? 0,
  }));
}

/** Interruptions in total, per hour of `focusSeconds` (null without focus) and by reason, every reason listed. */
export function switchesOf(
  switches: readonly Pick<ReportSwitch, 'reason'>[],
  focusSeconds: number,
): Report['switches'] {
  return {
    total: switches.length,
    perFocusHour:
      focusSeconds === 0 ? null : Math.round((switches.length / (focusSeconds / 3600)) * 100) / 100,
    byReason: SWITCH_REASONS.map((reason) => ({
      reason,
      count: switches.filter((s) => s.reason === reason).length,
    })),
  };
}

/** How many of `sessions` were planned (those `due`), completed and skipped. */
export function sessionCountsOf(
  sessions: readonly Pick<CountedSession, 'state'>[],
  due: readonly Pick<CountedSession, 'state'>[],
): Pick<Report['sessions'], 'planned' | 'completed' | 'skipped'> {
  return {
    planned: due.length,
    completed: sessions.filter((s) => s.state === 'completed').length,
    skipped: sessions.filter((s) => s.state === 'skipped').length,
  };
}

/** Whether a local date lies in `range`, both ends included. */
export function isInRange(range: ReportRange, date: LocalDate): boolean {
  return compareLocalDates(date, range.from) >= 0 && compareLocalDates(date, range.to) <= 0;
}

/**
 * The report of one range: what was planned, done and skipped, focus in total and by day,
 * project, task type and local hour, streaks, interruptions and outcomes. Sessions and switches
 * outside the range are ignored, so callers may pass a little more than asked.
 */
export function buildReport(input: ReportInput): Report {
  const { range, today } = input;
  const inRange = (date: LocalDate) => isInRange(range, date);
  const sessions = input.sessions.filter((s) => inRange(s.localDate));
  const completed = sessions.filter((s) => s.state === 'completed');
  const due = sessions.filter((s) => compareLocalDates(s.localDate, today) <= 0);
  const switches = input.switches.filter((s) => inRange(s.localDate));
  const focus = splitOf(completed);
  const focusedDates = completedPersonalDates(sessions);
  const outcomes = { done: 0, progressed: 0, blocked: 0, nothing: 0, none: 0 };
  for (const s of completed) outcomes[s.outcome ?? 'none'] += 1;
  const focusSeconds = completed.reduce((total, s) => total + focusOf(s), 0);

  return {
    range,
    today,
    sessions: {
      ...sessionCountsOf(sessions, due),
      personalCompleted: completed.filter((s) => s.kind === 'personal').length,
      adminCompleted: completed.filter((s) => s.kind === 'admin').length,
      completionRate: due.length === 0 ? null : Math.min(1, completed.length / due.length),
    },
    focus: {
      ...focus,
      overtimeMinutes: toMinutes(completed.reduce((t, s) => t + Math.max(0, s.overtimeSeconds ?? 0), 0)),
      focusedDays: focusedDates.length,
      unplacedMinutes: toMinutes(completed.filter((s) => !s.startedAt).reduce((t, s) => t + focusOf(s), 0)),
    },
    streaks: { current: input.currentStreak, longestInRange: longestStreak(focusedDates) },
    byDay: byDayOf(completed, range),
    byProject: byProjectOf(completed),
    byTaskType: byTaskTypeOf(completed),
    byHour: focusByHour(completed, input.timeZone),
    switches: switchesOf(switches, focusSeconds),
    outcomes,
  };
}
