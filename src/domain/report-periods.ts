import { AppError } from './errors.ts';
import {
  addDays,
  compareLocalDates,
  daysBetween,
  daysInMonth,
  type LocalDate,
  parseLocalDate,
  startOfMonth,
  startOfWeek,
  type WeekStart,
} from './local-date.ts';

/** An inclusive range of local dates; `days` counts both ends. */
export type ReportRange = { from: LocalDate; to: LocalDate; days: number };
export type ReportPeriod = 'week' | 'month' | 'custom';

/**
 * The longest range a report covers: three years (one of them may be a leap year). Longer ones
 * belong in an export; the limit keeps one request's reading bounded.
 */
export const MAX_REPORT_DAYS = 3 * 365 + 1;

function rangeError(message: string, field: 'from' | 'to'): AppError {
  return new AppError('validation', message, { fields: { [field]: message } });
}

/**
 * Reads an inclusive range from two 'YYYY-MM-DD' strings. Throws 'validation' (naming the field)
 * for a malformed date, `from` after `to`, or more than MAX_REPORT_DAYS days.
 */
export function parseReportRange(from: string | undefined, to: string | undefined): ReportRange {
  const start = from === undefined ? null : parseLocalDate(from);
  if (!start) throw rangeError('Give the first day as a date such as 2026-04-06.', 'from');
  const end = to === undefined ? null : parseLocalDate(to);
  if (!end) throw rangeError('Give the last day as a date such as 2026-04-12.', 'to');
  if (compareLocalDates(start, end) > 0)
    throw rangeError('The first day must not be after the last day.', 'to');
  const days = daysBetween(start, end) + 1;
  if (days > MAX_REPORT_DAYS)
    throw rangeError('A report covers at most 3 years; choose a shorter range.', 'to');
  return { from: start, to: end, days };
}

/** The week holding `date`, beginning on the person's first day of the week. */
export function weekRange(date: LocalDate, weekStart: WeekStart): ReportRange {
  const from = startOfWeek(date, weekStart);
  return { from, to: addDays(from, 6), days: 7 };
}

/** The calendar month holding `date`. */
export function monthRange(date: LocalDate): ReportRange {
  const from = startOfMonth(date);
  const days = daysInMonth(from);
  return { from, to: addDays(from, days - 1), days };
}

/**
 * The period before (step -1) or after (step 1) `range`: the neighbouring week or month, or for
 * a custom range the same number of days right before or after it.
 */
export function shiftRange(range: ReportRange, period: ReportPeriod, step: -1 | 1): ReportRange {
  if (period === 'month') return monthRange(step < 0 ? addDays(range.from, -1) : addDays(range.to, 1));
  const from = addDays(range.from, step * range.days);
  return { from, to: addDays(from, range.days - 1), days: range.days };
}

/** What a person may ask for: a custom range, or a week or month holding a date (default today). */
export type ReportRequest = {
  from?: string | undefined;
  to?: string | undefined;
  period?: string | undefined;
  date?: string | undefined;
};

/**
 * The range a request names. `from`/`to` (both needed) make a custom range; otherwise `period`
 * ('week', the default, or 'month') holds `date` (default `today`). Throws 'validation' naming
 * the field for anything else.
 */
export function resolveReportRange(
  request: ReportRequest,
  today: LocalDate,
  weekStart: WeekStart,
): { period: ReportPeriod; range: ReportRange } {
  if (request.from !== undefined || request.to !== undefined)
    return { period: 'custom', range: parseReportRange(request.from, request.to) };
  const period = request.period ?? 'week';
  if (period !== 'week' && period !== 'month') {
    const message = 'Choose week or month, or give a first and last day.';
    throw new AppError('validation', message, { fields: { period: message } });
  }
  const date = request.date === undefined ? today : parseLocalDate(request.date);
  if (!date) {
    const message = 'Use a date such as 2026-04-06.';
    throw new AppError('validation', message, { fields: { date: message } });
  }
  return { period, range: period === 'week' ? weekRange(date, weekStart) : monthRange(date) };
}
