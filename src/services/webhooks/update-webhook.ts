import type { WebhookEndpointRow } from '../../db/schema/index.ts';
import { findOwnEndpoint, updateEndpoint } from '../../db/stores/webhook-store.ts';
import { WebhookPatch } from '../../domain/webhook-events.ts';
import { generateWebhookSecret } from '../../security/webhook-signature.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { checkWebhookUrl } from './check-webhook-url.ts';
import { assertTeamEvents } from './create-webhook.ts';
import { PREVIOUS_SECRET_VALID_MS, webhookSecretBox } from './webhook-secrets.ts';

/**
 * Changes an endpoint of the actor's: its address or events, enables it again (which forgets its
 * run of failures) or disables it, or rotates its secret (the old one keeps signing for 24 hours;
 * the new one is returned this once). Throws 'validation' and 'not_found'.
 */
export async function updateWebhook(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  patch: WebhookPatch,
): Promise<{ endpoint: WebhookEndpointRow; secret?: string }> {
  const data = parseOrThrow(WebhookPatch, patch);
  const url = data.url === undefined ? undefined : await checkWebhookUrl(deps, data.url);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const found = await findOwnEndpoint(tx, actor.id, id);
    if (data.events) assertTeamEvents(found.teamId, data.events);
    const values: Partial<WebhookEndpointRow> = { updatedAt: now };
    if (url) values.url = url;
    if (data.events) values.events = data.events;
    if (data.enabled === true && found.disabledAt)
      Object.assign(values, { disabledAt: null, disabledReason: null, failingSince: null });
    if (data.enabled === false && !found.disabledAt)
      Object.assign(values, { disabledAt: now, disabledReason: 'owner' });
    let secret: string | undefined;
    if (data.rotateSecret) {
      secret = generateWebhookSecret();
      values.previousSecretSealed = found.secretSealed;
      values.previousSecretExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_VALID_MS);
      values.secretSealed = webhookSecretBox(deps).seal(secret);
    }
    const endpoint = await updateEndpoint(tx, found.id, values);
    return secret ? { endpoint, secret } : { endpoint };
  });
}
