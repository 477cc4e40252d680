import { z } from 'zod';
import { SessionLengthPreference, TimeZoneField, WeeklyFocusTarget } from './fields.ts';
import { WEEK_STARTS } from './local-date.ts';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const PreferencesInput = z.object({
  timeZone: TimeZoneField,
  sessionLengthMinutes: SessionLengthPreference,
  weeklyFocusTargetMinutes: WeeklyFocusTarget,
  weekStart: z.enum(WEEK_STARTS, { message: 'Choose Monday, Sunday or Saturday.' }),
  theme: z.enum(THEMES, { message: 'Choose system, light or dark.' }),
});
export type Preferences = z.infer<typeof PreferencesInput>;
