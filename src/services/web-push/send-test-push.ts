import type { Actor, ServiceDeps } from '../deps.ts';
import { getPushSubscription } from './push-subscriptions.ts';
import { type PushOutcome, sendPush } from './send-push.ts';

/**
 * Sends "Deepsheet · test notification" to one of the actor's devices now, and says what its push
 * service answered (a gone device is removed, a refused key flagged, as for a real push).
 * Throws 'not_found'.
 */
export async function sendTestPush(deps: ServiceDeps, actor: Actor, id: string): Promise<PushOutcome> {
  const subscription = await getPushSubscription(deps, actor, id);
  return sendPush(deps, subscription, {
    payload: {
      kind: 'test',
      title: 'Deepsheet · test notification',
      body: 'Time’s-up alerts will arrive like this, even with the tab closed.',
      url: '/settings/notifications',
    },
    urgency: 'normal',
  });
}
