import { assertResourceId, deleteOwnResource } from '../../db/stores/resource-store.ts';
import { recordSessionChange } from '../../db/stores/session-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/** Removes one of the actor's links (telling their devices when it was a session's). Throws 'not_found'. */
export async function deleteResource(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  assertResourceId(id);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { sessionId } = await deleteOwnResource(tx, actor.id, id);
    if (sessionId) await recordSessionChange(tx, actor.id, sessionId, now);
  });
}
