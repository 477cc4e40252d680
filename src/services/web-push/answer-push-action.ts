import { AppError } from '../../domain/errors.ts';
import { PushActionInput } from '../../domain/inputs/push-subscriptions.ts';
import { PUSH_KEEP_GOING_MINUTES } from '../../domain/time-up-push.ts';
import { type ChangedSession, changeSession } from '../change-session.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { isPushActionToken } from './push-action-token.ts';
import { getPushSubscription } from './push-subscriptions.ts';

/**
 * A button pressed on a time's-up notification (Complete, Keep going 10 min), sent by the service
 * worker without opening the page. It needs both the device's sign-in (the actor) and the token
 * the push carried for this subscription and session: the token stands in for the page's CSRF
 * token, which a service worker cannot read. Throws 'not_found' (not the actor's subscription or
 * session), 'forbidden' (a wrong token), and changeSession's codes (e.g. already completed).
 */
export async function answerPushAction(
  deps: ServiceDeps,
  actor: Actor,
  input: PushActionInput,
): Promise<ChangedSession> {
  const parsed = parseOrThrow(PushActionInput, input);
  const subscription = await getPushSubscription(deps, actor, parsed.subscriptionId);
  if (!isPushActionToken(deps.config.secret, subscription.id, parsed.sessionId, parsed.token)) {
    throw new AppError('forbidden', 'This notification is no longer valid; open Deepsheet instead.');
  }
  const action =
    parsed.action === 'complete'
      ? ('complete' as const)
      : { type: 'keepGoing' as const, minutes: PUSH_KEEP_GOING_MINUTES };
  return changeSession(deps, actor, parsed.sessionId, { action });
}
