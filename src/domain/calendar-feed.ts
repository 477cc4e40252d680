import { type IcalEvent, renderCalendar } from './ical.ts';
import { addDays, type LocalDate, localDateOf } from './local-date.ts';
import { isSlotNumber, labelOfSlot } from './sheet.ts';
import type { SessionState } from './timer.ts';

/**
 * What a person's calendar feed shows: their sessions of the last months and the weeks ahead, as
 * calendar events. Pure: sessions, the time and the host come in, iCalendar text goes out.
 */

/** The feed covers this many days back and ahead of today, so its size stays bounded for years. */
export const FEED_PAST_DAYS = 90;
export const FEED_FUTURE_DAYS = 30;
/** Calendar apps are asked to fetch again after this many minutes (most take their own time anyway). */
export const FEED_REFRESH_MINUTES = 60;

const OUTCOME_LABELS = {
  done: 'Done',
  progressed: 'Progressed',
  blocked: 'Blocked',
  nothing: 'Nothing came of it',
} as const;

/** The fields of a stored session the feed needs. */
export interface FeedSession {
  id: string;
  localDate: LocalDate;
  slot: number;
  goal: string;
  state: SessionState;
  plannedMinutes: number;
  extensionSeconds: number;
  startedAt: Date | null;
  endedAt: Date | null;
  focusSeconds: number | null;
  loggedAfterwards: boolean;
  outcome: keyof typeof OUTCOME_LABELS | null;
  outcomeNote: string;
  version: number;
  updatedAt: Date;
}

export type FeedWindow = { from: LocalDate; to: LocalDate };

/** The local dates the feed covers at `now` for a person in `timeZone` (both ends included). */
export function feedWindow(now: Date, timeZone: string): FeedWindow {
  const today = localDateOf(now, timeZone);
  return { from: addDays(today, -FEED_PAST_DAYS), to: addDays(today, FEED_FUTURE_DAYS) };
}

/** Whether a session belongs in the feed: it was worked on, or it has a plan worth seeing. */
export function isInFeed(session: Pick<FeedSession, 'state' | 'goal'>): boolean {
  // Skipped sessions stay out: a calendar full of crossed-out blocks reads as reproach, and a
  // skip needs no reminder elsewhere. A planned slot without a goal is only an empty line.
  if (session.state === 'skipped') return false;
  if (session.state === 'planned') return session.goal.trim() !== '';
  return true;
}

function summaryOf(session: FeedSession): string {
  const label = isSlotNumber(session.slot) ? labelOfSlot(session.slot) : 'Session';
  const goal = session.goal.trim();
  return goal ? `${label} · ${goal}` : label;
}

function minutes(seconds: number): string {
  const whole = Math.round(seconds / 60);
  return whole === 1 ? '1 minute' : `${whole} minutes`;
}

function descriptionOf(session: FeedSession): string {
  const lines: string[] = [];
  if (session.state === 'completed') {
    lines.push(`${minutes(session.focusSeconds ?? 0)} of focus.`);
    if (session.loggedAfterwards) lines.push('Logged afterwards.');
  } else if (session.state === 'planned') {
    lines.push(`Planned for ${minutes(session.plannedMinutes * 60)}.`);
  } else {
    // No "started 12 minutes ago": calendar apps keep a fetched feed for hours.
    lines.push(session.state === 'paused' ? 'Paused.' : 'In progress.');
  }
  if (session.outcome) {
    const note = session.outcomeNote.trim();
    lines.push(`Outcome: ${OUTCOME_LABELS[session.outcome]}${note ? ` (${note})` : ''}.`);
  }
  return lines.join('\n');
}

/** A whole-day event on the session's local date. */
function allDay(session: FeedSession): Pick<IcalEvent, 'start' | 'end'> {
  return { start: { date: session.localDate }, end: { date: addDays(session.localDate, 1) } };
}

/**
 * Where a session sits in the calendar. Sessions that ran sit at their real times, in UTC, so
 * every client shows them right in any zone and across DST. Planned sessions have a day but no
 * time (the sheet is an order of work, not a timetable), so they become all-day events marked
 * free: guessing an hour would block the person's calendar for others and be wrong most days.
 * A session logged with its real start and end sits at those times; one logged with minutes only
 * has no times and is all-day too.
 */
function timesOf(session: FeedSession, now: Date): Pick<IcalEvent, 'start' | 'end'> {
  const start = session.startedAt;
  if (!start || session.state === 'planned') return allDay(session);
  const targetMs = (session.plannedMinutes * 60 + session.extensionSeconds) * 1000;
  // A running or paused session is expected to take at least its target.
  const end =
    session.state === 'completed' && session.endedAt
      ? session.endedAt.getTime()
      : Math.max(now.getTime(), start.getTime() + targetMs);
  // A calendar event needs some length; a session completed in its first minute still gets one.
  return { start: { at: start }, end: { at: new Date(Math.max(end, start.getTime() + 60_000)) } };
}

/** One calendar event for a session; its UID is the session's id at `host`, stable forever. */
export function sessionEvent(session: FeedSession, host: string, now: Date): IcalEvent {
  // Busy where it really happened: timer runs, and sessions logged with their real times.
  const hasRun = session.state !== 'planned' && session.startedAt !== null;
  return {
    uid: `${session.id}@${host}`,
    // The session's own last change, not the time of the fetch: an unchanged session then reads
    // the same on every fetch, and clients see no phantom updates.
    stamp: session.updatedAt,
    lastModified: session.updatedAt,
    sequence: session.version,
    ...timesOf(session, now),
    summary: summaryOf(session),
    description: descriptionOf(session),
    status: session.state === 'planned' ? 'TENTATIVE' : 'CONFIRMED',
    isTransparent: !hasRun,
  };
}

/**
 * The person's calendar: every session in the feed, ordered by day and slot. `host` names the
 * server in event UIDs; `timeZone` is only a display hint, all times being UTC or whole dates.
 */
export function sessionCalendar(
  sessions: readonly FeedSession[],
  options: { host: string; now: Date; timeZone: string },
): string {
  const events = sessions
    .filter(isInFeed)
    .sort((a, b) => (a.localDate === b.localDate ? a.slot - b.slot : a.localDate < b.localDate ? -1 : 1))
    .map((session) => sessionEvent(session, options.host, options.now));
  return renderCalendar({
    prodId: '-//Deepsheet//Calendar feed 1.0//EN',
    name: 'Deepsheet',
    description: 'Your planned and completed focus sessions.',
    timeZone: options.timeZone,
    refreshMinutes: FEED_REFRESH_MINUTES,
    events,
  });
}
