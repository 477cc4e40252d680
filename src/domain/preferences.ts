import { z } from 'zod';
import { isValidTimeZone } from './local-date.ts';

export const WEEK_STARTS = ['monday', 'sunday', 'saturday'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];
export type Theme = (typeof THEMES)[number];

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

export const PreferencesInput = z.object({
  timeZone: TimeZoneField,
  sessionLengthMinutes: SessionLengthPreference,
  weeklyFocusTargetMinutes: WeeklyFocusTarget,
  weekStart: z.enum(WEEK_STARTS, { message: 'Choose Monday, Sunday or Saturday.' }),
  theme: z.enum(THEMES, { message: 'Choose system, light or dark.' }),
});
export type Preferences = z.infer<typeof PreferencesInput>;

export const EmailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email({ message: 'Enter an email address such as you@example.com.' }));
