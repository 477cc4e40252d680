import type { LocalDate } from '../../../domain/local-date.ts';
import { percentOf } from '../../../domain/percent.ts';

const utcNoon = (date: LocalDate) => new Date(`${date}T12:00:00Z`);
const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const fullDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const months = {
  short: new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }),
  long: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** "Mon" */
export const formatWeekday = (date: LocalDate) => weekday.format(utcNoon(date));
/** "6 Apr" */
export const formatShortDate = (date: LocalDate) => shortDate.format(utcNoon(date));
/** "6 Apr 2026" */
export const formatFullDate = (date: LocalDate) => fullDate.format(utcNoon(date));
/** "Apr" or "April 2026" */
export const formatMonth = (date: LocalDate, style: 'short' | 'long') => months[style].format(utcNoon(date));

/** "6 – 12 Apr 2026", "28 Mar – 3 Apr 2026", "1 Dec 2025 – 31 Jan 2026", or one day. */
export function formatRange(from: LocalDate, to: LocalDate): string {
  if (from === to) return formatFullDate(from);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const sameMonth = sameYear && from.slice(0, 7) === to.slice(0, 7);
  const start = sameMonth
    ? String(Number(from.slice(8)))
    : sameYear
      ? formatShortDate(from)
      : formatFullDate(from);
  return `${start} – ${formatFullDate(to)}`;
}

/** "43%": `part` of `whole`, rounded as every percentage is (percentOf). */
export const formatPercent = (part: number, whole: number) => `${percentOf(part, whole)}%`;

/** "1 day", "3 days" */
export { plural } from '../../../domain/plural.ts';
