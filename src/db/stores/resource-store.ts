import { and, asc, desc, eq, gt, ilike, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type ResourceRow, resources } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import { ResourceInput, ResourceListQuery } from '../domain/inputs/resources.ts';
import { describeResourceLink } from '../domain/resource-link.ts';
import { resolveSessionId } from './change-session.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { containsPattern, decodeCursor, type Page, toPage } from './pagination.ts';
import { getUser } from './preferences.ts';
import { parseSessionId } from './session-ids.ts';
import { lockSessionForChange } from './session-store.ts';
import { recordSessionChange } from './session-tasks.ts';
import { findOwnTask } from './tasks.ts';

export type { ResourceInput, ResourceListQuery };

/**
 * Attaches a link to one of the actor's tasks or sessions (exactly one). Kind and title default to
 * what the URL itself tells (never fetched). Attaching to a session of an untouched day stores the
 * day first and tells the person's devices. Throws 'validation' and 'not_found' (task or session).
 */
export async function addResource(
  deps: ServiceDeps,
  actor: Actor,
  input: ResourceInput,
): Promise<ResourceRow> {
  const data = parseOrThrow(ResourceInput, input);
  const link = describeResourceLink(data.url)!;
  const values = {
    userId: actor.id,
    url: new URL(data.url).href,
    title: data.title || link.title,
    kind: data.kind ?? link.kind,
    createdAt: deps.clock.now(),
  };
  if (data.taskId) {
    const task = await findOwnTask(deps.db, actor, data.taskId);
    const rows = await deps.db
      .insert(resources)
      .values({ ...values, taskId: task.id })
      .returning();
    return rows[0]!;
  }
  const ref = resolveSessionId(actor, data.sessionId!);
  const user = await getUser(deps, actor);
  return deps.db.transaction(async (tx) => {
    const session = await lockSessionForChange(tx, user, ref.date, ref.slot, values.createdAt);
    const rows = await tx
      .insert(resources)
      .values({ ...values, sessionId: session.id })
      .returning();
    await recordSessionChange(tx, user.id, session.id, values.createdAt);
    return rows[0]!;
  });
}

/**
 * The actor's links, newest first by default, filtered by task, session, kind and a text in the
 * title or URL. A task or session id that is not theirs matches nothing. Throws 'validation'.
 */
export async function listResources(
  deps: ServiceDeps,
  actor: Actor,
  query: ResourceListQuery,
): Promise<Page<ResourceRow>> {
  const q = parseOrThrow(ResourceListQuery, query);
  const after = decodeCursor(q.cursor);
  if (q.sessionId !== undefined && !parseSessionId(actor.id, q.sessionId))
    return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [eq(resources.userId, actor.id)];
  if (q.taskId) conditions.push(eq(resources.taskId, q.taskId));
  if (q.sessionId) conditions.push(eq(resources.sessionId, q.sessionId));
  if (q.kind) conditions.push(eq(resources.kind, q.kind));
  if (q.q) {
    const pattern = containsPattern(q.q);
    conditions.push(or(ilike(resources.title, pattern), ilike(resources.url, pattern)));
  }
  const isNewest = q.order === 'newest';
  if (after) {
    const at = new Date(after.key);
    const cmp = isNewest ? lt : gt;
    conditions.push(
      or(cmp(resources.createdAt, at), and(eq(resources.createdAt, at), cmp(resources.id, after.id))),
    );
  }
  const direction = isNewest ? desc : asc;
  const rows = await deps.db
    .select()
    .from(resources)
    .where(and(...conditions))
    .orderBy(direction(resources.createdAt), direction(resources.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({ key: r.createdAt.toISOString(), id: r.id }));
}

/** Removes one of the actor's links (telling their devices when it was a session's). Throws 'not_found'. */
export async function deleteResource(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  if (!z.uuid().safeParse(id).success) throw resourceNotFound();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .delete(resources)
      .where(and(eq(resources.id, id), eq(resources.userId, actor.id)))
      .returning({ sessionId: resources.sessionId });
    if (!rows[0]) throw resourceNotFound();
    if (rows[0].sessionId) await recordSessionChange(tx, actor.id, rows[0].sessionId, now);
  });
}

function resourceNotFound(): AppError {
  return new AppError('not_found', 'That link does not exist.');
}
