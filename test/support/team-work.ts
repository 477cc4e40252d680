import { projects, tasks } from '../../src/db/schema/index.ts';
import type { TaskType } from '../../src/domain/work-values.ts';
import type { TestApp } from './test-app.ts';

/**
 * A project shared with a team and its tasks, created by `createdBy`; answers the tasks' ids by
 * title. Written straight into the database until team projects are made through the API
 * (`POST /api/v1/projects {teamId}`): the one place to switch when they are.
 */
export async function insertTeamProject(
  t: TestApp,
  options: { teamId: string; createdBy: string; name: string; tasks: { title: string; type: TaskType }[] },
): Promise<{ projectId: string; taskIds: Record<string, string> }> {
  const now = t.clock.now();
  const [project] = await t.deps.db
    .insert(projects)
    .values({
      userId: options.createdBy,
      teamId: options.teamId,
      name: options.name,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const rows = await t.deps.db
    .insert(tasks)
    .values(
      options.tasks.map((task) => ({
        userId: options.createdBy,
        projectId: project!.id,
        title: task.title,
        type: task.type,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning();
  return { projectId: project!.id, taskIds: Object.fromEntries(rows.map((r) => [r.title, r.id])) };
}
