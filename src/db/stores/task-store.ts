import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client.ts';
import {
  focusSessions,
  type ProjectRow,
  projects,
  type ResourceRow,
  resources,
  sessionTasks,
  type TaskRow,
  tasks,
} from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import { TaskInput, TaskListQuery, TaskPatch } from '../domain/inputs/tasks.ts';
import type { LocalDate } from '../domain/local-date.ts';
import type { TaskPriority } from '../domain/quick-add.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { containsPattern, type Page } from './pagination.ts';
import { decodeSortCursor, pageBySortKeys, type SortKey, type SortKeyKind } from './projects.ts';
import { hasSearchableWords } from './search.ts';

export type { TaskInput, TaskListQuery, TaskPatch };

export type TaskSession = {
  sessionId: string;
  date: LocalDate;
  slot: number;
  role: 'main' | 'supporting';
  state: string;
  focusSeconds: number | null;
  goal: string;
};
export type TaskDetail = {
  task: TaskRow;
  project: ProjectRow | null;
  /** Newest day first. */
  sessions: TaskSession[];
  /** Focus of the completed sessions where the task was the main one. */
  focusSeconds: number;
  resources: ResourceRow[];
};
export type TaskListItem = TaskRow & { focusSeconds: number; sessionCount: number };

/** Creates a task. Throws 'validation', and 'not_found' when projectId is not one of the actor's. */
export async function createTask(deps: ServiceDeps, actor: Actor, input: TaskInput): Promise<TaskRow> {
  const data = parseOrThrow(TaskInput, input);
  if (data.projectId) await assertOwnProject(deps.db, actor, data.projectId);
  const now = deps.clock.now();
  const rows = await deps.db
    .insert(tasks)
    .values({ ...data, userId: actor.id, createdAt: now, updatedAt: now })
    .returning();
  return rows[0]!;
}

/** Changes some fields of one of the actor's tasks. Throws 'validation' and 'not_found' (task or project). */
export async function updateTask(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  patch: TaskPatch,
): Promise<TaskRow> {
  assertUuid(id);
  const data = parseOrThrow(TaskPatch, patch);
  if (data.projectId) await assertOwnProject(deps.db, actor, data.projectId);
  const rows = await deps.db
    .update(tasks)
    .set({ ...data, updatedAt: deps.clock.now() })
    .where(and(eq(tasks.id, id), eq(tasks.userId, actor.id)))
    .returning();
  if (!rows[0]) throw taskNotFound();
  return rows[0];
}

/** Deletes one of the actor's tasks with its links and resources. Throws 'not_found'. */
export async function deleteTask(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  assertUuid(id);
  const rows = await deps.db
    .delete(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, actor.id)))
    .returning({ id: tasks.id });
  if (rows.length === 0) throw taskNotFound();
}

/** One of the actor's tasks with its project, sessions, focus and resources. Throws 'not_found'. */
export async function getTask(deps: ServiceDeps, actor: Actor, id: string): Promise<TaskDetail> {
  const task = await findOwnTask(deps.db, actor, id);
  const project = task.projectId
    ? ((await deps.db.select().from(projects).where(eq(projects.id, task.projectId)))[0] ?? null)
    : null;
  const sessions: TaskSession[] = await deps.db
    .select({
      sessionId: focusSessions.id,
      date: focusSessions.localDate,
      slot: focusSessions.slot,
      role: sessionTasks.role,
      state: focusSessions.state,
      focusSeconds: focusSessions.focusSeconds,
      goal: focusSessions.goal,
    })
    .from(sessionTasks)
    .innerJoin(focusSessions, eq(focusSessions.id, sessionTasks.sessionId))
    .where(and(eq(sessionTasks.taskId, task.id), eq(sessionTasks.userId, actor.id)))
    .orderBy(desc(focusSessions.localDate), desc(focusSessions.slot));
  const links = await deps.db
    .select()
    .from(resources)
    .where(and(eq(resources.taskId, task.id), eq(resources.userId, actor.id)))
    .orderBy(asc(resources.createdAt), asc(resources.id));
  const focusSeconds = sessions
    .filter((s) => s.role === 'main' && s.state === 'completed')
    .reduce((sum, s) => sum + (s.focusSeconds ?? 0), 0);
  return { task, project, sessions, focusSeconds, resources: links };
}

/**
 * The actor's tasks with their focus and session count, filtered and ordered; `q` is a full-text
 * search over title and description (a plain substring match when it holds no searchable word).
 * Every order pages stably: the cursor holds the sort keys. Nulls (no due date) come last.
 * Throws 'validation' for a bad filter or cursor.
 */
export async function listTasks(
  deps: ServiceDeps,
  actor: Actor,
  query: TaskListQuery,
): Promise<Page<TaskListItem>> {
  const q = parseOrThrow(TaskListQuery, query);
  const order = ORDERS[q.order];
  const after = decodeSortCursor(q.cursor, order.kinds);
  const conditions: (SQL | undefined)[] = [eq(tasks.userId, actor.id)];
  if (q.status?.length) conditions.push(inArray(tasks.status, q.status));
  if (q.type?.length) conditions.push(inArray(tasks.type, q.type));
  if (q.priority?.length) conditions.push(inArray(tasks.priority, q.priority));
  if (q.projectId)
    conditions.push(q.projectId === 'inbox' ? isNull(tasks.projectId) : eq(tasks.projectId, q.projectId));
  if (q.q) conditions.push(await textCondition(deps.db, q.q));
  if (after) conditions.push(order.after(after.keys, after.id));
  const rows = await deps.db
    .select({ task: tasks, focusSeconds: FOCUS_SECONDS, sessionCount: SESSION_COUNT })
    .from(tasks)
    .where(and(...conditions))
    .orderBy(...order.by)
    .limit(q.limit + 1);
  const items = rows.map((r) => ({ ...r.task, focusSeconds: r.focusSeconds, sessionCount: r.sessionCount }));
  return pageBySortKeys(items, q.limit, order.keysOf);
}

/** One of the actor's tasks as stored. Throws 'not_found' (also for a malformed id). */
export async function findOwnTask(db: Executor, actor: Actor, id: string): Promise<TaskRow> {
  assertUuid(id);
  const rows = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, actor.id)));
  if (!rows[0]) throw taskNotFound();
  return rows[0];
}

async function textCondition(db: Executor, text: string): Promise<SQL | undefined> {
  if (await hasSearchableWords(db, text)) {
    return sql`to_tsvector('english', ${tasks.title} || ' ' || ${tasks.description}) @@ websearch_to_tsquery('english', ${text})`;
  }
  const pattern = containsPattern(text);
  return or(ilike(tasks.title, pattern), ilike(tasks.description, pattern));
}

// Qualified by hand: drizzle writes a one-table query's columns unqualified, even in a subquery.
const FOCUS_SECONDS = sql<number>`(select coalesce(sum(fs.focus_seconds), 0) from ${sessionTasks} st
  join ${focusSessions} fs on fs.id = st.session_id
  where st.task_id = ${tasks}.id and st.role = 'main' and fs.state = 'completed')`.mapWith(Number);
const SESSION_COUNT =
  sql<number>`(select count(*) from ${sessionTasks} st where st.task_id = ${tasks}.id)`.mapWith(Number);
const PRIORITY_RANK = sql<number>`(case ${tasks.priority} when 'urgent' then 3 when 'high' then 2 when 'normal' then 1 else 0 end)`;
const RANK_OF: Record<TaskPriority, number> = { urgent: 3, high: 2, normal: 1, low: 0 };

type Order = {
  kinds: SortKeyKind[];
  by: SQL[];
  keysOf: (t: TaskRow) => SortKey[];
  after: (keys: SortKey[], id: string) => SQL;
};
const at = (key: SortKey) => sql`${key}::timestamptz`;
const byCreation = (isNewest: boolean): Order => ({
  kinds: ['timestamp'],
  by: isNewest ? [desc(tasks.createdAt), desc(tasks.id)] : [asc(tasks.createdAt), asc(tasks.id)],
  keysOf: (t) => [t.createdAt.toISOString()],
  after: ([c], id) =>
    sql`(${tasks.createdAt}, ${tasks.id}) ${sql.raw(isNewest ? '<' : '>')} (${at(c!)}, ${id}::uuid)`,
});
const ORDERS: Record<z.output<typeof TaskListQuery>['order'], Order> = {
  newest: byCreation(true),
  oldest: byCreation(false),
  priority: {
    kinds: ['int', 'timestamp'],
    by: [desc(PRIORITY_RANK), desc(tasks.createdAt), desc(tasks.id)],
    keysOf: (t) => [RANK_OF[t.priority], t.createdAt.toISOString()],
    after: ([r, c], id) =>
      sql`(${PRIORITY_RANK}, ${tasks.createdAt}, ${tasks.id}) < (${r}::int, ${at(c!)}, ${id}::uuid)`,
  },
  due: {
    kinds: ['date?', 'timestamp'],
    by: [sql`${tasks.dueDate} asc nulls last`, asc(tasks.createdAt), asc(tasks.id)],
    keysOf: (t) => [t.dueDate, t.createdAt.toISOString()],
    after: ([d, c], id) =>
      d === null
        ? sql`(${tasks.dueDate} is null and (${tasks.createdAt}, ${tasks.id}) > (${at(c!)}, ${id}::uuid))`
        : sql`(${tasks.dueDate} is null or (${tasks.dueDate}, ${tasks.createdAt}, ${tasks.id}) > (${d}::date, ${at(c!)}, ${id}::uuid))`,
  },
};

async function assertOwnProject(db: Executor, actor: Actor, projectId: string): Promise<void> {
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.userId, actor.id)));
  if (rows.length === 0) {
    throw new AppError('not_found', 'That project does not exist.', {
      fields: { projectId: 'Choose one of your projects.' },
    });
  }
}

function taskNotFound(): AppError {
  return new AppError('not_found', 'That task does not exist.');
}

function assertUuid(id: string): void {
  if (!z.uuid().safeParse(id).success) throw taskNotFound();
}
