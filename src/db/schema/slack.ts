import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authSessions } from './auth.ts';
import { users } from './users.ts';

/** Why a Slack connection stopped working: the words Slack used (`token_revoked`, …). */
export const SLACK_STATUSES = ['connected', 'disconnected'] as const;
export type SlackConnectionStatus = (typeof SLACK_STATUSES)[number];

/**
 * A person's Slack connection (one per person): a user token sealed with the secret box (purpose
 * 'slack-token'), what auth.test said about it, the status we write during a session, and what we
 * need to put things back: the status the person had before ours (captured the first time ours is
 * applied) and what we applied, so a status they set themselves meanwhile is left alone.
 */
export const slackConnections = pgTable(
  'slack_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    sealedToken: text('sealed_token').notNull(),
    teamId: text('team_id').notNull(),
    teamName: text('team_name').notNull(),
    slackUserId: text('slack_user_id').notNull(),
    status: text('status').$type<SlackConnectionStatus>().notNull().default('connected'),
    /** Slack's error code when it refused the token (token_revoked, invalid_auth, account_inactive). */
    disconnectedReason: text('disconnected_reason'),
    disconnectedAt: timestamp('disconnected_at', { withTimezone: true }),
    statusTemplate: text('status_template').notNull().default('In deep work until {end}'),
    statusEmoji: text('status_emoji').notNull().default(':headphones:'),
    setDnd: boolean('set_dnd').notNull().default(true),
    /** The person's own status, saved just before ours replaced it. */
    previousText: text('previous_text'),
    previousEmoji: text('previous_emoji'),
    previousExpiration: timestamp('previous_expiration', { withTimezone: true }),
    /** Whether our status is on their profile now, for which session, with which words, until when. */
    isApplied: boolean('is_applied').notNull().default(false),
    appliedSessionId: uuid('applied_session_id'),
    appliedText: text('applied_text'),
    appliedEmoji: text('applied_emoji'),
    appliedUntil: timestamp('applied_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('slack_connections_status_valid', sql`${t.status} in ('connected', 'disconnected')`)],
);

/** OAuth `state` values handed out by /settings/slack/connect: single use, bound to a sign-in. */
export const slackOauthStates = pgTable('slack_oauth_states', {
  /** SHA-256 of the state, so a database read cannot complete someone's OAuth flow. */
  stateHash: text('state_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  signInId: text('sign_in_id')
    .notNull()
    .references(() => authSessions.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export type SlackConnectionRow = typeof slackConnections.$inferSelect;
