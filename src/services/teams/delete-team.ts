import { deleteTeamRow } from '../../db/stores/team-store.ts';
import { deleteTeamWork, moveTeamWorkTo, teamWorkCount } from '../../db/stores/team-work-store.ts';
import { AppError } from '../../domain/errors.ts';
import { plural } from '../../domain/plural.ts';
import { TeamDeletionInput } from '../../domain/team-policy.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { announceTeamTask } from '../tasks/team-task-events.ts';
import { authorizeTeam } from './team-access.ts';

export type { TeamDeletionInput };

/**
 * Deletes a team (owners only); its memberships and invitations go with it. Its projects and
 * their tasks are deleted with it, or moved to the deleting owner's own projects, as they choose;
 * a team that holds work must be told which. Throws 'validation', 'not_found', 'forbidden'.
 */
export async function deleteTeam(
  deps: ServiceDeps,
  actor: Actor,
  teamId: string,
  input: TeamDeletionInput = {},
): Promise<void> {
  const { projects: choice } = parseOrThrow(TeamDeletionInput, input);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { team } = await authorizeTeam(tx, actor, teamId, 'team.delete', { forUpdate: true });
    const work = await teamWorkCount(tx, teamId);
    if (work.projects > 0 && !choice) {
      const message = `The team holds ${plural(work.projects, 'project')} with ${plural(work.tasks, 'task')}: say whether to delete them or move them to your own projects.`;
      throw new AppError('validation', message, { fields: { projects: message }, details: work });
    }
    if (choice === 'move') {
      await moveTeamWorkTo(tx, teamId, team.name, actor.id);
    } else {
      for (const taskId of await deleteTeamWork(tx, teamId))
        await announceTeamTask(tx, teamId, taskId, 'deleted', now);
    }
    await deleteTeamRow(tx, teamId);
  });
}
