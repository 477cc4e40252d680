import { eq } from 'drizzle-orm';
import { type WebhookDeliveryRow, webhookDeliveries } from '../../db/schema/index.ts';
import { findDelivery, findOwnEndpoint } from '../../db/stores/webhook-store.ts';
import { TEST_EVENT, webhookPayloadOf } from '../../domain/webhook-events.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { JOB_NAMES } from '../job-sender.ts';

/** Wakes the delivery worker now rather than at its next sweep (within a minute). */
export async function wakeWebhookDelivery(deps: ServiceDeps): Promise<void> {
  await deps.jobs.send({ name: JOB_NAMES.deliverWebhooks, data: {} });
}

/** Queues a `webhook.test` event to one of the actor's endpoints. Throws 'not_found'. */
export async function sendTestWebhook(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<WebhookDeliveryRow> {
  const endpoint = await findOwnEndpoint(deps.db, actor.id, id);
  const now = deps.clock.now();
  const payload = webhookPayloadOf(
    TEST_EVENT,
    { endpointId: endpoint.id, message: 'A test event from Deepsheet.' },
    now,
  );
  const rows = await deps.db
    .insert(webhookDeliveries)
    .values({ endpointId: endpoint.id, eventType: TEST_EVENT, payload, nextAttemptAt: now, createdAt: now })
    .returning();
  await wakeWebhookDelivery(deps);
  return rows[0]!;
}

/**
 * Sends a delivery again, with the same `webhook-id` and body, as a fresh run of attempts.
 * Throws 'not_found'.
 */
export async function resendWebhookDelivery(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  deliveryId: string,
): Promise<WebhookDeliveryRow> {
  const endpoint = await findOwnEndpoint(deps.db, actor.id, id);
  const delivery = await findDelivery(deps.db, endpoint.id, deliveryId);
  const rows = await deps.db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: deps.clock.now() })
    .where(eq(webhookDeliveries.id, delivery.id))
    .returning();
  await wakeWebhookDelivery(deps);
  return rows[0]!;
}
