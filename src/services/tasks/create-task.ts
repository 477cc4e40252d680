import { insertTask, type TeamTaskRow } from '../../db/stores/task-store.ts';
import { TaskInput } from '../../domain/inputs/tasks.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { reachProject } from '../reach-work.ts';
import { queueTaskWebhook } from '../webhooks/queue-task-webhook.ts';
import { announceTeamTask } from './team-task-events.ts';

export type { TaskInput };

/**
 * Creates a task, in one of the actor's projects or one of their teams' (which needs a role that
 * may write tasks). Throws 'validation', 'not_found' (the project) and 'forbidden' (a viewer).
 */
export async function createTask(deps: ServiceDeps, actor: Actor, input: TaskInput): Promise<TeamTaskRow> {
  const data = parseOrThrow(TaskInput, input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const teamId = data.projectId
      ? (await reachProject(tx, actor, data.projectId, 'tasks.write', { field: 'projectId' })).project.teamId
      : null;
    const task = await insertTask(tx, { ...data, userId: actor.id, createdAt: now, updatedAt: now });
    await announceTeamTask(tx, teamId, task.id, 'created', now);
    await queueTaskWebhook(tx, actor.id, 'task.created', task, now);
    return { ...task, teamId };
  });
}
