import { z } from 'zod';
import { isValidTimeZone, MAX_TIME_ZONE_LENGTH } from './local-date.ts';

export const WEEK_STARTS = ['monday', 'sunday', 'saturday'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];
export type Theme = (typeof THEMES)[number];

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
export const ThemeField = z.enum(THEMES, { message: 'Choose system, light or dark.' });

export const EmailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email({ message: 'Enter an email address such as you@example.com.' }));
