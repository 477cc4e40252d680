import { deleteTaskRow } from '../../db/stores/task-store.ts';
import { AppError } from '../../domain/errors.ts';
import { mayDeleteTask } from '../../domain/team-policy.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { reachTask } from '../reach-work.ts';
import { announceTeamTask } from './team-task-events.ts';

/**
 * Deletes a task with its links and resources. A team's task may be deleted by the member who
 * created it, or by those who manage the team's projects. Throws 'not_found' and 'forbidden'.
 */
export async function deleteTask(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const found = await reachTask(tx, actor, id, 'tasks.write');
    if (!mayDeleteTask(found.role, found.task.userId === actor.id)) {
      throw new AppError(
        'forbidden',
        'Only the person who created a task, or the team’s owners and admins, can delete it.',
      );
    }
    await deleteTaskRow(tx, id);
    await announceTeamTask(tx, found.teamId, id, 'deleted', now);
  });
}
