import { deleteTeamRow } from '../../db/stores/team-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';
import { recordMemberChange } from './team-events.ts';

/**
 * Deletes a team (owners only); its memberships and invitations go with it. Every member hears
 * of it first, while they are still members. Throws 'not_found', 'forbidden'.
 */
export async function deleteTeam(deps: ServiceDeps, actor: Actor, teamId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { team } = await authorizeTeam(tx, actor, teamId, 'team.delete', { forUpdate: true });
    await recordMemberChange(
      tx,
      { teamId: team.id, userId: actor.id, change: 'team_deleted' },
      deps.clock.now(),
    );
    await deleteTeamRow(tx, team.id);
  });
}
