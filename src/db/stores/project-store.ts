import { and, asc, count, desc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { ProjectListQuery, ProjectPatch } from '../../domain/inputs/projects.ts';
import type { TeamRole } from '../../domain/team-policy.ts';
import type { Executor } from '../client.ts';
import { type ProjectRow, projects, tasks, teamMembers, teams } from '../schema/index.ts';
import { containsPattern, decodeSortCursor, type Page, pageBySortKeys } from './keyset.ts';
import { isUniqueViolation } from './sql-errors.ts';
import { projectAccess } from './work-access.ts';

// Data access for projects: the use cases in services/projects parse and decide; these read and
// write, scoped by who may reach the project (work-access), and turn a taken name into a 'conflict'.

export type ProjectListItem = ProjectRow & {
  openTasks: number;
  teamName: string | null;
  /** The person's role in the project's team; null for their own project. */
  role: TeamRole | null;
};

/**
 * A project the person may reach, with their role when it is a team's (null for their own).
 * Who may do what with it is the service's to decide.
 */
export type ProjectAccess = { project: ProjectRow; role: TeamRole | null; teamName: string | null };

/** Throws 'conflict' when the owner (or the team) has a project of that name (any case). */
export async function insertProject(
  db: Executor,
  values: Omit<typeof projects.$inferInsert, 'id'> & { userId: string },
): Promise<ProjectRow> {
  return withNameConflict(values.teamId ?? null, async () => {
    const rows = await db.insert(projects).values(values).returning();
    return rows[0]!;
  });
}

/**
 * Changes a project; the caller has checked who may. Throws 'not_found' and 'conflict' (a taken
 * name). Moving a project into a team takes its tasks along: they are in it.
 */
export async function updateProjectRow(
  db: Executor,
  current: ProjectRow,
  change: z.output<typeof ProjectPatch> & { updatedAt: Date },
): Promise<ProjectRow> {
  const teamAfter = change.teamId === undefined ? current.teamId : change.teamId;
  const rows = await withNameConflict(teamAfter, () =>
    db.update(projects).set(change).where(eq(projects.id, current.id)).returning(),
  );
  if (!rows[0]) throw projectNotFound();
  return rows[0];
}

/**
 * A project the person may reach: their own, or one of their teams' (any role). Throws
 * 'not_found' (also for a malformed id, another person's or an outside team's project); with
 * `field`, the error names that input field.
 */
export async function findProject(
  db: Executor,
  userId: string,
  id: string,
  options: { field?: string } = {},
): Promise<ProjectAccess> {
  if (!z.uuid().safeParse(id).success) throw projectNotFound(options.field);
  const rows = await db
    .select({ project: projects, role: teamMembers.role, teamName: teams.name })
    .from(projects)
    .leftJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, projects.teamId), eq(teamMembers.userId, userId)))
    .where(and(eq(projects.id, id), projectAccess(userId, 'read')));
  if (!rows[0]) throw projectNotFound(options.field);
  return rows[0];
}

/** Deletes a project; the caller has checked who may. Throws 'not_found'. */
export async function deleteProjectRow(db: Executor, id: string): Promise<void> {
  assertProjectId(id);
  const rows = await db.delete(projects).where(eq(projects.id, id)).returning({ id: projects.id });
  if (rows.length === 0) throw projectNotFound();
}

/** How many tasks a project holds (for a confirmation that names them). */
export async function taskCountOf(db: Executor, projectId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(tasks).where(eq(tasks.projectId, projectId));
  return rows[0]?.n ?? 0;
}

/**
 * One page of the projects the person may reach (their own and their teams') with their count of
 * open (todo or doing) tasks, by name or newest first, filtered by status, team and a text in the
 * name or description. Throws 'validation' for a bad cursor.
 */
export async function pageOfProjects(
  db: Executor,
  userId: string,
  q: z.output<typeof ProjectListQuery>,
): Promise<Page<ProjectListItem>> {
  const isByName = q.order === 'name';
  const after = decodeSortCursor(q.cursor, [isByName ? 'text' : 'timestamp']);
  const conditions: (SQL | undefined)[] = [projectAccess(userId, 'read')];
  if (q.teamId)
    conditions.push(q.teamId === 'personal' ? isNull(projects.teamId) : eq(projects.teamId, q.teamId));
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
    .select({ project: projects, openTasks, teamName: teams.name, role: teamMembers.role })
    .from(projects)
    .leftJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, projects.teamId), eq(teamMembers.userId, userId)))
    .where(and(...conditions))
    .orderBy(
      ...(isByName
        ? [asc(sql`lower(${projects.name})`), asc(projects.id)]
        : [desc(projects.createdAt), desc(projects.id)]),
    )
    .limit(q.limit + 1);
  const items = rows.map((r) => ({
    ...r.project,
    openTasks: r.openTasks,
    teamName: r.teamName,
    role: r.role,
  }));
  return pageBySortKeys(items, q.limit, (p) => [isByName ? p.name : p.createdAt.toISOString()]);
}

/** The not_found for a project; with `field`, it names the input field that pointed at it. */
function projectNotFound(field?: string): AppError {
  const fields = field ? { fields: { [field]: 'Choose one of your projects.' } } : {};
  return new AppError('not_found', 'That project does not exist.', fields);
}

/** Throws the not_found a malformed id earns, before any query. */
export function assertProjectId(id: string): void {
  if (!z.uuid().safeParse(id).success) throw projectNotFound();
}

async function withNameConflict<T>(teamId: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = teamId
        ? 'The team already has a project of that name.'
        : 'You already have a project of that name.';
      throw new AppError('conflict', message, { fields: { name: message } });
    }
    throw error;
  }
}
