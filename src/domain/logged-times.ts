import { AppError } from './errors.ts';
import { addDays, instantAtLocalTime, type LocalDate, startOfLocalDay } from './local-date.ts';

/**
 * When a session logged afterwards really happened. A session belongs to the day it started on
 * (as a timer run does), so the start lies on the session's local day and the end may run past
 * midnight; a start and end further apart than this are one sitting no longer, most likely a slip.
 */
export const MAX_LOGGED_SPAN_HOURS = 12;

export type LoggedTimes = { startedAt: Date; endedAt: Date };

/**
 * Reads the times typed on a past day's sheet ('HH:MM', wall clock of `timeZone`) as instants on
 * `date`. An end earlier than the start is read as after midnight, on the next day. Throws
 * 'validation' (fields startTime / endTime) for a malformed time or one the clocks skipped (DST).
 */
export function loggedTimesFromWallClock(
  date: LocalDate,
  times: { startTime: string; endTime: string },
  timeZone: string,
): LoggedTimes {
  const endDate = times.endTime < times.startTime ? addDays(date, 1) : date;
  return {
    startedAt: wallClockInstant(date, times.startTime, timeZone, 'startTime'),
    endedAt: wallClockInstant(endDate, times.endTime, timeZone, 'endTime'),
  };
}

function wallClockInstant(date: LocalDate, time: string, timeZone: string, field: string): Date {
  const fail = (message: string) => new AppError('validation', message, { fields: { [field]: message } });
  let instant: Date | null;
  try {
    instant = instantAtLocalTime(date, time, timeZone);
  } catch {
    throw fail('Use a time such as 14:30.');
  }
  if (!instant) throw fail(`The clocks skipped ${time} that night; use a time just after the change.`);
  return instant;
}

/**
 * Checks the real times of a session logged afterwards against its day (`date` in the person's
 * `timeZone`, DST included) and `now`: the end comes after the start, the start lies on the day
 * (from its midnight up to the next), nothing lies in the future, and the two are at most
 * MAX_LOGGED_SPAN_HOURS apart. Throws 'validation' naming startedAt or endedAt.
 */
export function assertLoggedTimesFit(times: LoggedTimes, date: LocalDate, timeZone: string, now: Date): void {
  const start = times.startedAt.getTime();
  const end = times.endedAt.getTime();
  const fail = (field: 'startedAt' | 'endedAt', message: string) => {
    throw new AppError('validation', message, { fields: { [field]: message }, details: { date, timeZone } });
  };
  if (Number.isNaN(start) || Number.isNaN(end)) fail('startedAt', 'Give the start and end as times.');
  if (end <= start) fail('endedAt', 'The end must come after the start.');
  const dayStart = startOfLocalDay(date, timeZone).getTime();
  const nextDayStart = startOfLocalDay(addDays(date, 1), timeZone).getTime();
  if (start < dayStart || start >= nextDayStart) {
    fail('startedAt', `The session starts on its own day, ${date} (in ${timeZone}).`);
  }
  if (end > now.getTime()) fail('endedAt', 'That end is still to come; log only time that has passed.');
  if (end - start > MAX_LOGGED_SPAN_HOURS * 3_600_000) {
    fail('endedAt', `Keep the start and end within ${MAX_LOGGED_SPAN_HOURS} hours of each other.`);
  }
}
