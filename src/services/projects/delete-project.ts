import { deleteOwnProject } from '../../db/stores/project-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/** Deletes one of the actor's projects; its tasks stay, in the inbox (the foreign key sets them free). */
export async function deleteProject(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  await deleteOwnProject(deps.db, actor.id, id);
}
