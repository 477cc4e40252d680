import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
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

/**
 * One slot of one day's sheet. A day is stored on its first change, all four slots at once; the
 * database itself keeps the 3 + 1 structure (see the triggers in migration 0001): slot 1..4 unique
 * per day, the kind derived from the slot, no slot deleted or moved, and at most one active session
 * per person.
 */
export const focusSessions = pgTable(
  'focus_sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    slot: smallint('slot').notNull(),
    kind: text('kind', { enum: ['personal', 'admin'] })
      .notNull()
      .generatedAlwaysAs(sql`case when slot = 4 then 'admin' else 'personal' end`),
    goal: text('goal').notNull().default(''),
    notes: text('notes').notNull().default(''),
    /** Bumped on every change: the order of a session's versions, as events and the API see them. */
    version: integer('version').notNull().default(1),
    /** Bumped only when the goal / notes text changes: what an editor's save is checked against. */
    goalRevision: integer('goal_revision').notNull().default(0),
    notesRevision: integer('notes_revision').notNull().default(0),
    state: text('state', { enum: ['planned', 'active', 'paused', 'completed', 'skipped'] })
      .notNull()
      .default('planned'),
    plannedMinutes: integer('planned_minutes').notNull(),
    extensionSeconds: integer('extension_seconds').notNull().default(0),
    accumulatedMs: bigint('accumulated_ms', { mode: 'number' }).notNull().default(0),
    activeSince: timestamp('active_since', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    focusSeconds: integer('focus_seconds'),
    overtimeSeconds: integer('overtime_seconds'),
    /** How often the timer was paused, and after how much focus the first pause came: early pauses show fragile sessions. */
    pauseCount: integer('pause_count').notNull().default(0),
    firstPauseFocusSeconds: integer('first_pause_focus_seconds'),
    isFlagged: boolean('is_flagged').notNull().default(false),
    loggedAfterwards: boolean('logged_afterwards').notNull().default(false),
    skipReason: text('skip_reason'),
    /** What came out of the session; optional and never nagged for. */
    outcome: text('outcome', { enum: ['done', 'progressed', 'blocked', 'nothing'] }),
    outcomeNote: text('outcome_note').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('focus_sessions_day_slot_key').on(t.userId, t.localDate, t.slot),
    uniqueIndex('focus_sessions_one_active_key').on(t.userId).where(sql`state = 'active'`),
    index('focus_sessions_open_idx').on(t.userId).where(sql`state in ('active', 'paused')`),
    check('focus_sessions_slot_range', sql`${t.slot} between 1 and 4`),
    check(
      'focus_sessions_state_valid',
      sql`${t.state} in ('planned', 'active', 'paused', 'completed', 'skipped')`,
    ),
    check('focus_sessions_planned_range', sql`${t.plannedMinutes} between 5 and 240`),
    check('focus_sessions_goal_length', sql`char_length(${t.goal}) <= 255`),
    check('focus_sessions_notes_length', sql`char_length(${t.notes}) <= 20000`),
    check('focus_sessions_active_has_start', sql`(${t.state} = 'active') = (${t.activeSince} is not null)`),
    check(
      'focus_sessions_outcome_valid',
      sql`${t.outcome} is null or ${t.outcome} in ('done', 'progressed', 'blocked', 'nothing')`,
    ),
    index('focus_sessions_search_idx').using(
      'gin',
      sql`to_tsvector('english', ${t.goal} || ' ' || ${t.notes} || ' ' || ${t.outcomeNote})`,
    ),
    check('focus_sessions_accumulated_positive', sql`${t.accumulatedMs} >= 0 and ${t.extensionSeconds} >= 0`),
  ],
);

/**
 * Every change pushed to a person's devices, kept for a while so a reconnecting device can resume
 * from its Last-Event-ID.
 */
export const userEvents = pgTable(
  'user_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('user_events_user_id_idx').on(t.userId, t.id),
    index('user_events_created_idx').on(t.createdAt),
  ],
);

export type FocusSessionRow = typeof focusSessions.$inferSelect;
export type UserEventRow = typeof userEvents.$inferSelect;
