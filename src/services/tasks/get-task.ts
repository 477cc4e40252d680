import { findOwnTask, type TaskDetail, taskDetailOf } from '../../db/stores/task-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

export type { TaskDetail, TaskSession } from '../../db/stores/task-store.ts';

/** One of the actor's tasks with its project, sessions, focus and resources. Throws 'not_found'. */
export async function getTask(deps: ServiceDeps, actor: Actor, id: string): Promise<TaskDetail> {
  const task = await findOwnTask(deps.db, actor, id);
  return taskDetailOf(deps.db, actor.id, task);
}
