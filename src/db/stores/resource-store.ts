import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { ResourceListQuery } from '../../domain/inputs/resources.ts';
import type { Executor } from '../client.ts';
import { type ResourceRow, resources, tasks } from '../schema/index.ts';
import {
  afterPosition,
  type CursorPosition,
  containsPattern,
  type Page,
  positionOrder,
  toPage,
} from './keyset.ts';
import { taskAccess } from './work-access.ts';

// Data access for links (resources) on tasks and sessions, scoped by the owner they are given.

export async function insertResource(
  db: Executor,
  values: Omit<typeof resources.$inferInsert, 'id'> & { userId: string },
): Promise<ResourceRow> {
  const rows = await db.insert(resources).values(values).returning();
  return rows[0]!;
}

/**
 * One page of the owner's links after `after`, newest first by default, filtered by task,
 * session, kind and a text in the title or URL.
 */
export async function pageOfResources(
  db: Executor,
  userId: string,
  q: z.output<typeof ResourceListQuery>,
  after: CursorPosition | undefined,
): Promise<Page<ResourceRow>> {
  const conditions: (SQL | undefined)[] = [
    eq(resources.userId, userId),
    // A link on a team's task lists only while its team does.
    sql`(${resources}.task_id is null or exists (select 1 from ${tasks}
      where ${tasks}.id = ${resources}.task_id and ${taskAccess(userId, 'read')}))`,
  ];
  if (q.taskId) conditions.push(eq(resources.taskId, q.taskId));
  if (q.sessionId) conditions.push(eq(resources.sessionId, q.sessionId));
  if (q.kind) conditions.push(eq(resources.kind, q.kind));
  if (q.q) {
    const pattern = containsPattern(q.q);
    conditions.push(or(ilike(resources.title, pattern), ilike(resources.url, pattern)));
  }
  const isNewest = q.order === 'newest';
  conditions.push(afterPosition(resources.createdAt, resources.id, after, isNewest));
  const rows = await db
    .select()
    .from(resources)
    .where(and(...conditions))
    .orderBy(...positionOrder(resources.createdAt, resources.id, isNewest))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({ key: r.createdAt.toISOString(), id: r.id }));
}

/** Removes one of the owner's links; returns the session it was on, if any. Throws 'not_found'. */
export async function deleteOwnResource(
  db: Executor,
  userId: string,
  id: string,
): Promise<{ sessionId: string | null }> {
  const rows = await db
    .delete(resources)
    .where(and(eq(resources.id, id), eq(resources.userId, userId)))
    .returning({ sessionId: resources.sessionId });
  if (!rows[0]) throw resourceNotFound();
  return rows[0];
}

/** Throws the not_found a malformed id earns, before any query. */
export function assertResourceId(id: string): void {
  if (!z.uuid().safeParse(id).success) throw resourceNotFound();
}

function resourceNotFound(): AppError {
  return new AppError('not_found', 'That link does not exist.');
}
