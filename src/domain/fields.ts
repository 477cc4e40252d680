import { z } from 'zod';
import { AppError } from './errors.ts';
import { isValidTimeZone, parseLocalDate } from './local-date.ts';

/** A session's planned length, in whole minutes. */
export const MIN_SESSION_MINUTES = 5;
export const MAX_SESSION_MINUTES = 240;
export const MAX_GOAL_LENGTH = 255;
export const MAX_NOTES_LENGTH = 20_000;
export const MAX_SKIP_REASON_LENGTH = 255;

// PostgreSQL text cannot hold NUL; other control characters and line breaks have no place in one line.
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

function oneLine(maxLength: number, what: string) {
  return z
    .string({ message: `Enter ${what} as text.` })
    .trim()
    .max(maxLength, `Keep ${what} under ${maxLength + 1} characters.`)
    .refine((s) => !hasControlCharacter(s), `Keep ${what} to one line.`);
}

/** What a session is for: one trimmed line, at most 255 characters, may be empty while planning. */
export const SessionGoal = oneLine(MAX_GOAL_LENGTH, 'the goal');

/** Free-form notes and outcome: kept as typed (they save while typing), at most 20,000 characters. */
export const SessionNotes = z
  .string({ message: 'Enter the notes as text.' })
  .max(MAX_NOTES_LENGTH, `Notes can hold up to ${MAX_NOTES_LENGTH.toLocaleString('en-US')} characters.`)
  .refine((s) => !s.includes('\u0000'), 'The notes contain a character that cannot be saved.');

/** Planned length in whole minutes, 5..240; accepts the string a form sends. */
export const SessionLength = z.coerce
  .number({ message: 'Enter a number of minutes.' })
  .int('Use whole minutes.')
  .min(MIN_SESSION_MINUTES, `At least ${MIN_SESSION_MINUTES} minutes.`)
  .max(MAX_SESSION_MINUTES, `At most ${MAX_SESSION_MINUTES} minutes.`);

/** Why a session was skipped: optional, one line. */
export const SkipReason = oneLine(MAX_SKIP_REASON_LENGTH, 'the reason');

/** A calendar date 'YYYY-MM-DD' (see parseLocalDate for what is refused). */
export const LocalDateField = z
  .string({ message: 'Use a date such as 2026-04-06.' })
  .refine((s) => parseLocalDate(s) !== null, 'Use a date such as 2026-04-06.');

export const TimeZoneField = z
  .string()
  .trim()
  .refine(isValidTimeZone, { message: 'Choose a time zone such as Europe/Berlin or America/New_York.' });

export const SessionLengthPreference = z.coerce
  .number({ message: 'Enter a number of minutes.' })
  .int('Use whole minutes.')
  .min(5, 'At least 5 minutes.')
  .max(240, 'At most 240 minutes.');

/** The focus a person aims for in a week; the low-focus insight measures against it. */
export const WeeklyFocusTarget = z.coerce
  .number({ message: 'Enter a number of minutes.' })
  .int('Use whole minutes.')
  .min(30, 'At least 30 minutes a week.')
  .max(6000, 'At most 6,000 minutes (100 hours) a week.');

export const EmailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email({ message: 'Enter an email address such as you@example.com.' }));

/**
 * Parses `value` with `schema` or throws AppError('validation') carrying the first problem under
 * `field`, so domain functions report bad input the same way the edge does.
 */
export function parseField<S extends z.ZodType>(schema: S, field: string, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? 'This value is not valid.';
  throw new AppError('validation', message, { fields: { [field]: message } });
}
