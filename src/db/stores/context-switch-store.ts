import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { ContextSwitchListQuery } from '../../domain/inputs/context-switches.ts';
import type { Executor } from '../client.ts';
import { type ContextSwitchRow, contextSwitches, sessionTasks } from '../schema/index.ts';
import { afterPosition, type CursorPosition, type Page, positionOrder, toPage } from './keyset.ts';

// Data access for interruptions (context switches), scoped by the owner they are given.

/** The main task of a session, if it has one. */
export async function mainTaskIdOf(db: Executor, sessionId: string): Promise<string | null> {
  const main = await db
    .select({ taskId: sessionTasks.taskId })
    .from(sessionTasks)
    .where(and(eq(sessionTasks.sessionId, sessionId), eq(sessionTasks.role, 'main')));
  return main[0]?.taskId ?? null;
}

export async function insertContextSwitch(
  db: Executor,
  values: Omit<typeof contextSwitches.$inferInsert, 'id'> & { userId: string },
): Promise<ContextSwitchRow> {
  const inserted = await db.insert(contextSwitches).values(values).returning();
  return inserted[0]!;
}

/**
 * One page of the owner's interruptions after `after`, newest first by default, filtered by
 * session, reason and the instants [from, to) they happened in.
 */
export async function pageOfContextSwitches(
  db: Executor,
  userId: string,
  q: z.output<typeof ContextSwitchListQuery>,
  window: { from?: Date; to?: Date },
  after: CursorPosition | undefined,
): Promise<Page<ContextSwitchRow>> {
  const conditions: (SQL | undefined)[] = [eq(contextSwitches.userId, userId)];
  if (q.sessionId) conditions.push(eq(contextSwitches.sessionId, q.sessionId));
  if (q.reason) conditions.push(eq(contextSwitches.reason, q.reason));
  if (window.from) conditions.push(gte(contextSwitches.occurredAt, window.from));
  if (window.to) conditions.push(lt(contextSwitches.occurredAt, window.to));
  const isNewest = q.order === 'newest';
  conditions.push(afterPosition(contextSwitches.occurredAt, contextSwitches.id, after, isNewest));
  const rows = await db
    .select()
    .from(contextSwitches)
    .where(and(...conditions))
    .orderBy(...positionOrder(contextSwitches.occurredAt, contextSwitches.id, isNewest))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({ key: r.occurredAt.toISOString(), id: r.id }));
}

/** Deletes one of the owner's interruptions; returns its session. Throws 'not_found'. */
export async function deleteOwnContextSwitch(
  db: Executor,
  userId: string,
  id: string,
): Promise<{ sessionId: string }> {
  const rows = await db
    .delete(contextSwitches)
    .where(and(eq(contextSwitches.id, id), eq(contextSwitches.userId, userId)))
    .returning({ sessionId: contextSwitches.sessionId });
  if (!rows[0]) throw switchNotFound();
  return rows[0];
}

/** Throws the not_found a malformed id earns, before any query. */
export function assertContextSwitchId(id: string): void {
  if (!z.uuid().safeParse(id).success) throw switchNotFound();
}

function switchNotFound(): AppError {
  return new AppError('not_found', 'That interruption does not exist.');
}
