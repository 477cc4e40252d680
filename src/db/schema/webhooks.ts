import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { DELIVERY_STATUSES, DISABLED_REASONS } from '../../domain/webhook-events.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

/**
 * Where a person (or, for a team's events, a team admin) wants events POSTed. The signing secret
 * is sealed by the secret box (purpose 'webhook-secret'); after a rotation the previous one keeps
 * signing too until `previousSecretExpiresAt`, so receivers can switch without missing a delivery.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Set for a team's endpoint: it receives that team's events while its owner may see them. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    secretSealed: text('secret_sealed').notNull(),
    previousSecretSealed: text('previous_secret_sealed'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    /** Null while enabled. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason', { enum: DISABLED_REASONS }),
    /** When the current run of failed attempts began; null after a success. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('webhook_endpoints_user_idx').on(t.userId, t.createdAt),
    index('webhook_endpoints_team_idx').on(t.teamId),
  ],
);

/**
 * One event for one endpoint: the outbox row written in the transaction of the change, then the
 * delivery log. Its id makes the `webhook-id` header, the same on every attempt and resend.
 * `nextAttemptAt` is also the lease: a worker pushes it past its own timeout when it claims a
 * row, so a worker killed mid-flight leaves the row due again, with the same id.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The team a team event is about: checked again against the owner's membership when sent. */
    teamId: uuid('team_id'),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    durationMs: integer('duration_ms'),
    /** The first characters of the receiver's answer, as text; pages escape it. */
    responseSnippet: text('response_snippet'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_created_idx').on(t.createdAt),
    check('webhook_deliveries_attempts_valid', sql`${t.attempts} >= 0`),
  ],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
