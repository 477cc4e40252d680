import { and, asc, desc, eq, gt, gte, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type ContextSwitchRow, contextSwitches, sessionTasks } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import { ContextSwitchInput, ContextSwitchListQuery } from '../domain/inputs/context-switches.ts';
import { addDays, startOfLocalDay } from '../domain/local-date.ts';
import { changeSession, resolveSessionId } from './change-session.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { decodeCursor, type Page, toPage } from './pagination.ts';
import { getUser } from './preferences.ts';
import { queueInsightsRecompute } from './queue-insights.ts';
import { parseSessionId } from './session-ids.ts';
import { lockSessionForChange } from './session-store.ts';
import { recordSessionChange } from './session-tasks.ts';
import { findOwnTask } from './tasks.ts';

export type { ContextSwitchInput, ContextSwitchListQuery };

/**
 * Records an interruption of the actor's running session: why, an optional note, and the task it
 * pulled them to (one of theirs); the task they were pulled from is the session's main task. With
 * `pause`, the session is then paused through changeSession, as the person chose. Throws
 * 'not_found' (session or task), 'validation', and 'session.invalid_transition' unless it is active.
 */
export async function recordContextSwitch(
  deps: ServiceDeps,
  actor: Actor,
  sessionId: string,
  input: ContextSwitchInput,
): Promise<ContextSwitchRow> {
  const ref = resolveSessionId(actor, sessionId);
  const data = parseOrThrow(ContextSwitchInput, input);
  const user = await getUser(deps, actor);
  if (data.toTaskId) await findOwnTask(deps.db, actor, data.toTaskId);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const session = await lockSessionForChange(tx, user, ref.date, ref.slot, now);
    if (session.state !== 'active') {
      throw new AppError('session.invalid_transition', 'Interruptions are recorded while a session runs.', {
        details: { from: session.state, action: 'recordSwitch' },
      });
    }
    const main = await tx
      .select({ taskId: sessionTasks.taskId })
      .from(sessionTasks)
      .where(and(eq(sessionTasks.sessionId, session.id), eq(sessionTasks.role, 'main')));
    const inserted = await tx
      .insert(contextSwitches)
      .values({
        userId: user.id,
        sessionId: session.id,
        occurredAt: now,
        reason: data.reason,
        note: data.note,
        fromTaskId: main[0]?.taskId ?? null,
        toTaskId: data.toTaskId,
      })
      .returning();
    await recordSessionChange(tx, user.id, session.id, now);
    return inserted[0]!;
  });
  queueInsightsRecompute(deps, user.id);
  if (data.pause) await changeSession(deps, actor, sessionId, { action: 'pause' });
  return row;
}

/**
 * The actor's interruptions, newest first by default, filtered by session, reason and the days
 * (in their time zone) they happened on. A session id that is not theirs matches nothing.
 * Throws 'validation'.
 */
export async function listContextSwitches(
  deps: ServiceDeps,
  actor: Actor,
  query: ContextSwitchListQuery,
): Promise<Page<ContextSwitchRow>> {
  const q = parseOrThrow(ContextSwitchListQuery, query);
  const after = decodeCursor(q.cursor);
  if (q.sessionId !== undefined && !parseSessionId(actor.id, q.sessionId))
    return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [eq(contextSwitches.userId, actor.id)];
  if (q.sessionId) conditions.push(eq(contextSwitches.sessionId, q.sessionId));
  if (q.reason) conditions.push(eq(contextSwitches.reason, q.reason));
  if (q.from || q.to) {
    const { timeZone } = await getUser(deps, actor);
    if (q.from) conditions.push(gte(contextSwitches.occurredAt, startOfLocalDay(q.from, timeZone)));
    if (q.to) conditions.push(lt(contextSwitches.occurredAt, startOfLocalDay(addDays(q.to, 1), timeZone)));
  }
  const isNewest = q.order === 'newest';
  if (after) {
    const at = new Date(after.key);
    const cmp = isNewest ? lt : gt;
    conditions.push(
      or(
        cmp(contextSwitches.occurredAt, at),
        and(eq(contextSwitches.occurredAt, at), cmp(contextSwitches.id, after.id)),
      ),
    );
  }
  const direction = isNewest ? desc : asc;
  const rows = await deps.db
    .select()
    .from(contextSwitches)
    .where(and(...conditions))
    .orderBy(direction(contextSwitches.occurredAt), direction(contextSwitches.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({ key: r.occurredAt.toISOString(), id: r.id }));
}

/** Deletes one of the actor's interruptions and tells their devices. Throws 'not_found'. */
export async function deleteContextSwitch(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  if (!z.uuid().safeParse(id).success) throw switchNotFound();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .delete(contextSwitches)
      .where(and(eq(contextSwitches.id, id), eq(contextSwitches.userId, actor.id)))
      .returning({ sessionId: contextSwitches.sessionId });
    if (!rows[0]) throw switchNotFound();
    await recordSessionChange(tx, actor.id, rows[0].sessionId, now);
  });
  queueInsightsRecompute(deps, actor.id);
}

function switchNotFound(): AppError {
  return new AppError('not_found', 'That interruption does not exist.');
}
