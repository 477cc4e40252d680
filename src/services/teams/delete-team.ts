import { deleteTeamRow } from '../../db/stores/team-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';

/**
 * Deletes a team (owners only); its memberships and invitations go with it.
 * Throws 'not_found', 'forbidden'.
 */
export async function deleteTeam(deps: ServiceDeps, actor: Actor, teamId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await authorizeTeam(tx, actor, teamId, 'team.delete', { forUpdate: true });
    await deleteTeamRow(tx, teamId);
  });
}
