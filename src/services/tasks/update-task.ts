import { assertTaskId, type TeamTaskRow, updateTaskRow } from '../../db/stores/task-store.ts';
import { AppError } from '../../domain/errors.ts';
import { TaskPatch } from '../../domain/inputs/tasks.ts';
import { mayMoveTaskAcrossTeams } from '../../domain/team-policy.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { reachProject, reachTask } from '../reach-work.ts';
import { queueTaskWebhook } from '../webhooks/queue-task-webhook.ts';
import { announceTeamTask } from './team-task-events.ts';

export type { TaskPatch };

/**
 * Changes some fields of a task the actor may write: their own, or one in a team where their role
 * writes tasks. Moving a task into or out of a team is for the person who created it only: no one
 * hands another person's task to a team, or takes a team's task home. Throws 'validation',
 * 'not_found' (task or project) and 'forbidden'.
 */
export async function updateTask(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  patch: TaskPatch,
): Promise<TeamTaskRow> {
  assertTaskId(id);
  const data = parseOrThrow(TaskPatch, patch);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const found = await reachTask(tx, actor, id, 'tasks.write');
    let teamAfter = found.teamId;
    if (data.projectId !== undefined && data.projectId !== found.task.projectId) {
      teamAfter = data.projectId
        ? (await reachProject(tx, actor, data.projectId, 'tasks.write', { field: 'projectId' })).project
            .teamId
        : null;
      if (!mayMoveTaskAcrossTeams(found.teamId, teamAfter, found.task.userId === actor.id)) {
        throw new AppError(
          'forbidden',
          'Only the person who created a task can move it into or out of a team.',
          {
            fields: { projectId: 'Only the person who created this task can move it out of the team.' },
          },
        );
      }
    }
    const task = await updateTaskRow(tx, id, { ...data, updatedAt: now });
    if (task.status === 'done' && found.task.status !== 'done')
      await queueTaskWebhook(tx, actor.id, 'task.completed', task, now);
    if (teamAfter === found.teamId) {
      await announceTeamTask(tx, teamAfter, id, 'updated', now);
    } else {
      await announceTeamTask(tx, found.teamId, id, 'deleted', now);
      await announceTeamTask(tx, teamAfter, id, 'created', now);
    }
    return { ...task, teamId: teamAfter };
  });
}
