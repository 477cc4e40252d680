import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authSessions } from './auth.ts';
import { users } from './users.ts';

/**
 * A sign-in provider's account linked to ours. `(provider, subject)` is the key: the provider's
 * stable id for the person (OIDC `sub`, GitHub's numeric user id), never the email, which the
 * person can change there. `email` is what the provider said last, for display only.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    email: text('email'),
    emailVerified: boolean('email_verified').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('user_identities_provider_subject_key').on(t.provider, t.subject),
    index('user_identities_user_idx').on(t.userId),
  ],
);

/**
 * A provider sign-in on its way: what the callback must check (state, nonce, PKCE verifier) kept
 * in the database so any instance can finish it. Keyed by the SHA-256 of the state, which also
 * lives in a cookie of the browser that started it; single use (deleted when claimed), 10 minutes.
 * `user_id`/`sign_in_id` are set when a signed-in person links a provider from Settings.
 */
export const oauthFlows = pgTable(
  'oauth_flows',
  {
    stateHash: text('state_hash').primaryKey(),
    provider: text('provider').notNull(),
    mode: text('mode', { enum: ['sign-in', 'link'] }).notNull(),
    codeVerifier: text('code_verifier').notNull(),
    nonce: text('nonce').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    signInId: text('sign_in_id').references(() => authSessions.id, { onDelete: 'cascade' }),
    remember: boolean('remember').notNull().default(true),
    timeZone: text('time_zone').notNull().default('UTC'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oauth_flows_expires_idx').on(t.expiresAt)],
);

/** Single-use links that prove a person reads the mailbox of their account's email. */
export const emailVerifications = pgTable(
  'email_verifications',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The address the link was sent to: it verifies that one only. */
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('email_verifications_user_idx').on(t.userId)],
);

export type UserIdentityRow = typeof userIdentities.$inferSelect;
export type OauthFlowRow = typeof oauthFlows.$inferSelect;
