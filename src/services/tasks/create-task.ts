import type { TaskRow } from '../../db/schema/index.ts';
import { assertOwnProject } from '../../db/stores/project-store.ts';
import { insertTask } from '../../db/stores/task-store.ts';
import { TaskInput } from '../../domain/inputs/tasks.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

export type { TaskInput };

/** Creates a task. Throws 'validation', and 'not_found' when projectId is not one of the actor's. */
export async function createTask(deps: ServiceDeps, actor: Actor, input: TaskInput): Promise<TaskRow> {
  const data = parseOrThrow(TaskInput, input);
  if (data.projectId) await assertOwnProject(deps.db, actor.id, data.projectId);
  const now = deps.clock.now();
  return insertTask(deps.db, { ...data, userId: actor.id, createdAt: now, updatedAt: now });
}
