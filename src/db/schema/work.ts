import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  PROJECT_STATUSES,
  RESOURCE_KINDS,
  SWITCH_REASONS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TYPES,
} from '../../domain/work-values.ts';
import { focusSessions } from './focus-sessions.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

export { PROJECT_STATUSES, RESOURCE_KINDS, SWITCH_REASONS, TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES };

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /**
     * The team the project is shared with, or null for a personal one. A team project's tasks are
     * the team's, whoever created them; a team is deleted only after its projects are moved or
     * deleted (services/teams/delete-team), so the key refuses a stray delete.
     */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    color: text('color').notNull().default('teal'),
    description: text('description').notNull().default(''),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('projects_user_idx').on(t.userId, t.createdAt),
    // Names are unique among a person's own projects and among a team's.
    uniqueIndex('projects_user_name_key').on(t.userId, sql`lower(${t.name})`).where(sql`${t.teamId} is null`),
    uniqueIndex('projects_team_name_key')
      .on(t.teamId, sql`lower(${t.name})`)
      .where(sql`${t.teamId} is not null`),
    check('projects_status_valid', sql`${t.status} in (${inList(PROJECT_STATUSES)})`),
    check('projects_name_length', sql`char_length(${t.name}) between 1 and 100`),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    type: text('type', { enum: TASK_TYPES }).notNull().default('feature'),
    priority: text('priority', { enum: TASK_PRIORITIES }).notNull().default('normal'),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('todo'),
    estimateSessions: integer('estimate_sessions'),
    dueDate: date('due_date', { mode: 'string' }),
    externalUrl: text('external_url'),
    externalId: text('external_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('tasks_user_idx').on(t.userId, t.createdAt),
    index('tasks_project_idx').on(t.projectId),
    index('tasks_search_idx').using(
      'gin',
      sql`to_tsvector('english', ${t.title} || ' ' || ${t.description})`,
    ),
    check('tasks_type_valid', sql`${t.type} in (${inList(TASK_TYPES)})`),
    check('tasks_priority_valid', sql`${t.priority} in (${inList(TASK_PRIORITIES)})`),
    check('tasks_status_valid', sql`${t.status} in (${inList(TASK_STATUSES)})`),
    check('tasks_title_length', sql`char_length(${t.title}) between 1 and 255`),
    check(
      'tasks_estimate_range',
      sql`${t.estimateSessions} is null or ${t.estimateSessions} between 1 and 100`,
    ),
  ],
);

/** Which tasks a session served: at most one main task, any number of supporting ones. */
export const sessionTasks = pgTable(
  'session_tasks',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => focusSessions.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['main', 'supporting'] }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.taskId] }),
    uniqueIndex('session_tasks_one_main_key').on(t.sessionId).where(sql`role = 'main'`),
    index('session_tasks_task_idx').on(t.taskId),
    check('session_tasks_role_valid', sql`${t.role} in ('main', 'supporting')`),
  ],
);

/** Being pulled away during a session: why, when, and from which task to which. */
export const contextSwitches = pgTable(
  'context_switches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => focusSessions.id, { onDelete: 'cascade' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    reason: text('reason', { enum: SWITCH_REASONS }).notNull(),
    note: text('note').notNull().default(''),
    fromTaskId: uuid('from_task_id').references(() => tasks.id, { onDelete: 'set null' }),
    toTaskId: uuid('to_task_id').references(() => tasks.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('context_switches_user_idx').on(t.userId, t.occurredAt),
    index('context_switches_session_idx').on(t.sessionId),
    check('context_switches_reason_valid', sql`${t.reason} in (${inList(SWITCH_REASONS)})`),
  ],
);

/** Links attached to a task or a session (a pull request, a doc, a design). */
export const resources = pgTable(
  'resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => focusSessions.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    title: text('title').notNull(),
    kind: text('kind', { enum: RESOURCE_KINDS }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('resources_task_idx').on(t.taskId),
    index('resources_session_idx').on(t.sessionId),
    check('resources_owner', sql`${t.taskId} is not null or ${t.sessionId} is not null`),
    check('resources_kind_valid', sql`${t.kind} in (${inList(RESOURCE_KINDS)})`),
  ],
);

export type ProjectRow = typeof projects.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type ContextSwitchRow = typeof contextSwitches.$inferSelect;
export type ResourceRow = typeof resources.$inferSelect;
