import { z } from '@hono/zod-openapi';
import type { PushSubscriptionRow } from '../../db/schema/index.ts';
import { Timestamp } from './schemas.ts';

export const PushSubscription = z
  .object({
    id: z.string(),
    endpointOrigin: z
      .string()
      .openapi({ description: 'The push service’s origin; the full endpoint is a secret of the device.' }),
    userAgent: z.string(),
    createdAt: Timestamp,
    lastSuccessAt: Timestamp.nullable(),
    needsResubscribe: z.boolean().openapi({
      description: 'The push service refused our key (403): the device must subscribe again.',
    }),
  })
  .openapi('PushSubscription');

export const PushSubscriptionList = z
  .object({
    items: z.array(PushSubscription),
    publicKey: z.string().openapi({
      description: 'The server’s VAPID public key: `applicationServerKey` for `pushManager.subscribe()`.',
    }),
  })
  .openapi('PushSubscriptionList');

export const PushTestResult = z
  .object({
    outcome: z.enum(['sent', 'gone', 'refused', 'retry', 'failed', 'unknown']).openapi({
      description:
        '`sent`; `gone` (404/410: the subscription was deleted); `refused` (403: subscribe again); `retry`, `unknown` or `failed` (the push service is down, broke off, or refused the push).',
    }),
  })
  .openapi('PushTestResult');

export function presentPushSubscription(row: PushSubscriptionRow): z.infer<typeof PushSubscription> {
  return {
    id: row.id,
    endpointOrigin: new URL(row.endpoint).origin,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    needsResubscribe: row.needsResubscribe,
  };
}
