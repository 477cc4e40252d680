import { z } from 'zod';
import { AppError } from './errors.ts';
import { isValidTimeZone, MAX_TIME_ZONE_LENGTH, parseLocalDate, WEEK_STARTS } from './local-date.ts';
import { describeResourceLink } from './resource-link.ts';

// The field concepts: each defined once here (or beside its vocabulary, as preferences.ts does).
// src/domain/inputs/ composes them into one schema per use case, which the API route (and so the
// OpenAPI document), the form parser and the service all parse with.

/** A session's planned length, in whole minutes. */
export const MIN_SESSION_MINUTES = 5;
export const MAX_SESSION_MINUTES = 240;
export const MAX_GOAL_LENGTH = 255;
export const MAX_NOTES_LENGTH = 20_000;
export const MAX_SKIP_REASON_LENGTH = 255;

// PostgreSQL text cannot hold NUL; other control characters and line breaks have no place in one line.
export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

const underLength = (what: string, maxLength: number) =>
  `Keep ${what} under ${(maxLength + 1).toLocaleString('en-US')} characters.`;

/** One trimmed line of text (`what` names it in messages: 'the title'), at most `maxLength` long. */
export function oneLine(maxLength: number, what: string) {
  return z
    .string({ message: `Enter ${what} as text.` })
    .trim()
    .max(maxLength, underLength(what, maxLength))
    .refine((s) => !hasControlCharacter(s), `Keep ${what} to one line.`);
}

/** Text of several lines (`what`: 'the description'), at most `maxLength` long; trimmed if asked. */
export function multiLine(maxLength: number, what: string, options: { isTrimmed: boolean }) {
  const text = z.string({ message: `Enter ${what} as text.` });
  const sentenceStart = `${what[0]!.toUpperCase()}${what.slice(1)}`;
  return (options.isTrimmed ? text.trim() : text)
    .max(maxLength, underLength(what, maxLength))
    .refine((s) => !s.includes('\u0000'), `${sentenceStart} contains a character that cannot be saved.`);
}

/** One of a fixed vocabulary (work-values.ts), refused with the list of what is allowed. */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { message: `Choose one of ${values.join(', ')}.` });
}

const LINK_MESSAGE = 'Use a link starting with http:// or https://.';
/** An absolute http(s) link, trimmed, at most 2,000 characters (see describeResourceLink). */
export const LinkField = z
  .string({ message: LINK_MESSAGE })
  .trim()
  .max(2000, 'Keep the link under 2,001 characters.')
  .refine((s) => describeResourceLink(s) !== null, LINK_MESSAGE);

/** The id of one of the person's records: a UUID, else `message` ('Choose one of your tasks.'). */
export const recordId = (message: string) => z.uuid({ message });

/** A session's id as the API writes it; what it names is checked by the service (404, not 422). */
export const SessionIdField = z.string().max(64);

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
  // The shape alone, which parseLocalDate checks too; stated here, the OpenAPI document shows it.
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date such as 2026-04-06.')
  .refine((s) => parseLocalDate(s) !== null, 'Use a date such as 2026-04-06.');

const TIME_ZONE_MESSAGE = 'Choose a time zone such as Europe/Berlin or America/New_York.';
// The length is one isValidTimeZone checks too; stated here, the OpenAPI document shows it.
export const TimeZoneField = z
  .string()
  .trim()
  .max(MAX_TIME_ZONE_LENGTH, TIME_ZONE_MESSAGE)
  .refine(isValidTimeZone, { message: TIME_ZONE_MESSAGE });

/** The focus a person aims for in a week; the low-focus insight measures against it. */
export const WeeklyFocusTarget = z.coerce
  .number({ message: 'Enter a number of minutes.' })
  .int('Use whole minutes.')
  .min(30, 'At least 30 minutes a week.')
  .max(6000, 'At most 6,000 minutes (100 hours) a week.');

export const WeekStartField = z.enum(WEEK_STARTS, { message: 'Choose Monday, Sunday or Saturday.' });

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
