import { type TaskDetail, taskDetailOf } from '../../db/stores/task-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { reachTask } from '../reach-work.ts';

export type { TaskDetail, TaskSession } from '../../db/stores/task-store.ts';

/**
 * A task the actor may reach (their own or their team's) with its project, the actor's own sessions
 * on it, their focus, and its resources. Throws 'not_found'.
 */
export async function getTask(deps: ServiceDeps, actor: Actor, id: string): Promise<TaskDetail> {
  // One transaction holding the team: the detail is read whole before any removal commits.
  return deps.db.transaction(async (tx) => {
    return taskDetailOf(tx, actor.id, await reachTask(tx, actor, id, 'read'));
  });
}
