import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { ProjectListQuery, ProjectPatch } from '../../domain/inputs/projects.ts';
import type { Executor } from '../client.ts';
import { type ProjectRow, projects, tasks } from '../schema/index.ts';
import { containsPattern, decodeSortCursor, type Page, pageBySortKeys } from './keyset.ts';
import { isUniqueViolation } from './sql-errors.ts';

// Data access for projects: the use cases in services/projects parse and decide; these read and
// write, scoped by the owner they are given, and turn a taken name into a 'conflict'.

export type ProjectListItem = ProjectRow & { openTasks: number };

/** Throws 'conflict' when the owner has a project of that name (any case). */
export async function insertProject(
  db: Executor,
  values: Omit<typeof projects.$inferInsert, 'id'> & { userId: string },
): Promise<ProjectRow> {
  return withNameConflict(async () => {
    const rows = await db.insert(projects).values(values).returning();
    return rows[0]!;
  });
}

/** Changes one of the owner's projects. Throws 'not_found' and 'conflict' (a taken name). */
export async function updateOwnProject(
  db: Executor,
  userId: string,
  id: string,
  change: z.output<typeof ProjectPatch> & { updatedAt: Date },
): Promise<ProjectRow> {
  assertProjectId(id);
  const rows = await withNameConflict(() =>
    db
      .update(projects)
      .set(change)
      .where(and(eq(projects.id, id), eq(projects.userId, userId)))
      .returning(),
  );
  if (!rows[0]) throw projectNotFound();
  return rows[0];
}

/** One of the owner's projects. Throws 'not_found' (also for a malformed id or another person's). */
export async function findOwnProject(db: Executor, userId: string, id: string): Promise<ProjectRow> {
  assertProjectId(id);
  const rows = await db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), eq(projects.userId, userId)));
  if (!rows[0]) throw projectNotFound();
  return rows[0];
}

/** Throws 'not_found', naming the projectId field, unless the project is the owner's. */
export async function assertOwnProject(db: Executor, userId: string, projectId: string): Promise<void> {
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.userId, userId)));
  if (rows.length === 0) {
    throw new AppError('not_found', 'That project does not exist.', {
      fields: { projectId: 'Choose one of your projects.' },
    });
  }
}

/** Deletes one of the owner's projects (the foreign key sets its tasks free). Throws 'not_found'. */
export async function deleteOwnProject(db: Executor, userId: string, id: string): Promise<void> {
  assertProjectId(id);
  const rows = await db
    .delete(projects)
    .where(and(eq(projects.id, id), eq(projects.userId, userId)))
    .returning({ id: projects.id });
  if (rows.length === 0) throw projectNotFound();
}

/**
 * One page of the owner's projects with their count of open (todo or doing) tasks, by name or
 * newest first, filtered by status and by a text in the name or description. Throws 'validation'
 * for a bad cursor.
 */
export async function pageOfProjects(
  db: Executor,
  userId: string,
  q: z.output<typeof ProjectListQuery>,
): Promise<Page<ProjectListItem>> {
  const isByName = q.order === 'name';
  const after = decodeSortCursor(q.cursor, [isByName ? 'text' : 'timestamp']);
  const conditions: (SQL | undefined)[] = [eq(projects.userId, userId)];
  if (q.status !== 'all') conditions.push(eq(projects.status, q.status));
  if (q.q) {
    const pattern = containsPattern(q.q);
    conditions.push(or(ilike(projects.name, pattern), ilike(projects.description, pattern)));
  }
  if (after) {
    conditions.push(
      isByName
        ? sql`(lower(${projects.name}), ${projects.id}) > (lower(${after.keys[0]}::text), ${after.id}::uuid)`
        : sql`(${projects.createdAt}, ${projects.id}) < (${after.keys[0]}::timestamptz, ${after.id}::uuid)`,
    );
  }
  // Qualified by hand: drizzle writes a one-table query's columns unqualified, even in a subquery.
  const openTasks = sql<number>`(select count(*) from ${tasks} t where t.project_id = ${projects}.id
    and t.status in ('todo', 'doing'))`.mapWith(Number);
  const rows = await db
    .select({ project: projects, openTasks })
    .from(projects)
    .where(and(...conditions))
    .orderBy(
      ...(isByName
        ? [asc(sql`lower(${projects.name})`), asc(projects.id)]
        : [desc(projects.createdAt), desc(projects.id)]),
    )
    .limit(q.limit + 1);
  const items = rows.map((r) => ({ ...r.project, openTasks: r.openTasks }));
  return pageBySortKeys(items, q.limit, (p) => [isByName ? p.name : p.createdAt.toISOString()]);
}

function projectNotFound(): AppError {
  return new AppError('not_found', 'That project does not exist.');
}

/** Throws the not_found a malformed id earns, before any query. */
export function assertProjectId(id: string): void {
  if (!z.uuid().safeParse(id).success) throw projectNotFound();
}

async function withNameConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', 'You already have a project of that name.', {
        fields: { name: 'You already have a project of that name.' },
      });
    }
    throw error;
  }
}
