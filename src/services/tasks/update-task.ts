import type { TaskRow } from '../../db/schema/index.ts';
import { assertOwnProject } from '../../db/stores/project-store.ts';
import { assertTaskId, updateOwnTask } from '../../db/stores/task-store.ts';
import { TaskPatch } from '../../domain/inputs/tasks.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

export type { TaskPatch };

/** Changes some fields of one of the actor's tasks. Throws 'validation' and 'not_found' (task or project). */
export async function updateTask(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  patch: TaskPatch,
): Promise<TaskRow> {
  assertTaskId(id);
  const data = parseOrThrow(TaskPatch, patch);
  if (data.projectId) await assertOwnProject(deps.db, actor.id, data.projectId);
  return updateOwnTask(deps.db, actor.id, id, { ...data, updatedAt: deps.clock.now() });
}
