import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import { AppError } from '../../domain/errors.ts';
import type { Executor } from '../client.ts';
import {
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
  webhookDeliveries,
  webhookEndpoints,
} from '../schema/index.ts';
import { type CursorPosition, toPage } from './keyset.ts';
import { isRowId } from './team-store.ts';

function endpointNotFound(): AppError {
  return new AppError('not_found', 'That webhook does not exist.');
}

/** One of the person's endpoints; another person's id, or a malformed one, is not found. */
export async function findOwnEndpoint(db: Executor, userId: string, id: string): Promise<WebhookEndpointRow> {
  if (!isRowId(id)) throw endpointNotFound();
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.userId, userId)));
  if (!rows[0]) throw endpointNotFound();
  return rows[0];
}

export async function listOwnEndpoints(db: Executor, userId: string): Promise<WebhookEndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.userId, userId))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}

export async function updateEndpoint(
  db: Executor,
  id: string,
  values: Partial<WebhookEndpointRow>,
): Promise<WebhookEndpointRow> {
  const rows = await db.update(webhookEndpoints).set(values).where(eq(webhookEndpoints.id, id)).returning();
  return rows[0]!;
}

/** A page of an endpoint's deliveries, newest first. */
export async function listDeliveries(
  db: Executor,
  endpointId: string,
  page: { limit: number; after: CursorPosition | undefined },
) {
  const conditions: (SQL | undefined)[] = [eq(webhookDeliveries.endpointId, endpointId)];
  if (page.after) {
    const at = new Date(page.after.key);
    conditions.push(
      or(
        lt(webhookDeliveries.createdAt, at),
        and(eq(webhookDeliveries.createdAt, at), lt(webhookDeliveries.id, page.after.id)),
      ),
    );
  }
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (r) => ({ key: r.createdAt.toISOString(), id: r.id }));
}

export async function findDelivery(
  db: Executor,
  endpointId: string,
  id: string,
): Promise<WebhookDeliveryRow> {
  const rows = isRowId(id)
    ? await db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, id)))
    : [];
  if (!rows[0]) throw new AppError('not_found', 'That delivery does not exist.');
  return rows[0];
}

/** Enabled endpoints only: what a disabled one is sent waits until it is enabled again. */
export const isEndpointEnabled = isNull(webhookEndpoints.disabledAt);
