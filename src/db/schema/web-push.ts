import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authSessions } from './auth.ts';
import { focusSessions } from './focus-sessions.ts';
import { users } from './users.ts';

/**
 * A device that asked for time's-up notifications with its tab closed (Web Push). It belongs to
 * the sign-in that created it: signing that device out (or its sign-in expiring) deletes the
 * subscription with it (cascade), since a signed-out phone must not hear about the person's timer
 * and could not answer a notification's buttons anyway. Made with a token, it has no sign-in.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    authSessionId: text('auth_session_id').references(() => authSessions.id, { onDelete: 'cascade' }),
    /** The push service's URL for this device; unique, as one browser profile has one. */
    endpoint: text('endpoint').notNull().unique(),
    /** The device's P-256 public key and 16-byte auth secret (base64url), for RFC 8291 encryption. */
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    /** The push service refused our key (403, after a VAPID key change): the device must subscribe again. */
    needsResubscribe: boolean('needs_resubscribe').notNull().default(false),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId, t.createdAt)],
);

/**
 * One time's-up push claimed for one device: written before the push is sent, so a worker killed
 * mid-send and retried (or a second instance) finds it and sends nothing more. A keep-going moves
 * the planned end, and so makes a new key.
 */
export const pushDeliveries = pgTable(
  'push_deliveries',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => focusSessions.id, { onDelete: 'cascade' }),
    plannedEnd: timestamp('planned_end', { withTimezone: true }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.sessionId, t.plannedEnd] }),
    index('push_deliveries_session_idx').on(t.sessionId),
  ],
);

/**
 * Values made once and shared by every instance (the generated VAPID key pair on PostgreSQL):
 * created with insert … on conflict do nothing and read back, so all instances agree.
 */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
