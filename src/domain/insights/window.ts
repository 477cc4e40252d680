import {
  addDays,
  daysBetween,
  type LocalDate,
  localDateOf,
  startOfLocalDay,
  startOfWeek,
  type WeekStart,
} from '../local-date.ts';
import type { InsightInput, SessionFact, SwitchFact } from './types.ts';

/**
 * How many weeks before the current one the rules look back at. Insights speak of recent habits,
 * and a fixed window keeps their cost the same after five years of history as after five weeks.
 */
export const HISTORY_WEEKS = 8;

export interface InsightWindow {
  /** The first day read: the current week's first day, HISTORY_WEEKS weeks back. */
  from: LocalDate;
  /** Today, the last day read. */
  to: LocalDate;
  /** The same days as instants, for times such as context switches: [fromInstant, toInstant). */
  fromInstant: Date;
  toInstant: Date;
}

/** The days (and instants) of history the insights of `now` are computed from. */
export function insightWindow(now: Date, timeZone: string, weekStart: WeekStart): InsightWindow {
  const to = localDateOf(now, timeZone);
  const from = addDays(startOfWeek(to, weekStart), -7 * HISTORY_WEEKS);
  return {
    from,
    to,
    fromInstant: startOfLocalDay(from, timeZone),
    toInstant: startOfLocalDay(addDays(to, 1), timeZone),
  };
}

/** The input with what every rule asks about it worked out once. */
export interface InsightContext {
  input: InsightInput;
  today: LocalDate;
  /** The first day of the current week: the period of weekly insights. */
  weekStart: LocalDate;
  /** Whole days of the current week before today, 0..6. */
  daysGone: number;
  /** Sessions of the window up to today; later (planned) days are left out. */
  sessions: SessionFact[];
  switches: SwitchFact[];
  /** First instant of each week, 0 = current week, back to HISTORY_WEEKS. */
  weekStarts: Date[];
}

export function buildInsightContext(input: InsightInput): InsightContext {
  const window = insightWindow(input.now, input.timeZone, input.weekStart);
  const weekStart = startOfWeek(window.to, input.weekStart);
  const weekStarts = Array.from({ length: HISTORY_WEEKS + 1 }, (_, k) =>
    startOfLocalDay(addDays(weekStart, -7 * k), input.timeZone),
  );
  return {
    input,
    today: window.to,
    weekStart,
    daysGone: daysBetween(weekStart, window.to),
    sessions: input.sessions.filter((s) => s.localDate >= window.from && s.localDate <= window.to),
    switches: input.switches.filter((s) => s.occurredAt >= window.fromInstant && s.occurredAt <= input.now),
    weekStarts,
  };
}

/** 0 for the current week, 1 for the week before, and so on. */
export function weeksAgoOfDate(ctx: InsightContext, date: LocalDate): number {
  return -Math.floor(daysBetween(ctx.weekStart, date) / 7);
}

/** Like weeksAgoOfDate for an instant, by the person's local week boundaries; -1 before the window. */
export function weeksAgoOfInstant(ctx: InsightContext, instant: Date): number {
  return ctx.weekStarts.findIndex((start) => instant >= start);
}

export function isCompleted(session: SessionFact): boolean {
  return session.state === 'completed';
}

/** Focus of the completed sessions given, in seconds. */
export function sumFocusSeconds(sessions: readonly SessionFact[]): number {
  return sessions.reduce((sum, s) => sum + (isCompleted(s) ? Math.max(0, s.focusSeconds ?? 0) : 0), 0);
}

/** Sessions of the last `days` days up to today (today included). */
export function sessionsOfLastDays(ctx: InsightContext, days: number): SessionFact[] {
  const first = addDays(ctx.today, -(days - 1));
  return ctx.sessions.filter((s) => s.localDate >= first);
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes since local midnight at `instant` in `timeZone` (0..1439), as the wall clock reads. */
export function localMinuteOfDay(instant: Date, timeZone: string): number {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: 'numeric',
      minute: 'numeric',
    });
    clockFormatters.set(timeZone, formatter);
  }
  let hour = 0;
  let minute = 0;
  for (const part of formatter.formatToParts(instant)) {
    if (part.type === 'hour') hour = Number(part.value);
    if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}
