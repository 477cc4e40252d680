import type { WebhookEndpointRow } from '../../db/schema/index.ts';
import { decodeCursor } from '../../db/stores/keyset.ts';
import { findOwnEndpoint, listDeliveries, listOwnEndpoints } from '../../db/stores/webhook-store.ts';
import { PageQuery } from '../../domain/inputs/page-query.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/** The actor's endpoints, personal and for teams, newest first. */
export async function listWebhooks(deps: ServiceDeps, actor: Actor): Promise<WebhookEndpointRow[]> {
  return listOwnEndpoints(deps.db, actor.id);
}

export async function getWebhook(deps: ServiceDeps, actor: Actor, id: string): Promise<WebhookEndpointRow> {
  return findOwnEndpoint(deps.db, actor.id, id);
}

/** A page of one endpoint's delivery log, newest first. Throws 'not_found' and 'validation'. */
export async function listWebhookDeliveries(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  query: { limit?: number | string; cursor?: string },
) {
  const q = parseOrThrow(PageQuery, query);
  const after = decodeCursor(q.cursor);
  const endpoint = await findOwnEndpoint(deps.db, actor.id, id);
  return listDeliveries(deps.db, endpoint.id, { limit: q.limit, after });
}
