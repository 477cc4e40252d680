import { z } from 'zod';
import { SessionLength, TimeZoneField, WeeklyFocusTarget, WeekStartField } from '../fields.ts';
import { ThemeField } from '../preferences.ts';

/** A person's preferences, all of them: what is stored and shown. */
export const PreferencesInput = z.object({
  timeZone: TimeZoneField,
  sessionLengthMinutes: SessionLength,
  weeklyFocusTargetMinutes: WeeklyFocusTarget,
  weekStart: WeekStartField,
  theme: ThemeField,
});
export type Preferences = z.infer<typeof PreferencesInput>;

/** A change to the preferences: fields left out keep their value. */
export const PreferencesPatch = PreferencesInput.partial().strict();
export type PreferencesPatch = z.input<typeof PreferencesPatch>;
