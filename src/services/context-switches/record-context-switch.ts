import type { ContextSwitchRow } from '../../db/schema/index.ts';
import { insertContextSwitch, mainTaskIdOf } from '../../db/stores/context-switch-store.ts';
import { lockSessionForChange, recordSessionChange } from '../../db/stores/session-store.ts';
import { findTask } from '../../db/stores/task-store.ts';
import { AppError } from '../../domain/errors.ts';
import { ContextSwitchInput } from '../../domain/inputs/context-switches.ts';
import { changeSession, resolveSessionId } from '../change-session.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { getUser } from '../preferences.ts';
import { queueInsightsRecompute } from '../queue-insights.ts';

export type { ContextSwitchInput };

/**
 * Records an interruption of the actor's running session: why, an optional note, and the task it
 * pulled them to (one they may reach); the task they were pulled from is the session's main task. With
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
  if (data.toTaskId) await findTask(deps.db, actor.id, data.toTaskId, { field: 'toTaskId' });
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const session = await lockSessionForChange(tx, user, ref.date, ref.slot, now);
    if (session.state !== 'active') {
      throw new AppError('session.invalid_transition', 'Interruptions are recorded while a session runs.', {
        details: { from: session.state, action: 'recordSwitch' },
      });
    }
    const inserted = await insertContextSwitch(tx, {
      userId: user.id,
      sessionId: session.id,
      occurredAt: now,
      reason: data.reason,
      note: data.note,
      fromTaskId: await mainTaskIdOf(tx, session.id),
      toTaskId: data.toTaskId,
    });
    await recordSessionChange(tx, user.id, session.id, now);
    return inserted;
  });
  queueInsightsRecompute(deps, user.id);
  if (data.pause) await changeSession(deps, actor, sessionId, { action: 'pause' });
  return row;
}
