import type { TaskType } from '../../src/domain/work-values.ts';
import type { ApiCaller } from './api.ts';
import { okJson } from './api.ts';

/**
 * A project shared with a team and its tasks, made through the API by `by` (an owner or admin of
 * the team); answers the tasks' ids by title.
 */
export async function createTeamProject(
  by: ApiCaller,
  options: { teamId: string; name: string; tasks: { title: string; type: TaskType }[] },
): Promise<{ projectId: string; taskIds: Record<string, string> }> {
  const project = await okJson<{ id: string }>(by, 'POST', '/projects', {
    name: options.name,
    teamId: options.teamId,
  });
  const taskIds: Record<string, string> = {};
  for (const task of options.tasks) {
    const made = await okJson<{ id: string }>(by, 'POST', '/tasks', { ...task, projectId: project.id });
    taskIds[task.title] = made.id;
  }
  return { projectId: project.id, taskIds };
}
