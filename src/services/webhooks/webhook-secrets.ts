import type { WebhookEndpointRow } from '../../db/schema/index.ts';
import { createSecretBox, type SecretBox } from '../../security/secret-box.ts';
import type { ServiceDeps } from '../deps.ts';

/** How long a rotated-out secret keeps signing, so receivers can switch without a gap. */
export const PREVIOUS_SECRET_VALID_MS = 24 * 60 * 60 * 1000;

export function webhookSecretBox(deps: Pick<ServiceDeps, 'config'>): SecretBox {
  return createSecretBox(deps.config.secret, 'webhook-secret');
}

/** The secrets a delivery is signed with now: the current one, and the previous while it lasts. */
export function signingSecretsOf(box: SecretBox, endpoint: WebhookEndpointRow, now: Date): string[] {
  const secrets = [box.open(endpoint.secretSealed)];
  const previousLasts = endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now;
  if (endpoint.previousSecretSealed && previousLasts) secrets.push(box.open(endpoint.previousSecretSealed));
  return secrets;
}
