import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import {
  addDays,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  instantAtLocalTime,
  isValidTimeZone,
  listDates,
  localDateOf,
  millisecondsUntilNextLocalMidnight,
  parseLocalDate,
  startOfLocalDay,
  startOfMonth,
  startOfWeek,
} from './local-date.ts';

const HOUR = 3_600_000;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseLocalDate', () => {
  it.each(['2026-04-06', '2024-02-29', '2000-02-29', '1970-01-01', '2200-12-31', '2026-12-31'])(
    'accepts the real date %s',
    (text) => {
      expect(parseLocalDate(text)).toBe(text);
    },
  );

  it.each([
    ['2026-02-29', 'no leap day in 2026'],
    ['2100-02-29', 'no leap day in a century year not divisible by 400'],
    ['2026-02-30', 'February never has 30 days'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-04-00', 'day 0'],
    ['1969-12-31', 'before 1970'],
    ['2201-01-01', 'after 2200'],
    ['2026-4-6', 'missing zero padding'],
    ['26-04-06', 'two-digit year'],
    [' 2026-04-06', 'leading space'],
    ['2026-04-06 ', 'trailing space'],
    ['2026-04-06\n', 'trailing newline'],
    ['2026-04-06T00:00', 'a time part'],
    ['2026/04/06', 'slashes'],
    ['20260406', 'no separators'],
    ['+02026-04-06', 'expanded year'],
    ['２０２６-04-06', 'full-width digits'],
    ['', 'empty'],
  ])('refuses %j (%s)', (text) => {
    expect(parseLocalDate(text)).toBeNull();
  });
});

describe('date arithmetic', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-02-29', 365, '2025-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-29', 0, '2026-03-29'],
    ['1970-01-01', -3, '1969-12-29'],
  ])('addDays(%s, %i) is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['2026-02-30', 1],
    ['2026-04-06', 0.5],
    ['yesterday', 1],
  ])('addDays refuses %j + %d with a validation error', (date, n) => {
    expect(codeOf(() => addDays(date, n))).toBe('validation');
  });

  it.each([
    ['2026-04-05', '2026-04-06', -1],
    ['2026-04-06', '2026-04-06', 0],
    ['2027-01-01', '2026-12-31', 1],
    ['2024-02-29', '2024-03-01', -1],
  ])('compareLocalDates(%s, %s) is %i', (a, b, expected) => {
    expect(compareLocalDates(a, b)).toBe(expected);
  });

  it('sorts dates with compareLocalDates', () => {
    expect(['2026-04-06', '2025-12-31', '2026-01-10'].sort(compareLocalDates)).toEqual([
      '2025-12-31',
      '2026-01-10',
      '2026-04-06',
    ]);
  });

  it.each([
    ['2026-02-27', '2026-03-01', 2],
    ['2024-02-27', '2024-03-01', 3],
    ['2026-04-06', '2026-04-05', -1],
    ['2025-12-31', '2026-01-01', 1],
  ])('daysBetween(%s, %s) is %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('lists consecutive dates across a leap day', () => {
    expect(listDates('2024-02-27', 4)).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it.each([
    ['2024-02-10', '2024-02-01', 29],
    ['2026-02-10', '2026-02-01', 28],
    ['2000-02-15', '2000-02-01', 29],
    ['2100-02-01', '2100-02-01', 28],
    ['2026-04-30', '2026-04-01', 30],
    ['2026-12-31', '2026-12-01', 31],
  ])('the month of %s starts %s and has %i days', (date, start, days) => {
    expect(startOfMonth(date)).toBe(start);
    expect(daysInMonth(date)).toBe(days);
  });
});

describe('weeks', () => {
  it.each([
    ['1970-01-01', 4],
    ['2024-02-29', 4],
    ['2026-04-06', 1],
    ['2026-04-11', 6],
    ['2026-04-12', 0],
    ['1969-12-29', 1],
  ])('%s is day %i of the week (0 = Sunday)', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });

  it.each([
    { date: '2026-04-08', monday: '2026-04-06', sunday: '2026-04-05', saturday: '2026-04-04' },
    { date: '2026-04-06', monday: '2026-04-06', sunday: '2026-04-05', saturday: '2026-04-04' },
    { date: '2026-04-11', monday: '2026-04-06', sunday: '2026-04-05', saturday: '2026-04-11' },
    { date: '2026-04-12', monday: '2026-04-06', sunday: '2026-04-12', saturday: '2026-04-11' },
    { date: '2026-01-01', monday: '2025-12-29', sunday: '2025-12-28', saturday: '2025-12-27' },
    { date: '2024-03-01', monday: '2024-02-26', sunday: '2024-02-25', saturday: '2024-02-24' },
  ])('the week of $date starts $monday, $sunday or $saturday', ({ date, monday, sunday, saturday }) => {
    expect(startOfWeek(date, 'monday')).toBe(monday);
    expect(startOfWeek(date, 'sunday')).toBe(sunday);
    expect(startOfWeek(date, 'saturday')).toBe(saturday);
  });
});

describe('localDateOf', () => {
  it.each([
    ['2026-04-05T15:00:00Z', 'Asia/Tokyo', '2026-04-06', 'local midnight in Tokyo is already the next day'],
    ['2026-04-05T14:59:59.999Z', 'Asia/Tokyo', '2026-04-05', 'a millisecond before Tokyo midnight'],
    ['2026-01-01T11:00:00Z', 'Pacific/Auckland', '2026-01-02', 'Auckland midnight in summer time (+13)'],
    ['2026-01-01T10:59:59.999Z', 'Pacific/Auckland', '2026-01-01', 'just before Auckland midnight'],
    ['2026-06-30T12:00:00Z', 'Pacific/Auckland', '2026-07-01', 'Auckland midnight in winter (+12)'],
    ['2026-06-15T10:30:00Z', 'Pacific/Kiritimati', '2026-06-16', '+14 is a day ahead of UTC'],
    ['2026-06-15T10:30:00Z', 'UTC', '2026-06-15', 'the same instant in UTC'],
    ['2026-06-15T10:30:00Z', 'Pacific/Pago_Pago', '2026-06-14', '-11 is a day behind UTC'],
    ['2026-06-15T09:59:59Z', 'Pacific/Kiritimati', '2026-06-15', 'just before midnight at +14'],
    ['2026-06-15T11:00:00Z', 'Pacific/Pago_Pago', '2026-06-15', 'midnight at -11'],
    ['2026-03-28T22:59:59Z', 'Europe/Berlin', '2026-03-28', 'before the spring-forward night'],
    ['2026-03-28T23:00:00Z', 'Europe/Berlin', '2026-03-29', 'midnight of the 23-hour day'],
    ['2026-10-24T22:00:00Z', 'Europe/Berlin', '2026-10-25', 'midnight of the 25-hour day (CEST)'],
    ['2026-10-25T22:59:59Z', 'Europe/Berlin', '2026-10-25', 'last second of the 25-hour day (CET)'],
    ['2026-10-25T23:00:00Z', 'Europe/Berlin', '2026-10-26', 'the day after, in CET'],
    ['2026-03-08T04:59:59Z', 'America/New_York', '2026-03-07', 'before New York spring forward'],
    ['2026-03-08T05:00:00Z', 'America/New_York', '2026-03-08', 'midnight EST'],
    ['2026-11-02T04:59:59Z', 'America/New_York', '2026-11-01', 'last second of the 25-hour day'],
    ['2024-02-29T18:29:59Z', 'Asia/Kolkata', '2024-02-29', 'a leap day at +05:30'],
    ['2024-02-29T18:30:00Z', 'Asia/Kolkata', '2024-03-01', 'after the leap day at +05:30'],
    ['2024-03-01T04:00:00Z', 'America/New_York', '2024-02-29', 'still the leap day in New York'],
  ])('%s in %s is %s (%s)', (instant, timeZone, expected) => {
    expect(localDateOf(new Date(instant), timeZone)).toBe(expected);
  });

  it.each([
    ['Mars/Olympus', new Date('2026-04-06T00:00:00Z')],
    ['localtime', new Date('2026-04-06T00:00:00Z')],
    ['UTC', new Date(Number.NaN)],
  ])('refuses the zone %j or an invalid instant with a validation error', (timeZone, instant) => {
    expect(codeOf(() => localDateOf(instant, timeZone))).toBe('validation');
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z', 'spring-forward day starts in CET'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z', 'the next day starts in CEST'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z', 'fall-back day starts in CEST'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-25T23:00:00.000Z', 'the next day starts in CET'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z', 'spring-forward day starts in EST'],
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z', 'the next day starts in EDT'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z', 'fall-back day starts in EDT'],
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z', 'the next day starts in EST'],
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z', 'midnight skipped: day starts at 01:00'],
    ['2026-04-05', 'America/Santiago', '2026-04-05T04:00:00.000Z', 'clocks fell back from 24:00 to 23:00'],
    ['2026-03-29', 'Asia/Beirut', '2026-03-28T22:00:00.000Z', 'midnight skipped in Beirut'],
    ['2026-10-25', 'Asia/Beirut', '2026-10-24T22:00:00.000Z', 'Beirut falls back at midnight'],
    ['2026-03-08', 'America/Havana', '2026-03-08T05:00:00.000Z', 'midnight skipped in Havana'],
    ['2026-04-05', 'Pacific/Auckland', '2026-04-04T11:00:00.000Z', 'Auckland fall-back day starts at +13'],
    ['2026-04-06', 'Pacific/Auckland', '2026-04-05T12:00:00.000Z', 'the next day starts at +12'],
    ['2024-02-29', 'Asia/Tokyo', '2024-02-28T15:00:00.000Z', 'a leap day in Tokyo'],
    ['2026-06-16', 'Pacific/Kiritimati', '2026-06-15T10:00:00.000Z', '+14'],
    ['2026-06-15', 'Pacific/Pago_Pago', '2026-06-15T11:00:00.000Z', '-11'],
    ['2026-04-06', 'Asia/Kolkata', '2026-04-05T18:30:00.000Z', 'a half-hour offset'],
    ['2026-04-06', 'Asia/Kathmandu', '2026-04-05T18:15:00.000Z', 'a quarter-hour offset'],
    ['2026-04-06', 'UTC', '2026-04-06T00:00:00.000Z', 'UTC'],
    ['2011-12-30', 'Pacific/Apia', '2011-12-30T10:00:00.000Z', 'Samoa skipped this day: zero length'],
    ['2011-12-31', 'Pacific/Apia', '2011-12-30T10:00:00.000Z', 'the day after the skipped one'],
  ])('%s in %s starts at %s (%s)', (date, timeZone, expected) => {
    expect(startOfLocalDay(date, timeZone).toISOString()).toBe(expected);
  });

  it.each([
    'Europe/Berlin',
    'America/New_York',
    'America/Santiago',
    'Asia/Beirut',
    'America/Havana',
    'Pacific/Auckland',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'Australia/Lord_Howe',
    'Asia/Tehran',
  ])('gives the first instant of every day of 2026 in %s', (timeZone) => {
    for (const date of listDates('2026-01-01', 365)) {
      const start = startOfLocalDay(date, timeZone);
      expect(localDateOf(start, timeZone)).toBe(date);
      expect(localDateOf(new Date(start.getTime() - 1), timeZone)).toBe(addDays(date, -1));
    }
  });

  it('refuses a malformed date', () => {
    expect(codeOf(() => startOfLocalDay('2026-02-30', 'UTC'))).toBe('validation');
  });
});

describe('instantAtLocalTime', () => {
  it.each([
    ['2026-04-06', '14:00', 'Europe/Berlin', '2026-04-06T12:00:00.000Z', 'summer time'],
    ['2026-01-06', '14:00', 'Europe/Berlin', '2026-01-06T13:00:00.000Z', 'winter time'],
    ['2026-03-29', '01:30', 'Europe/Berlin', '2026-03-29T00:30:00.000Z', 'before the clocks go forward'],
    ['2026-03-29', '03:00', 'Europe/Berlin', '2026-03-29T01:00:00.000Z', 'just after they went forward'],
    ['2026-10-25', '02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z', 'a repeated reading: the first'],
    ['2026-10-25', '03:00', 'Europe/Berlin', '2026-10-25T02:00:00.000Z', 'after the clocks went back'],
    ['2026-04-06', '00:00', 'Asia/Kolkata', '2026-04-05T18:30:00.000Z', 'a half-hour offset'],
    ['2026-04-06', '23:59', 'UTC', '2026-04-06T23:59:00.000Z', 'the last minute of the day'],
  ])('%s %s in %s is %s (%s)', (date, time, timeZone, expected) => {
    expect(instantAtLocalTime(date, time, timeZone)?.toISOString()).toBe(expected);
  });

  it('is null for a reading the clocks jumped over', () => {
    expect(instantAtLocalTime('2026-03-29', '02:30', 'Europe/Berlin')).toBeNull();
    expect(instantAtLocalTime('2026-03-08', '02:15', 'America/New_York')).toBeNull();
  });

  it.each(['24:00', '9:30', '14:60', '14:30:00', ''])('refuses the time %j', (time) => {
    expect(codeOf(() => instantAtLocalTime('2026-04-06', time, 'UTC'))).toBe('validation');
  });
});

describe('millisecondsUntilNextLocalMidnight', () => {
  it.each([
    ['2026-03-28T22:00:00Z', 'Europe/Berlin', 1 * HOUR, '23:00 CET before the short night'],
    ['2026-03-29T00:00:00Z', 'Europe/Berlin', 22 * HOUR, '01:00 on the 23-hour day'],
    ['2026-10-25T00:00:00Z', 'Europe/Berlin', 23 * HOUR, '02:00 CEST on the 25-hour day'],
    ['2026-04-05T15:00:00Z', 'Asia/Tokyo', 24 * HOUR, 'exactly at midnight: a whole day'],
    ['2026-09-05T23:59:59Z', 'America/Santiago', 4 * HOUR + 1000, 'the next day starts at 01:00'],
    ['2026-04-06T23:59:59.999Z', 'UTC', 1, 'one millisecond left'],
  ])('from %s in %s is %i ms (%s)', (now, timeZone, expected) => {
    expect(millisecondsUntilNextLocalMidnight(new Date(now), timeZone)).toBe(expected);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    'Europe/Berlin',
    'America/Argentina/Buenos_Aires',
    'America/North_Dakota/New_Salem',
    'America/Port-au-Prince',
    'America/New_York',
    'UTC',
    'GMT',
    'Etc/GMT+5',
    'Asia/Kolkata',
    'Asia/Calcutta',
    'Europe/Kyiv',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'US/Eastern',
  ])('accepts %s', (name) => {
    expect(isValidTimeZone(name)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    [`Europe/${'A'.repeat(60)}`, 'longer than 64 characters'],
    ['../etc/passwd', 'a relative path'],
    ['/etc/localtime', 'an absolute path'],
    ['Europe/../UTC', 'a path with ..'],
    ['Europe//Berlin', 'an empty segment'],
    ['Europe/Berlin/', 'a trailing slash'],
    ['Europe\\Berlin', 'a backslash'],
    ['localtime', 'the server zone'],
    ['posixrules', 'a tzdata file'],
    ['Factory', 'the Factory zone'],
    ['posix/Europe/Berlin', 'the posix/ tree'],
    ['right/UTC', 'the right/ tree (leap seconds)'],
    ['SystemV/EST5', 'the SystemV tree'],
    ['europe/berlin', 'wrong case'],
    ['EUROPE/BERLIN', 'wrong case Intl would fix'],
    ['utc', 'lower-case UTC'],
    ['Mars/Olympus', 'unknown'],
    ['Etc/GMT+15', 'no such offset zone'],
    ['+05:00', 'an offset, not a zone'],
    ['Europe/Berlin ', 'trailing space'],
    ['Europe/Berlin\n', 'trailing newline'],
    ['Europe/Berlin\u0000', 'NUL'],
  ])('refuses %j (%s)', (name) => {
    expect(isValidTimeZone(name)).toBe(false);
  });
});
