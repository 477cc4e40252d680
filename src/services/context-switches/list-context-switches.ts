import type { ContextSwitchRow } from '../../db/schema/index.ts';
import { pageOfContextSwitches } from '../../db/stores/context-switch-store.ts';
import { decodeCursor, type Page } from '../../db/stores/keyset.ts';
import { parseSessionId } from '../../db/stores/session-ids.ts';
import { ContextSwitchListQuery } from '../../domain/inputs/context-switches.ts';
import { addDays, startOfLocalDay } from '../../domain/local-date.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { getUser } from '../preferences.ts';

export type { ContextSwitchListQuery };

/**
 * The actor's interruptions, newest first by default, filtered by session, reason and the days
 * (in their time zone) they happened on. A session id that is not theirs matches nothing.
 * Throws 'validation'.
 */
export async function listContextSwitches(
  deps: ServiceDeps,
  actor: Actor,
  query: ContextSwitchListQuery,
): Promise<Page<ContextSwitchRow>> {
  const q = parseOrThrow(ContextSwitchListQuery, query);
  const after = decodeCursor(q.cursor);
  if (q.sessionId !== undefined && !parseSessionId(actor.id, q.sessionId))
    return { items: [], nextCursor: null };
  const window: { from?: Date; to?: Date } = {};
  if (q.from || q.to) {
    const { timeZone } = await getUser(deps, actor);
    if (q.from) window.from = startOfLocalDay(q.from, timeZone);
    if (q.to) window.to = startOfLocalDay(addDays(q.to, 1), timeZone);
  }
  return pageOfContextSwitches(deps.db, actor.id, q, window, after);
}
