import type { PushSubscriptionRow } from '../../db/schema/index.ts';
import {
  deleteSubscription,
  findSubscription,
  listSubscriptions,
  saveSubscription,
} from '../../db/stores/push-subscription-store.ts';
import { AppError } from '../../domain/errors.ts';
import { NewPushSubscriptionInput } from '../../domain/inputs/push-subscriptions.ts';
import { assertOutboundUrl, OutboundRefused } from '../../security/guarded-fetch.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/** The device a subscription is made from: its sign-in (null with a token) and user agent. */
export type SubscribingDevice = { authSessionId: string | null; userAgent: string };

/**
 * Stores this device's push subscription for the actor. The endpoint is where the server will
 * POST, so it passes the outbound policy of webhooks: https and a public address, unless
 * WEBHOOK_ALLOW_PRIVATE (local push-service fakes). Throws 'validation'.
 */
export async function subscribeToPush(
  deps: ServiceDeps,
  actor: Actor,
  input: NewPushSubscriptionInput,
  device: SubscribingDevice,
): Promise<PushSubscriptionRow> {
  const parsed = parseOrThrow(NewPushSubscriptionInput, input);
  try {
    await assertOutboundUrl(parsed.endpoint, { allowPrivate: deps.config.webhookAllowPrivate });
  } catch (error) {
    if (!(error instanceof OutboundRefused)) throw error;
    throw new AppError('validation', error.message, { fields: { endpoint: error.message } });
  }
  return saveSubscription(
    deps.db,
    {
      userId: actor.id,
      authSessionId: device.authSessionId,
      endpoint: parsed.endpoint,
      p256dh: parsed.keys.p256dh,
      auth: parsed.keys.auth,
      userAgent: device.userAgent.slice(0, 300),
    },
    deps.clock.now(),
  );
}

/** The actor's subscribed devices, newest first. */
export function listPushSubscriptions(deps: ServiceDeps, actor: Actor): Promise<PushSubscriptionRow[]> {
  return listSubscriptions(deps.db, actor.id);
}

/** One of the actor's subscriptions. Throws 'not_found' (also for another person's id). */
export async function getPushSubscription(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<PushSubscriptionRow> {
  const row = isUuid(id) ? await findSubscription(deps.db, actor.id, id) : undefined;
  if (!row) throw new AppError('not_found', 'That device is not subscribed.');
  return row;
}

/** Stops pushes to one of the actor's devices. Throws 'not_found'. */
export async function unsubscribeFromPush(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  const deleted = isUuid(id) && (await deleteSubscription(deps.db, actor.id, id));
  if (!deleted) throw new AppError('not_found', 'That device is not subscribed.');
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
