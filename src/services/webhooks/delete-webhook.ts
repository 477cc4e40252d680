import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/index.ts';
import { findOwnEndpoint } from '../../db/stores/webhook-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/** Deletes an endpoint of the actor's with its delivery log. Throws 'not_found'. */
export async function deleteWebhook(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const found = await findOwnEndpoint(tx, actor.id, id);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, found.id));
  });
}
