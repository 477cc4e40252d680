import { localDateOf } from './local-date.ts';
import { isSessionOpen, type TimerState, timeUpAt } from './timer.ts';

/**
 * The team focus board: what each member's focus looks like to the rest of the team. Only the
 * timer of a member's open session is read, never its goal or notes; its main task is named only
 * when it is a task of this team. Times read in the viewer's time zone.
 */

export const FOCUS_STATUSES = ['focus', 'break', 'not_working'] as const;
export type FocusStatus = (typeof FOCUS_STATUSES)[number];

/** The timer fields of an open session the board reads: nothing the person wrote. */
export type BoardTimer = Pick<
  TimerState,
  'state' | 'plannedMinutes' | 'extensionSeconds' | 'accumulatedMs' | 'activeSince'
>;

export type BoardTask = { id: string; title: string };

/** What is known of one member: their choice, and (only if they share) their open session. */
export type MemberFocus = {
  sharesFocus: boolean;
  /** Their open session: the running one, else a paused one; null when none is open. */
  session: BoardTimer | null;
  /** The session's main task, only when it is a task of this team. */
  teamTask: BoardTask | null;
};

export type BoardEntry = {
  /** Null for a member who does not share their focus: nothing about them is shown. */
  status: FocusStatus | null;
  /** The planned end of the running session, while it lies ahead. */
  until: Date | null;
  /** When they are next reachable: the end of their running session; null when nothing is planned ahead. */
  reachableAt: Date | null;
  /** Running past its planned end ("Keep going" not pressed yet, or in flow). */
  isPastPlannedEnd: boolean;
  task: BoardTask | null;
  /** "in focus until 10:45 on “Fix the login bug”", "on a break", "not working"… */
  label: string;
  /** What `label` becomes once `until` has passed, so an open page can change it by itself. */
  labelAfterUntil: string | null;
};

export const NOT_SHARING_LABEL = 'not sharing their focus';

const NOT_SHARING: BoardEntry = {
  status: null,
  until: null,
  reachableAt: null,
  isPastPlannedEnd: false,
  task: null,
  label: NOT_SHARING_LABEL,
  labelAfterUntil: null,
};

/**
 * The board entry of one member at `now`, its times written for a viewer in `viewerTimeZone`.
 * A member who does not share gets the same entry whatever they do; a paused session is a break;
 * a running one is focus until its planned end, and past it "in focus, past the planned end" with
 * no time to wait for.
 */
export function boardEntryOf(member: MemberFocus, now: Date, viewerTimeZone: string): BoardEntry {
  if (!member.sharesFocus) return NOT_SHARING;
  const { session } = member;
  const base = { until: null, reachableAt: null, isPastPlannedEnd: false, task: null, labelAfterUntil: null };
  if (!session || !isSessionOpen(session.state)) {
    return { ...base, status: 'not_working', label: 'not working' };
  }
  if (session.state === 'paused') return { ...base, status: 'break', label: 'on a break' };
  const task = member.teamTask;
  const what = task ? `“${task.title}”` : 'a private session';
  const overtime = `in focus on ${what}, past the planned end`;
  const end = timeUpAt(session);
  if (!end || end.getTime() <= now.getTime()) {
    return { ...base, status: 'focus', isPastPlannedEnd: true, task, label: overtime };
  }
  return {
    status: 'focus',
    until: end,
    reachableAt: end,
    isPastPlannedEnd: false,
    task,
    label: `in focus until ${boardTimeOf(end, now, viewerTimeZone)} on ${what}`,
    labelAfterUntil: overtime,
  };
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: object) {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    cache.set(timeZone, format);
  }
  return format;
}

/**
 * An instant as the board writes it in `timeZone`: "10:45", as the sheet writes times, with the
 * weekday ("Tue 00:15") when it falls on another day than `now` there.
 */
export function boardTimeOf(instant: Date, now: Date, timeZone: string): string {
  const clock = formatIn(clockFormats, timeZone, { hour: '2-digit', minute: '2-digit' }).format(instant);
  if (localDateOf(instant, timeZone) === localDateOf(now, timeZone)) return clock;
  return `${formatIn(weekdayFormats, timeZone, { weekday: 'short' }).format(instant)} ${clock}`;
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

/**
 * Whether a change from `before` to `after` can change what a board shows: the session is open on
 * one side (the board reads open sessions only) and its state or timing differs: start, pause,
 * resume, complete, skip or reset of a paused one, undo, keep going. An edit of the goal or notes
 * changes neither, so typing never reaches the team; nor does logging, replanning or changing the
 * length of a session that is not open.
 */
export function changesTeamFocus(before: BoardTimer, after: BoardTimer): boolean {
  if (!isSessionOpen(before.state) && !isSessionOpen(after.state)) return false;
  return (
    before.state !== after.state ||
    before.plannedMinutes !== after.plannedMinutes ||
    before.extensionSeconds !== after.extensionSeconds ||
    before.accumulatedMs !== after.accumulatedMs ||
    !sameInstant(before.activeSince, after.activeSince)
  );
}
