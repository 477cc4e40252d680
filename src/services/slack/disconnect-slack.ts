import { deleteSlackConnection, findSlackConnection } from '../../db/stores/slack-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { slackClientOf } from './slack-access.ts';
import { restoreStatus } from './sync-slack-status.ts';

/**
 * Forgets the actor's Slack connection and its token. If our status is on their profile, their
 * own is put back first, as far as Slack lets us (a revoked token cannot; ours then expires at
 * the session's planned end). Disconnecting without a connection is fine.
 */
export async function disconnectSlack(deps: ServiceDeps, actor: Actor): Promise<void> {
  const connection = await findSlackConnection(deps.db, actor.id);
  if (!connection) return;
  if (connection.status === 'connected' && connection.isApplied) {
    await restoreStatus(deps, slackClientOf(deps, connection), connection).catch((error: unknown) =>
      deps.logger.warn({ err: error, userId: actor.id }, 'slack status not restored on disconnect'),
    );
  }
  await deleteSlackConnection(deps.db, actor.id);
}
