import type { ResourceRow } from '../../db/schema/index.ts';
import { decodeCursor, type Page } from '../../db/stores/keyset.ts';
import { pageOfResources } from '../../db/stores/resource-store.ts';
import { parseSessionId } from '../../db/stores/session-ids.ts';
import { ResourceListQuery } from '../../domain/inputs/resources.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

export type { ResourceListQuery };

/**
 * The actor's links, newest first by default, filtered by task, session, kind and a text in the
 * title or URL. A task or session id that is not theirs matches nothing. Throws 'validation'.
 */
export async function listResources(
  deps: ServiceDeps,
  actor: Actor,
  query: ResourceListQuery,
): Promise<Page<ResourceRow>> {
  const q = parseOrThrow(ResourceListQuery, query);
  const after = decodeCursor(q.cursor);
  if (q.sessionId !== undefined && !parseSessionId(actor.id, q.sessionId))
    return { items: [], nextCursor: null };
  return pageOfResources(deps.db, actor.id, q, after);
}
