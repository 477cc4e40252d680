import { type ProjectAccess, taskCountOf } from '../../db/stores/project-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { reachProject } from '../reach-work.ts';

/**
 * A project the actor may reach (their own or one of their teams'), with the actor's role and how
 * many tasks it holds. Throws 'not_found'.
 */
export async function getProject(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ProjectAccess & { taskCount: number }> {
  return deps.db.transaction(async (tx) => {
    const access = await reachProject(tx, actor, id, 'read');
    return { ...access, taskCount: await taskCountOf(tx, access.project.id) };
  });
}
