import { deleteProjectRow } from '../../db/stores/project-store.ts';
import { deleteTasksOfProject } from '../../db/stores/task-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { reachProject } from '../reach-work.ts';
import { announceTeamTask } from '../tasks/team-task-events.ts';

/**
 * Deletes a project. A personal project's tasks stay, in the inbox (the foreign key sets them
 * free); a team project's tasks are the team's and go with it, since setting them free would hand
 * them to whoever created them. Throws 'not_found' and 'forbidden'.
 */
export async function deleteProject(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { project } = await reachProject(tx, actor, id, 'projects.manage');
    if (project.teamId) {
      const gone = await deleteTasksOfProject(tx, project.id);
      for (const taskId of gone) await announceTeamTask(tx, project.teamId, taskId, 'deleted', now);
    }
    await deleteProjectRow(tx, project.id);
  });
}
