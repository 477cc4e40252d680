import type { WebhookEndpointRow } from '../../db/schema/index.ts';
import type { ServiceDeps } from '../deps.ts';

/** Tells an endpoint's owner, once, calmly, that it was turned off and how to turn it on again. */
export async function tellOwnerWebhookStopped(
  deps: ServiceDeps,
  email: string,
  endpoint: WebhookEndpointRow,
): Promise<void> {
  const why =
    endpoint.disabledReason === 'gone'
      ? 'it answered 410 Gone, which says it no longer wants events'
      : 'it kept failing for a day';
  const where = deps.config.appUrl ? `${deps.config.appUrl}/settings/webhooks` : 'Settings → Webhooks';
  const text = [
    `Deepsheet stopped sending events to ${endpoint.url} because ${why}.`,
    '',
    `Nothing else changed. When the endpoint is ready again, turn it back on in ${where};`,
    'the delivery log there shows what it answered.',
  ].join('\n');
  try {
    await deps.mailer.send({ to: email, subject: 'A Deepsheet webhook was turned off', text });
  } catch (error) {
    deps.logger.warn({ err: error, endpointId: endpoint.id }, 'webhook notice not mailed');
  }
}
