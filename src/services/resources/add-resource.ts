import type { ResourceRow } from '../../db/schema/index.ts';
import { insertResource } from '../../db/stores/resource-store.ts';
import { lockSessionForChange, recordSessionChange } from '../../db/stores/session-store.ts';
import { ResourceInput } from '../../domain/inputs/resources.ts';
import { describeResourceLink } from '../../domain/resource-link.ts';
import { resolveSessionId } from '../change-session.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { getUser } from '../preferences.ts';
import { reachTask } from '../reach-work.ts';

export type { ResourceInput };

/**
 * Attaches a link to a task the actor may write (theirs or their team's) or to one of their
 * sessions (exactly one). Kind and title default to
 * what the URL itself tells (never fetched). Attaching to a session of an untouched day stores the
 * day first and tells the person's devices. Throws 'validation', 'not_found' (task or session) and 'forbidden'.
 */
export async function addResource(
  deps: ServiceDeps,
  actor: Actor,
  input: ResourceInput,
): Promise<ResourceRow> {
  const data = parseOrThrow(ResourceInput, input);
  const link = describeResourceLink(data.url)!;
  const values = {
    userId: actor.id,
    url: new URL(data.url).href,
    title: data.title || link.title,
    kind: data.kind ?? link.kind,
    createdAt: deps.clock.now(),
  };
  if (data.taskId) {
    const taskId = data.taskId;
    return deps.db.transaction(async (tx) => {
      const { task } = await reachTask(tx, actor, taskId, 'tasks.write', { field: 'taskId' });
      return insertResource(tx, { ...values, taskId: task.id });
    });
  }
  const ref = resolveSessionId(actor, data.sessionId!);
  const user = await getUser(deps, actor);
  return deps.db.transaction(async (tx) => {
    const session = await lockSessionForChange(tx, user, ref.date, ref.slot, values.createdAt);
    const row = await insertResource(tx, { ...values, sessionId: session.id });
    await recordSessionChange(tx, user.id, session.id, values.createdAt);
    return row;
  });
}
