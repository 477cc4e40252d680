import { bigint, boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * A person's passkeys (WebAuthn credentials). `id` is the credential id (base64url), which the
 * authenticator sends back at sign-in; `public_key` is the COSE key (base64url). `counter` is the
 * last signature counter seen: uint32 on the wire, so bigint (it can pass 2^31). It only moves
 * forward, by a conditional UPDATE, so two instances never both accept one response.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull(),
    transports: text('transports').array().notNull().default([]),
    /** 'singleDevice' or 'multiDevice' (a synced passkey), as the authenticator said. */
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkeys_user_idx').on(t.userId)],
);

/**
 * The challenges of WebAuthn ceremonies under way, kept in the database (not in memory) so any
 * instance can check the answer. Short-lived and single use: `used_at` is set by a conditional
 * UPDATE before the answer is checked. `user_id` is null for a sign-in with a passkey alone (the
 * person is not known until the answer names its credential).
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    challenge: text('challenge').primaryKey(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** 'register' | 'sign-in' | 'second-factor' */
    purpose: text('purpose').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('webauthn_challenges_expires_idx').on(t.expiresAt)],
);

export type PasskeyRow = typeof passkeys.$inferSelect;
