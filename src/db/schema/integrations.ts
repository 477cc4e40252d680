import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { INTEGRATION_PROVIDERS, INTEGRATION_STATUSES } from '../../domain/integration-values.ts';
import { users } from './users.ts';
import { projects, resources, tasks } from './work.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** Where a sync stands: which repository, which page, how many seen of about how many. */
export type SyncProgress = {
  /** The repositories this run walks, fixed at its start so a resumed run walks the same list. */
  repositories: string[];
  repositoryIndex: number;
  /** Issues first, then (GitLab) the merge requests listed apart. */
  phase: 'issues' | 'pulls';
  /** The next page to read in the current repository (a Link-header URL), null for its first. */
  nextPage: string | null;
  seen: number;
  total: number | null;
  startedAt: string;
  /** Repositories skipped this run, in words ("acme/old was not found"). */
  problems: string[];
};

/** A person's GitHub or GitLab account, connected to import its issues into one project. */
export const integrationConnections = pgTable(
  'integration_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: INTEGRATION_PROVIDERS }).notNull(),
    /** The API's base, e.g. https://api.github.com or https://gitlab.example.com/api/v4. */
    baseUrl: text('base_url').notNull(),
    host: text('host').notNull(),
    /** Sealed by the secret box (purpose 'integration-token'); never shown or exported. */
    sealedToken: text('sealed_token').notNull(),
    accountLogin: text('account_login').notNull(),
    /** The chosen "owner/repo" (GitHub) or "group/project" (GitLab) paths; null for all they see. */
    repositories: jsonb('repositories').$type<string[] | null>(),
    /** Where new issues land; null once the project is deleted (then the inbox). */
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'set null' }),
    status: text('status', { enum: INTEGRATION_STATUSES }).notNull().default('ok'),
    lastError: text('last_error'),
    waitingUntil: timestamp('waiting_until', { withTimezone: true }),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
    /** When "Sync now" (or connecting) last asked for a sync; the page says it is on its way. */
    syncRequestedAt: timestamp('sync_requested_at', { withTimezone: true }),
    importedCount: integer('imported_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    /** The run in progress; null when no sync is under way. */
    progress: jsonb('progress').$type<SyncProgress | null>(),
    /** Per repository: when its last complete pass started (the next pass asks for changes since). */
    syncedSince: jsonb('synced_since').$type<Record<string, string>>().notNull().default({}),
    /** Per listed resource URL: the ETag of its last answer (a 304 then costs no rate limit). */
    etags: jsonb('etags').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('integration_connections_user_idx').on(t.userId, t.createdAt),
    check('integration_connections_provider_valid', sql`${t.provider} in (${inList(INTEGRATION_PROVIDERS)})`),
    check('integration_connections_status_valid', sql`${t.status} in (${inList(INTEGRATION_STATUSES)})`),
  ],
);

/**
 * An issue imported as a task, with what the import last wrote into it: a later sync changes a
 * field only while the task still holds that value (the person has not changed it). The row
 * outlives its task, so a task the person deleted is not imported again.
 */
export const importedIssues = pgTable(
  'imported_issues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id').references(() => integrationConnections.id, { onDelete: 'set null' }),
    provider: text('provider', { enum: INTEGRATION_PROVIDERS }).notNull(),
    host: text('host').notNull(),
    /** GitHub's issue id or GitLab's global id (not the number people see). */
    externalId: text('external_id').notNull(),
    repository: text('repository').notNull(),
    /** GitHub's number or GitLab's iid: the "#12" people see. */
    number: integer('number').notNull(),
    url: text('url').notNull(),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    writtenTitle: text('written_title').notNull(),
    writtenStatus: text('written_status').notNull(),
    writtenType: text('written_type').notNull(),
    writtenPriority: text('written_priority').notNull(),
    writtenProjectId: uuid('written_project_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One task per issue per person, however often and through however many connections it is seen.
    uniqueIndex('imported_issues_external_key').on(t.userId, t.provider, t.host, t.externalId),
    index('imported_issues_ref_idx').on(t.userId, t.host, t.repository, t.number),
    index('imported_issues_task_idx').on(t.taskId),
  ],
);

/** A pull or merge request attached to an imported issue's task as a link, once. */
export const importedPullLinks = pgTable(
  'imported_pull_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    importedIssueId: uuid('imported_issue_id')
      .notNull()
      .references(() => importedIssues.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** The link made; null once the person removed it (it is not added again). */
    resourceId: uuid('resource_id').references(() => resources.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('imported_pull_links_key').on(t.importedIssueId, t.url)],
);

export type IntegrationConnectionRow = typeof integrationConnections.$inferSelect;
export type ImportedIssueRow = typeof importedIssues.$inferSelect;
