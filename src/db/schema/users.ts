import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased; unique. */
    email: text('email').notNull(),
    /** Null for an account opened through a sign-in provider that has not chosen a password. */
    passwordHash: text('password_hash'),
    /** When the person followed a link we mailed to `email`, or a provider vouched for it at sign-up. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    isAdmin: boolean('is_admin').notNull().default(false),
    timeZone: text('time_zone').notNull().default('UTC'),
    sessionLengthMinutes: integer('session_length_minutes').notNull().default(45),
    weekStart: text('week_start', { enum: ['monday', 'sunday', 'saturday'] })
      .notNull()
      .default('monday'),
    theme: text('theme', { enum: ['system', 'light', 'dark'] })
      .notNull()
      .default('system'),
    /** The focus a person aims for in a week; the low-focus insight measures against it. */
    weeklyFocusTargetMinutes: integer('weekly_focus_target_minutes').notNull().default(600),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('users_session_length_range', sql`${t.sessionLengthMinutes} between 5 and 240`),
    check('users_week_start_valid', sql`${t.weekStart} in ('monday', 'sunday', 'saturday')`),
    check('users_weekly_target_range', sql`${t.weeklyFocusTargetMinutes} between 30 and 6000`),
    check('users_theme_valid', sql`${t.theme} in ('system', 'light', 'dark')`),
  ],
);

export type UserRow = typeof users.$inferSelect;
