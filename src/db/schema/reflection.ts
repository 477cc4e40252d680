import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const INSIGHT_SEVERITIES = ['info', 'notice', 'warning'] as const;
export const EXPORT_KINDS = [
  'sessions',
  'tasks',
  'context-switches',
  'report',
  'insights',
  'account',
] as const;
export const EXPORT_FORMATS = ['csv', 'json', 'pdf'] as const;
export const EXPORT_STATUSES = ['queued', 'running', 'ready', 'failed'] as const;

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * The insights last computed for a person, one per rule and period. A recompute replaces the
 * undismissed ones; a dismissed row stays, so the same insight does not return for that period.
 */
export const insights = pgTable(
  'insights',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Which rule found it, e.g. 'high-switching'. */
    rule: text('rule').notNull(),
    /** The period it speaks of ('2026-04-06' for a day, the week's first day for a week). */
    periodKey: text('period_key').notNull(),
    severity: text('severity', { enum: INSIGHT_SEVERITIES }).notNull(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    recommendation: text('recommendation').notNull(),
    /** The numbers behind it, shown with it. */
    evidence: jsonb('evidence').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('insights_user_rule_period_key').on(t.userId, t.rule, t.periodKey),
    index('insights_user_idx').on(t.userId, t.computedAt),
    check('insights_severity_valid', sql`${t.severity} in (${inList(INSIGHT_SEVERITIES)})`),
  ],
);

/**
 * An export or report made in the background for a long range: its progress while it runs and
 * the finished file until it expires. Kept in the database so any instance can serve it.
 */
export const exportJobs = pgTable(
  'export_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: EXPORT_KINDS }).notNull(),
    format: text('format', { enum: EXPORT_FORMATS }).notNull(),
    /** What was asked for, e.g. { from, to }. */
    params: jsonb('params').notNull().default({}),
    status: text('status', { enum: EXPORT_STATUSES }).notNull().default('queued'),
    /** 0..100 */
    progress: smallint('progress').notNull().default(0),
    fileName: text('file_name'),
    contentType: text('content_type'),
    content: bytea('content'),
    byteSize: integer('byte_size'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('export_jobs_user_idx').on(t.userId, t.createdAt),
    index('export_jobs_expires_idx').on(t.expiresAt),
    check('export_jobs_kind_valid', sql`${t.kind} in (${inList(EXPORT_KINDS)})`),
    check('export_jobs_format_valid', sql`${t.format} in (${inList(EXPORT_FORMATS)})`),
    check('export_jobs_status_valid', sql`${t.status} in (${inList(EXPORT_STATUSES)})`),
    check('export_jobs_progress_range', sql`${t.progress} between 0 and 100`),
  ],
);

/**
 * A person's private calendar feed. The feed URL carries the row id and an HMAC of it under the
 * app's SECRET, so the URL can be shown again at any time without storing a secret; deleting the
 * row revokes it, and a new row gives a new URL.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('calendar_feeds_user_key').on(t.userId)],
);

export type InsightRow = typeof insights.$inferSelect;
export type ExportJobRow = typeof exportJobs.$inferSelect;
export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;
