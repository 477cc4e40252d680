import {
  lockSessionForChange,
  recordSessionChange,
  type StoredSession,
  sessionFromRow,
} from '../db/stores/session-store.ts';
import { AppError } from '../domain/errors.ts';
import { SessionOutcomeInput } from '../domain/inputs/session-work.ts';
import type { SessionOutcome } from '../domain/work-values.ts';
import { resolveSessionId } from './change-session.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { getUser } from './preferences.ts';
import { queueInsightsRecompute } from './queue-insights.ts';

export type { SessionOutcomeInput };

/** A session with what came out of it (session-store's StoredSession does not carry the outcome). */
export type SessionWithOutcome = StoredSession & { outcome: SessionOutcome | null; outcomeNote: string };

/**
 * Records what came out of a completed session: done, progressed, blocked or nothing (null clears
 * it), with an optional note; a note left out keeps the one saved. Optional and possible any time
 * later. The session's tasks are left alone: the person decides whether a task is done. Tells the
 * person's devices. Throws 'not_found', 'validation', and 'session.invalid_transition' unless the
 * session is completed.
 */
export async function setSessionOutcome(
  deps: ServiceDeps,
  actor: Actor,
  sessionId: string,
  input: SessionOutcomeInput,
): Promise<SessionWithOutcome> {
  const ref = resolveSessionId(actor, sessionId);
  const data = parseOrThrow(SessionOutcomeInput, input);
  const user = await getUser(deps, actor);
  const now = deps.clock.now();
  const saved = await deps.db.transaction(async (tx) => {
    const current = await lockSessionForChange(tx, user, ref.date, ref.slot, now);
    if (current.state !== 'completed') {
      throw new AppError(
        'session.invalid_transition',
        'What came out of a session can be noted once it is complete.',
        {
          details: { from: current.state, action: 'setOutcome' },
        },
      );
    }
    const row = await recordSessionChange(tx, user.id, current.id, now, {
      set: { outcome: data.outcome, ...(data.note !== undefined ? { outcomeNote: data.note } : {}) },
    });
    return { ...sessionFromRow(row), outcome: row.outcome, outcomeNote: row.outcomeNote };
  });
  queueInsightsRecompute(deps, user.id);
  return saved;
}
