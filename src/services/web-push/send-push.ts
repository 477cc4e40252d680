import webPush from 'web-push';
import type { PushSubscriptionRow } from '../../db/schema/index.ts';
import { recordPushAnswer } from '../../db/stores/push-subscription-store.ts';
import { guardedRequest, OutboundRefused } from '../../security/guarded-fetch.ts';
import type { ServiceDeps } from '../deps.ts';
import { vapidKeysOf } from './vapid-keys.ts';

/** How long a push service keeps a time's-up push for an offline phone: later it is old news. */
export const PUSH_TTL_SECONDS = 300;
const TIMEOUT_MS = 10_000;

/**
 * What a push service said: delivered (2xx), the device is gone (404/410: subscription deleted),
 * our key is refused (403: the device must subscribe again), not taken and worth retrying (429,
 * 5xx, no connection at all), refused for good (another 4xx, an address the policy forbids), or
 * unknown: the request went out and the connection broke before an answer, so the push may have
 * arrived and is not sent again (at most once).
 */
export type PushOutcome = 'sent' | 'gone' | 'refused' | 'retry' | 'failed' | 'unknown';

/** Errors that mean no byte reached the push service. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export type PushMessage = {
  payload: Record<string, unknown>;
  /** Replaces an undelivered push of the same topic at the push service (≤ 32 base64url chars). */
  topic?: string;
  urgency?: 'very-low' | 'low' | 'normal' | 'high';
};

/**
 * Encrypts `payload` for one device (RFC 8291, aes128gcm), signs the request with our VAPID key
 * and POSTs it to the device's push service through the outbound guard (the endpoint came from a
 * browser, so it is checked at connect time like a webhook's). Records the answer on the
 * subscription: last success, needs resubscribe, or deleted.
 */
export async function sendPush(
  deps: ServiceDeps,
  subscription: PushSubscriptionRow,
  message: PushMessage,
): Promise<PushOutcome> {
  const keys = await vapidKeysOf(deps);
  const details = webPush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(message.payload),
    {
      vapidDetails: keys,
      TTL: PUSH_TTL_SECONDS,
      urgency: message.urgency ?? 'high',
      ...(message.topic ? { topic: message.topic } : {}),
    },
  );
  const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
  let status: number;
  try {
    const answer = await guardedRequest(
      {
        url: details.endpoint,
        method: 'POST',
        headers,
        ...(details.body ? { body: details.body } : {}),
        timeoutMs: TIMEOUT_MS,
        maxBodyBytes: 2048,
      },
      { allowPrivate: deps.config.webhookAllowPrivate },
    );
    status = answer.status;
  } catch (error) {
    deps.logger.warn({ err: error, subscriptionId: subscription.id }, 'push service not reached');
    if (error instanceof OutboundRefused) return 'failed';
    return NOT_CONNECTED.has((error as NodeJS.ErrnoException).code ?? '') ? 'retry' : 'unknown';
  }
  const outcome = outcomeOf(status);
  if (outcome === 'sent' || outcome === 'gone' || outcome === 'refused')
    await recordPushAnswer(deps.db, subscription.id, outcome, deps.clock.now());
  if (outcome !== 'sent')
    deps.logger.info({ subscriptionId: subscription.id, status, outcome }, 'push not delivered');
  return outcome;
}

export function outcomeOf(status: number): PushOutcome {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 404 || status === 410) return 'gone';
  if (status === 403) return 'refused';
  if (status === 429 || status >= 500) return 'retry';
  return 'failed';
}
