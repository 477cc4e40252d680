import type { LocalDate } from '../../../domain/local-date.ts';

/** 31:42, or 1:05:09 past an hour. */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes);
  return `${hours > 0 ? `${hours}:` : ''}${mm}:${String(seconds).padStart(2, '0')}`;
}

/** "45 min", "1 h 30 min". */
export function formatMinutes(totalMinutes: number): string {
  const m = Math.max(0, Math.round(totalMinutes));
  if (m < 60) return `${m} min`;
  const rest = m % 60;
  return rest === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${rest} min`;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const longFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const weekdayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'narrow', timeZone: 'UTC' });

function utcNoon(date: LocalDate): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "Mon 6 Apr" */
export function formatDay(date: LocalDate): string {
  return dayFormat.format(utcNoon(date)).replace(',', '');
}

/** "Monday 6 April 2026" */
export function formatDayLong(date: LocalDate): string {
  return longFormat.format(utcNoon(date)).replace(',', '');
}

/** "M" */
export function formatWeekdayLetter(date: LocalDate): string {
  return weekdayFormat.format(utcNoon(date));
}

/** "6 April 2026": the day an instant falls on in the person's time zone. */
export function formatDateOf(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(at);
}

/** "6 April 2026, 10:42": an instant as the person's clock shows it. */
export function formatInstant(at: Date, timeZone: string): string {
  return `${formatDateOf(at, timeZone)}, ${new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at)}`;
}
