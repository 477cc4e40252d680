import { assertContextSwitchId, deleteOwnContextSwitch } from '../../db/stores/context-switch-store.ts';
import { recordSessionChange } from '../../db/stores/session-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { queueInsightsRecompute } from '../queue-insights.ts';

/** Deletes one of the actor's interruptions and tells their devices. Throws 'not_found'. */
export async function deleteContextSwitch(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  assertContextSwitchId(id);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { sessionId } = await deleteOwnContextSwitch(tx, actor.id, id);
    await recordSessionChange(tx, actor.id, sessionId, now);
  });
  queueInsightsRecompute(deps, actor.id);
}
