import { createHash } from 'node:crypto';
import type { PushSubscriptionRow } from '../../db/schema/index.ts';
import {
  claimDelivery,
  type DeliveryKey,
  listSubscriptions,
  releaseDelivery,
} from '../../db/stores/push-subscription-store.ts';
import { findStoredSession } from '../../db/stores/session-store.ts';
import { timeUpPushPayload } from '../../domain/time-up-push.ts';
import { targetSeconds, timeUpAt } from '../../domain/timer.ts';
import type { ServiceDeps } from '../deps.ts';
import { pushActionToken } from './push-action-token.ts';
import { PUSH_TTL_SECONDS, type PushOutcome, sendPush } from './send-push.ts';

export type TimeUpPushResult =
  | { kind: 'not-running' }
  | { kind: 'not-due'; inSeconds: number }
  | { kind: 'too-late' }
  | { kind: 'done'; outcomes: PushOutcome[] };

/** Thrown when a device's push should be tried again: the job's retry does it. */
export class PushRetry extends Error {
  constructor(readonly outcomes: PushOutcome[]) {
    super(`time's-up push to retry (${outcomes.join(', ')})`);
    this.name = 'PushRetry';
  }
}

/** One push topic per session: a newer time's-up push replaces an undelivered older one. */
export function pushTopicOf(sessionId: string): string {
  return createHash('sha256').update(`deepsheet-push-topic:${sessionId}`).digest('base64url').slice(0, 22);
}

/**
 * The time's-up push of one session, as the job runs it. Always reads the session again: it sends
 * only while the session is still running and its planned end has passed (on the app's clock), so
 * a job left over from a paused, completed, skipped or reset timer sends nothing. Each device's
 * push is claimed in the database before it is sent, so a job killed mid-send, retried or run by
 * two instances sends at most once. Past the push TTL the news is stale and nothing is sent.
 * Throws PushRetry when a push service asked to try again (the claim is given back first).
 */
export async function sendTimeUpPush(
  deps: ServiceDeps,
  input: { userId: string; sessionId: string },
): Promise<TimeUpPushResult> {
  const session = await findStoredSession(deps.db, input.userId, input.sessionId);
  const at = session ? timeUpAt(session) : null;
  if (!session || !at) return { kind: 'not-running' };
  const now = deps.clock.now();
  const lateMs = now.getTime() - at.getTime();
  if (lateMs < 0) return { kind: 'not-due', inSeconds: -lateMs / 1000 };
  if (lateMs > PUSH_TTL_SECONDS * 1000) return { kind: 'too-late' };
  const devices = (await listSubscriptions(deps.db, input.userId)).filter((s) => !s.needsResubscribe);
  const outcomes: PushOutcome[] = [];
  for (const device of devices) {
    const key = { subscriptionId: device.id, sessionId: session.id, plannedEnd: at };
    if (!(await claimDelivery(deps.db, key, now))) continue;
    outcomes.push(await pushTo(deps, device, key, session));
  }
  if (outcomes.some((o) => o === 'retry' || o === 'unknown')) throw new PushRetry(outcomes);
  return { kind: 'done', outcomes };
}

async function pushTo(
  deps: ServiceDeps,
  device: PushSubscriptionRow,
  key: DeliveryKey,
  session: NonNullable<Awaited<ReturnType<typeof findStoredSession>>>,
): Promise<PushOutcome> {
  const payload = timeUpPushPayload({
    slot: session.slot,
    goal: session.goal,
    minutes: Math.round(targetSeconds(session) / 60),
    sessionId: session.id,
    subscriptionId: device.id,
    token: pushActionToken(deps.config.secret, device.id, session.id),
  });
  const outcome = await sendPush(deps, device, { payload, topic: pushTopicOf(session.id), urgency: 'high' });
  // Not taken: the claim goes back so the retry may send. 'unknown' keeps it: it may have arrived.
  if (outcome === 'retry') await releaseDelivery(deps.db, key);
  return outcome;
}
