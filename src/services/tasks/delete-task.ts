import { deleteOwnTask } from '../../db/stores/task-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/** Deletes one of the actor's tasks with its links and resources. Throws 'not_found'. */
export async function deleteTask(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  await deleteOwnTask(deps.db, actor.id, id);
}
