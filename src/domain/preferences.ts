import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const ThemeField = z.enum(THEMES, { message: 'Choose system, light or dark.' });
