import { AppError } from './errors.ts';

/**
 * A calendar date as the person sees it on their wall calendar, 'YYYY-MM-DD'. It names a day, not
 * an instant: which instants belong to it depends on a time zone (see startOfLocalDay).
 */
export type LocalDate = string;

/** The day a person's week begins on (a preference; see startOfWeek). */
export const WEEK_STARTS = ['monday', 'sunday', 'saturday'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];

/** Dates people may enter or send us; arithmetic may step a little outside (see MIN/MAX_COMPUTED_YEAR). */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2200;
const MIN_COMPUTED_YEAR = 1000;
const MAX_COMPUTED_YEAR = 9999;

/** 0 is Sunday, as in Date#getUTCDay. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const FIRST_DAY_OF_WEEK: Record<WeekStart, DayOfWeek> = { sunday: 0, monday: 1, saturday: 6 };

/** Days since 1970-01-01, or null when `text` is not a real calendar date inside [minYear, maxYear]. */
function dayNumberOf(text: string, minYear: number, maxYear: number): number | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < minYear || year > maxYear || month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

function toDayNumber(date: LocalDate): number {
  const n = dayNumberOf(date, MIN_COMPUTED_YEAR, MAX_COMPUTED_YEAR);
  if (n === null) throw new AppError('validation', 'Use a date such as 2026-04-06.', { fields: { date } });
  return n;
}

function fromDayNumber(n: number): LocalDate {
  const d = new Date(n * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (year < MIN_COMPUTED_YEAR || year > MAX_COMPUTED_YEAR) {
    throw new AppError('validation', 'That date is out of range.', { details: { year } });
  }
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * Reads exactly 'YYYY-MM-DD' naming a real date in MIN_YEAR..MAX_YEAR; anything else (2026-02-30,
 * 2026-13-01, '2026-4-6', surrounding spaces, a time part) is null. The edge's way into LocalDate.
 */
export function parseLocalDate(text: string): LocalDate | null {
  return dayNumberOf(text, MIN_YEAR, MAX_YEAR) === null ? null : text;
}

/** The date `n` days after (or before, when negative) `date`. Throws 'validation' on a malformed date. */
export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n))
    throw new AppError('validation', 'Days must be a whole number.', { details: { n } });
  return fromDayNumber(toDayNumber(date) + n);
}

/** Negative when a is earlier, 0 when equal, positive when later; usable with Array#sort. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** Whole days from `from` to `to`: 1 for yesterday to today, negative when `to` is earlier. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday .. 6 = Saturday. */
export function dayOfWeek(date: LocalDate): DayOfWeek {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 4) % 7) + 7) % 7) as DayOfWeek;
}

/** The first day of the week holding `date`, for a week that begins on `weekStart`. */
export function startOfWeek(date: LocalDate, weekStart: WeekStart): LocalDate {
  const back = (dayOfWeek(date) - FIRST_DAY_OF_WEEK[weekStart] + 7) % 7;
  return addDays(date, -back);
}

/** The first day of the month holding `date`. */
export function startOfMonth(date: LocalDate): LocalDate {
  toDayNumber(date);
  return `${date.slice(0, 8)}01`;
}

/** How many days the month holding `date` has (28..31). */
export function daysInMonth(date: LocalDate): number {
  toDayNumber(date);
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The `count` consecutive dates starting at `start`. */
export function listDates(start: LocalDate, count: number): LocalDate[] {
  const first = toDayNumber(start);
  return Array.from({ length: count }, (_, i) => fromDayNumber(first + i));
}

// ---- time zones -------------------------------------------------------------------------------

export const MAX_TIME_ZONE_LENGTH = 64;
// IANA names: one to three segments, each starting with a capital letter ('Etc/GMT+5', 'Port-au-Prince').
const TIME_ZONE_PATTERN = /^[A-Z][A-Za-z0-9_+-]*(?:\/[A-Z][A-Za-z0-9_+-]*){0,2}$/;
// Names some systems accept that describe the server's files or configuration, not a place.
const SYSTEM_ZONE_PREFIXES = ['posix/', 'right/', 'systemv/'];
const SYSTEM_ZONE_NAMES = new Set(['localtime', 'posixrules', 'factory']);

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * True for an IANA time zone name the runtime knows, spelled as IANA spells it ('Europe/Berlin',
 * 'Asia/Calcutta', 'UTC'). Refuses paths, system names (localtime, posix/..., right/..., SystemV/...,
 * Factory), case variants such as 'europe/berlin', empty and over-long strings.
 */
export function isValidTimeZone(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_TIME_ZONE_LENGTH) return false;
  if (!TIME_ZONE_PATTERN.test(name)) return false;
  const lower = name.toLowerCase();
  if (SYSTEM_ZONE_NAMES.has(lower) || SYSTEM_ZONE_PREFIXES.some((p) => lower.startsWith(p))) return false;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  // Intl matches case-insensitively; a name it merely re-capitalises is not the IANA spelling.
  return resolved === name || resolved.toLowerCase() !== lower;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  if (!isValidTimeZone(timeZone)) {
    throw new AppError('validation', 'Unknown time zone.', { fields: { timeZone } });
  }
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    calendar: 'gregory',
    numberingSystem: 'latn',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  formatters.set(timeZone, formatter);
  return formatter;
}

/** The wall-clock reading at `ms` in `timeZone`, expressed as if it were a UTC instant (whole seconds). */
function wallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The zone's offset from UTC at `ms`, in milliseconds (east positive). */
function offsetMs(ms: number, timeZone: string): number {
  return wallClockMs(ms, timeZone) - Math.floor(ms / 1000) * 1000;
}

function assertValidInstant(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new AppError('validation', 'Invalid instant.');
  return ms;
}

/**
 * The zone's offset from UTC at `instant` in milliseconds, east positive (7_200_000 for Berlin in
 * summer). Reports use it to place focus in local hours without a formatter call per minute.
 */
export function utcOffsetMs(instant: Date, timeZone: string): number {
  return offsetMs(assertValidInstant(instant), timeZone);
}

/** The date on the wall calendar in `timeZone` at `instant`. Throws 'validation' for an unknown zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const wall = wallClockMs(assertValidInstant(instant), timeZone);
  return fromDayNumber(Math.floor(wall / MS_PER_DAY));
}

/**
 * The first instant of `date` in `timeZone`: local midnight, correct across DST. Where the clocks
 * jump over midnight (America/Santiago in September, Asia/Beirut in March) the day begins at the
 * jump; where midnight happens twice, at its first occurrence. A date a zone skipped entirely
 * (Pacific/Apia, 2011-12-30) gets the start of the next day: a day of zero length. Throws
 * 'validation' for bad input.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const midnight = toDayNumber(date) * MS_PER_DAY;
  // Offsets a day either side bracket any transition near midnight; try the earlier candidate first.
  const before = offsetMs(midnight - MS_PER_DAY, timeZone);
  const after = offsetMs(midnight + MS_PER_DAY, timeZone);
  const candidates = [midnight - before, midnight - after].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (wallClockMs(candidate, timeZone) === midnight) return new Date(candidate);
  }
  // Midnight was skipped: the clock leapt from 23:59:59 of the day before into this day.
  return new Date(midnight - before);
}

/**
 * Milliseconds from `now` to the start of the next local day in `timeZone`, always > 0; a page that
 * stays open uses it to roll over to the new day's sheet.
 */
export function millisecondsUntilNextLocalMidnight(now: Date, timeZone: string): number {
  const tomorrow = addDays(localDateOf(now, timeZone), 1);
  return startOfLocalDay(tomorrow, timeZone).getTime() - now.getTime();
}

const WALL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The instant the wall clock in `timeZone` reads `time` ('HH:MM', 00:00..23:59) on `date`,
 * correct across DST. A reading that happens twice (clocks set back) is its first occurrence, as
 * for startOfLocalDay; a reading the clocks jumped over (02:30 on a spring-forward night) is null.
 * Throws 'validation' for a malformed date, time or zone.
 */
export function instantAtLocalTime(date: LocalDate, time: string, timeZone: string): Date | null {
  const match = WALL_TIME_PATTERN.exec(time);
  if (!match) throw new AppError('validation', 'Use a time such as 14:30.', { fields: { time } });
  const wall = toDayNumber(date) * MS_PER_DAY + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  const before = offsetMs(wall - MS_PER_DAY, timeZone);
  const after = offsetMs(wall + MS_PER_DAY, timeZone);
  const candidates = [wall - before, wall - after].sort((a, b) => a - b);
  const found = candidates.find((candidate) => wallClockMs(candidate, timeZone) === wall);
  return found === undefined ? null : new Date(found);
}
