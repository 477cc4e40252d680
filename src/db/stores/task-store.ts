import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { TaskListQuery, TaskPatch } from '../../domain/inputs/tasks.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import type { TaskPriority } from '../../domain/quick-add.ts';
import type { TeamRole } from '../../domain/team-policy.ts';
import type { Executor } from '../client.ts';
import {
  focusSessions,
  type ProjectRow,
  projects,
  type ResourceRow,
  resources,
  sessionTasks,
  type TaskRow,
  tasks,
  teamMembers,
} from '../schema/index.ts';
import {
  containsPattern,
  decodeSortCursor,
  type Page,
  pageBySortKeys,
  type SortKey,
  type SortKeyKind,
} from './keyset.ts';
import { hasSearchableWords } from './text-search.ts';
import { isPersonalTask, taskAccess } from './work-access.ts';

// Data access for tasks: the use cases in services/tasks parse and decide; these read and write,
// scoped by who may reach the task (work-access): their own, or their teams'.

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
  /** The team whose project holds it, and the person's role there; both null for their own task. */
  teamId: string | null;
  role: TeamRole | null;
  project: ProjectRow | null;
  /** Newest day first. */
  sessions: TaskSession[];
  /** Focus of the completed sessions where the task was the main one. */
  focusSeconds: number;
  resources: ResourceRow[];
};
/** A task with the team whose project holds it (null for a personal task). */
export type TeamTaskRow = TaskRow & { teamId: string | null };
export type TaskListItem = TeamTaskRow & { focusSeconds: number; sessionCount: number };

/**
 * A task the person may reach, with its team and their role there when it is a team's task (both
 * null for their own). Who may do what with it is the service's to decide. Throws 'not_found'
 * (also for a malformed id, another person's task or an outside team's).
 */
export type TaskAccess = { task: TaskRow; teamId: string | null; role: TeamRole | null };

export async function findTask(
  db: Executor,
  userId: string,
  id: string,
  options: { field?: string } = {},
): Promise<TaskAccess> {
  if (!z.uuid().safeParse(id).success) throw taskNotFound(options.field);
  const rows = await db
    .select({ task: tasks, teamId: projects.teamId, role: teamMembers.role })
    .from(tasks)
    .leftJoin(projects, eq(projects.id, tasks.projectId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, projects.teamId), eq(teamMembers.userId, userId)))
    .where(and(eq(tasks.id, id), taskAccess(userId, 'read')));
  if (!rows[0]) throw taskNotFound(options.field);
  return rows[0];
}

export async function insertTask(
  db: Executor,
  values: Omit<typeof tasks.$inferInsert, 'id'> & { userId: string },
): Promise<TaskRow> {
  const rows = await db.insert(tasks).values(values).returning();
  return rows[0]!;
}

/** Changes a task; the caller has checked who may. Throws 'not_found'. */
export async function updateTaskRow(
  db: Executor,
  id: string,
  change: Partial<z.output<typeof TaskPatch>> & { updatedAt: Date; userId?: string },
): Promise<TaskRow> {
  assertTaskId(id);
  const rows = await db.update(tasks).set(change).where(eq(tasks.id, id)).returning();
  if (!rows[0]) throw taskNotFound();
  return rows[0];
}

/** Deletes a task (its links and resources go with it); the caller has checked who may. */
export async function deleteTaskRow(db: Executor, id: string): Promise<void> {
  assertTaskId(id);
  const rows = await db.delete(tasks).where(eq(tasks.id, id)).returning({ id: tasks.id });
  if (rows.length === 0) throw taskNotFound();
}

/** Deletes every task of a project; returns their ids. */
export async function deleteTasksOfProject(db: Executor, projectId: string): Promise<string[]> {
  const rows = await db.delete(tasks).where(eq(tasks.projectId, projectId)).returning({ id: tasks.id });
  return rows.map((row) => row.id);
}

/**
 * A task with its project, the person's own sessions on it and their focus, and its resources
 * (a team task's links are the team's: anyone who may reach the task sees them).
 */
export async function taskDetailOf(db: Executor, userId: string, access: TaskAccess): Promise<TaskDetail> {
  const { task, teamId, role } = access;
  const project = task.projectId
    ? ((await db.select().from(projects).where(eq(projects.id, task.projectId)))[0] ?? null)
    : null;
  const sessions: TaskSession[] = await db
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
    .where(and(eq(sessionTasks.taskId, task.id), eq(sessionTasks.userId, userId)))
    .orderBy(desc(focusSessions.localDate), desc(focusSessions.slot));
  const links = await db
    .select()
    .from(resources)
    .where(eq(resources.taskId, task.id))
    .orderBy(asc(resources.createdAt), asc(resources.id));
  const focusSeconds = sessions
    .filter((s) => s.role === 'main' && s.state === 'completed')
    .reduce((sum, s) => sum + (s.focusSeconds ?? 0), 0);
  return { task, teamId, role, project, sessions, focusSeconds, resources: links };
}

/**
 * One page of the tasks the person may reach (their own and their teams'), with the person's own
 * focus and session count on each, filtered and ordered; `q` is a
 * full-text search over title and description (a plain substring match when it holds no searchable
 * word). Every order pages stably: the cursor holds the sort keys. Nulls (no due date) come last.
 * Throws 'validation' for a bad cursor.
 */
export async function pageOfTasks(
  db: Executor,
  userId: string,
  q: z.output<typeof TaskListQuery>,
): Promise<Page<TaskListItem>> {
  const order = ORDERS[q.order];
  const after = decodeSortCursor(q.cursor, order.kinds);
  const conditions: (SQL | undefined)[] = [taskAccess(userId, 'read')];
  if (q.teamId) conditions.push(q.teamId === 'personal' ? isPersonalTask() : inTeam(q.teamId));
  if (q.status?.length) conditions.push(inArray(tasks.status, q.status));
  if (q.type?.length) conditions.push(inArray(tasks.type, q.type));
  if (q.priority?.length) conditions.push(inArray(tasks.priority, q.priority));
  if (q.projectId)
    conditions.push(q.projectId === 'inbox' ? isNull(tasks.projectId) : eq(tasks.projectId, q.projectId));
  if (q.q) conditions.push(await textCondition(db, q.q));
  if (after) conditions.push(order.after(after.keys, after.id));
  const rows = await db
    .select({
      task: tasks,
      teamId: projects.teamId,
      focusSeconds: focusSecondsOf(userId),
      sessionCount: sessionCountOf(userId),
    })
    .from(tasks)
    .leftJoin(projects, eq(projects.id, tasks.projectId))
    .where(and(...conditions))
    .orderBy(...order.by)
    .limit(q.limit + 1);
  const items = rows.map((r) => ({
    ...r.task,
    teamId: r.teamId,
    focusSeconds: r.focusSeconds,
    sessionCount: r.sessionCount,
  }));
  return pageBySortKeys(items, q.limit, order.keysOf);
}

async function textCondition(db: Executor, text: string): Promise<SQL | undefined> {
  if (await hasSearchableWords(db, text)) {
    return sql`to_tsvector('english', ${tasks.title} || ' ' || ${tasks.description}) @@ websearch_to_tsquery('english', ${text})`;
  }
  const pattern = containsPattern(text);
  return or(ilike(tasks.title, pattern), ilike(tasks.description, pattern));
}

const inTeam = (teamId: string) =>
  sql`${tasks}.project_id in (select tp.id from ${projects} tp where tp.team_id = ${teamId})`;

// The person's own sessions only: a team task's other sessions are their members' own.
// Qualified by hand: drizzle writes a one-table query's columns unqualified, even in a subquery.
const focusSecondsOf = (userId: string) =>
  sql<number>`(select coalesce(sum(fs.focus_seconds), 0) from ${sessionTasks} st
  join ${focusSessions} fs on fs.id = st.session_id
  where st.task_id = ${tasks}.id and st.user_id = ${userId} and st.role = 'main' and fs.state = 'completed')`.mapWith(
    Number,
  );
const sessionCountOf = (userId: string) =>
  sql<number>`(select count(*) from ${sessionTasks} st where st.task_id = ${tasks}.id and st.user_id = ${userId})`.mapWith(
    Number,
  );
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

/** The not_found for a task; with `field`, it names the input field that pointed at it. */
function taskNotFound(field?: string): AppError {
  const fields = field ? { fields: { [field]: 'Choose one of your tasks.' } } : {};
  return new AppError('not_found', 'That task does not exist.', fields);
}

/** Throws the not_found a malformed id earns, before any query. */
export function assertTaskId(id: string): void {
  if (!z.uuid().safeParse(id).success) throw taskNotFound();
}
