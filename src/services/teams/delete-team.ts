import { deleteTeamRow } from '../../db/stores/team-store.ts';
import { deleteTeamWork, moveTeamWorkTo, teamWorkCount } from '../../db/stores/team-work-store.ts';
import { AppError } from '../../domain/errors.ts';
import { plural } from '../../domain/plural.ts';
import { TeamDeletionInput } from '../../domain/team-policy.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { announceTeamTask } from '../tasks/team-task-events.ts';
import { authorizeTeam } from './team-access.ts';
import { recordMemberChange } from './team-events.ts';

export type { TeamDeletionInput };

/**
 * Deletes a team (owners only); its memberships and invitations go with it. Every member hears
 * of it first, while they are still members. Its projects and their tasks are deleted with it, or
 * moved to the deleting owner's own projects, as they choose; a team that holds work must be told
 * which. Throws 'validation', 'not_found', 'forbidden'.
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
    const work = await teamWorkCount(tx, team.id);
    if (work.projects > 0 && !choice) {
      const message = `The team holds ${plural(work.projects, 'project')} with ${plural(work.tasks, 'task')}: say whether to delete them or move them to your own projects.`;
      throw new AppError('validation', message, { fields: { projects: message }, details: work });
    }
    if (choice === 'move') {
      await moveTeamWorkTo(tx, team.id, team.name, actor.id);
    } else {
      for (const taskId of await deleteTeamWork(tx, team.id))
        await announceTeamTask(tx, team.id, taskId, 'deleted', now);
    }
    await recordMemberChange(tx, { teamId: team.id, userId: actor.id, change: 'team_deleted' }, now);
    await deleteTeamRow(tx, team.id);
  });
}
