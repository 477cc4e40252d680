import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * A person's authenticator-app secret (TOTP), sealed with the server's SECRET (purpose
 * 'totp-secret'). Unconfirmed while `confirmed_at` is null: two-factor sign-in is on only once a
 * code from the app was accepted. `last_accepted_step` is the TOTP step of the last code accepted;
 * it only moves forward, by a conditional UPDATE, so no instance accepts the same code twice.
 */
export const userTotp = pgTable('user_totp', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  sealedSecret: text('sealed_secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastAcceptedStep: bigint('last_accepted_step', { mode: 'number' }),
});

/**
 * Single-use recovery codes (80 random bits each). Only a SHA-256 of each code with the user id is
 * stored; `used_at` is set by a conditional UPDATE, so a code works once.
 */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('recovery_codes_user_code_key').on(t.userId, t.codeHash)],
);

/**
 * A sign-in halfway through: the password was right and the second factor is still to come. The
 * cookie holds a random token; only its SHA-256 is stored. Short-lived and single use; it is not a
 * session and opens nothing but the second-step page.
 */
export const twoFactorChallenges = pgTable(
  'two_factor_challenges',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    remember: boolean('remember').notNull(),
    /**
     * Whether a passkey may answer this second step: not when a passkey was the first step (one
     * whose authenticator did not verify the person), or one device would stand for both factors.
     */
    passkeyAllowed: boolean('passkey_allowed').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('two_factor_challenges_user_idx').on(t.userId),
    index('two_factor_challenges_expires_idx').on(t.expiresAt),
  ],
);

export type UserTotpRow = typeof userTotp.$inferSelect;
