import { z } from '@hono/zod-openapi';
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../../db/schema/index.ts';
import { webhookIdOf } from '../../db/stores/webhook-outbox.ts';
import { DELIVERY_STATUSES, DISABLED_REASONS, WEBHOOK_EVENTS } from '../../domain/webhook-events.ts';
import { pageOf, Timestamp } from './schemas.ts';

export const Webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    teamId: z.string().nullable().openapi({ description: 'Set for a team’s endpoint (team events only).' }),
    enabled: z.boolean(),
    disabledAt: Timestamp.nullable(),
    disabledReason: z
      .enum(DISABLED_REASONS)
      .nullable()
      .openapi({ description: '`owner` (turned off), `gone` (answered 410), `failing` (failed for a day).' }),
    failingSince: Timestamp.nullable(),
    previousSecretExpiresAt: Timestamp.nullable().openapi({
      description: 'After a rotation, the old secret also signs until this time.',
    }),
    createdAt: Timestamp,
  })
  .openapi('Webhook');

export const WebhookWithSecret = z
  .object({
    webhook: Webhook,
    secret: z.string().openapi({ description: 'The signing secret (`whsec_…`), shown only this once.' }),
  })
  .openapi('WebhookWithSecret');

export const WebhookChange = z
  .object({
    webhook: Webhook,
    secret: z
      .string()
      .optional()
      .openapi({ description: 'After rotateSecret only: the new secret, shown once.' }),
  })
  .openapi('WebhookChange');

export const WebhookDelivery = z
  .object({
    id: z.string(),
    webhookId: z
      .string()
      .openapi({ description: 'The `webhook-id` header: the same on every attempt and resend.' }),
    eventType: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: Timestamp.nullable(),
    lastAttemptAt: Timestamp.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    responseSnippet: z
      .string()
      .nullable()
      .openapi({ description: 'The first 500 characters of the answer.' }),
    payload: z.record(z.string(), z.unknown()),
    createdAt: Timestamp,
  })
  .openapi('WebhookDelivery');

export const WebhookList = z.object({ items: z.array(Webhook) }).openapi('WebhookList');
export const WebhookDeliveryPage = pageOf(WebhookDelivery, 'WebhookDeliveryPage');

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentWebhook(row: WebhookEndpointRow): z.infer<typeof Webhook> {
  return {
    id: row.id,
    url: row.url,
    events: row.events as z.infer<typeof Webhook>['events'],
    teamId: row.teamId,
    enabled: row.disabledAt === null,
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason,
    failingSince: iso(row.failingSince),
    previousSecretExpiresAt: row.previousSecretSealed ? iso(row.previousSecretExpiresAt) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentDelivery(row: WebhookDeliveryRow): z.infer<typeof WebhookDelivery> {
  return {
    id: row.id,
    webhookId: webhookIdOf(row.id),
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: iso(row.nextAttemptAt),
    lastAttemptAt: iso(row.lastAttemptAt),
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    durationMs: row.durationMs,
    responseSnippet: row.responseSnippet,
    payload: row.payload as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  };
}
