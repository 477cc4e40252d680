import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type ProjectRow, projects, tasks } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import { ProjectInput, ProjectListQuery, ProjectPatch } from '../domain/inputs/projects.ts';
import { parseLocalDate } from '../domain/local-date.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { containsPattern, isCursorTimestamp, type Page } from './pagination.ts';

export type { ProjectInput, ProjectListQuery, ProjectPatch };

/** Creates a project. Throws 'validation', and 'conflict' when the actor has one of that name (any case). */
export async function createProject(
  deps: ServiceDeps,
  actor: Actor,
  input: ProjectInput,
): Promise<ProjectRow> {
  const data = parseOrThrow(ProjectInput, input);
  const now = deps.clock.now();
  return withNameConflict(async () => {
    const rows = await deps.db
      .insert(projects)
      .values({ ...data, userId: actor.id, createdAt: now, updatedAt: now })
      .returning();
    return rows[0]!;
  });
}

/** Changes some fields of one of the actor's projects. Throws 'validation', 'not_found', 'conflict'. */
export async function updateProject(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  patch: ProjectPatch,
): Promise<ProjectRow> {
  assertUuid(id);
  const data = parseOrThrow(ProjectPatch, patch);
  const rows = await withNameConflict(() =>
    deps.db
      .update(projects)
      .set({ ...data, updatedAt: deps.clock.now() })
      .where(and(eq(projects.id, id), eq(projects.userId, actor.id)))
      .returning(),
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

/** One of the actor's projects. Throws 'not_found' (also for a malformed id or another person's). */
export async function getProject(deps: ServiceDeps, actor: Actor, id: string): Promise<ProjectRow> {
  assertUuid(id);
  const rows = await deps.db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), eq(projects.userId, actor.id)));
  if (!rows[0]) throw notFound();
  return rows[0];
}

/** Deletes one of the actor's projects; its tasks stay, in the inbox (the foreign key sets them free). */
export async function deleteProject(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  assertUuid(id);
  const rows = await deps.db
    .delete(projects)
    .where(and(eq(projects.id, id), eq(projects.userId, actor.id)))
    .returning({ id: projects.id });
  if (rows.length === 0) throw notFound();
}

/**
 * The actor's projects with their count of open (todo or doing) tasks, by name or newest first,
 * filtered by status and by a text in the name or description. Throws 'validation'.
 */
export async function listProjects(
  deps: ServiceDeps,
  actor: Actor,
  query: ProjectListQuery,
): Promise<Page<ProjectRow & { openTasks: number }>> {
  const q = parseOrThrow(ProjectListQuery, query);
  const isByName = q.order === 'name';
  const after = decodeSortCursor(q.cursor, [isByName ? 'text' : 'timestamp']);
  const conditions: (SQL | undefined)[] = [eq(projects.userId, actor.id)];
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
  const rows = await deps.db
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

function notFound(): AppError {
  return new AppError('not_found', 'That project does not exist.');
}

function assertUuid(id: string): void {
  if (!z.uuid().safeParse(id).success) throw notFound();
}

async function withNameConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
    if ((e?.code ?? e?.cause?.code) === '23505') {
      throw new AppError('conflict', 'You already have a project of that name.', {
        fields: { name: 'You already have a project of that name.' },
      });
    }
    throw error;
  }
}

// ---- cursors over any sort key ----------------------------------------------------------------
// pagination.ts cursors hold one timestamp; lists ordered by name, priority or due date need more.

/** What a sort cursor holds before the row id; each list says which kinds it expects. */
export type SortKeyKind = 'text' | 'int' | 'timestamp' | 'date' | 'date?';
export type SortKey = string | number | null;

const isSortKey: Record<SortKeyKind, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 300 && !v.includes('\u0000'),
  int: (v) => Number.isInteger(v) && Math.abs(v as number) < 1e9,
  timestamp: isCursorTimestamp,
  date: (v) => typeof v === 'string' && parseLocalDate(v) !== null,
  'date?': (v) => v === null || (typeof v === 'string' && parseLocalDate(v) !== null),
};

/** Reads a cursor made by pageBySortKeys. Throws 'validation' for any other string. */
export function decodeSortCursor(
  cursor: string | undefined,
  kinds: readonly SortKeyKind[],
): { keys: SortKey[]; id: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === kinds.length + 1) {
      const id = value.at(-1);
      const keys = value.slice(0, -1) as SortKey[];
      if (z.uuid().safeParse(id).success && kinds.every((kind, i) => isSortKey[kind](keys[i]))) {
        return { keys, id: id as string };
      }
    }
  } catch {
    // fall through
  }
  throw new AppError('validation', 'That cursor is not valid; start again without one.', {
    fields: { cursor: 'Not a cursor from this list.' },
  });
}

/** Cuts the extra row fetched to learn whether another page follows; the cursor holds its sort keys. */
export function pageBySortKeys<T extends { id: string }>(
  rows: T[],
  limit: number,
  keysOf: (row: T) => SortKey[],
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify([...keysOf(last), last.id])).toString('base64url')
      : null;
  return { items, nextCursor };
}
