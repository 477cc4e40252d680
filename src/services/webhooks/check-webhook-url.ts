import { AppError } from '../../domain/errors.ts';
import { assertOutboundUrl, OutboundRefused, type ResolveAll } from '../../security/guarded-fetch.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * Refuses an endpoint address that is not https or resolves to a loopback, private, link-local
 * or metadata address (unless WEBHOOK_ALLOW_PRIVATE), as a 'validation' error on `url`.
 */
export async function checkWebhookUrl(
  deps: Pick<ServiceDeps, 'config'>,
  url: string,
  resolve?: ResolveAll,
): Promise<string> {
  try {
    const checked = await assertOutboundUrl(url, {
      allowPrivate: deps.config.webhookAllowPrivate,
      ...(resolve ? { resolve } : {}),
    });
    return checked.href;
  } catch (error) {
    if (!(error instanceof OutboundRefused)) throw error;
    throw new AppError('validation', error.message, { fields: { url: error.message } });
  }
}
