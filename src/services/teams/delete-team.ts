import { deleteTeamRow } from '../../db/stores/team-store.ts';
import { teamMemberChanged } from '../../domain/events.ts';
import { recordTeamEvent } from '../../realtime/events.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';

/**
 * Deletes a team (owners only); its memberships and invitations go with it. Every member hears
 * of it first, while they are still members. Throws 'not_found', 'forbidden'.
 */
export async function deleteTeam(deps: ServiceDeps, actor: Actor, teamId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await authorizeTeam(tx, actor, teamId, 'team.delete', { forUpdate: true });
    const event = teamMemberChanged({ teamId, userId: actor.id, change: 'team_deleted' });
    await recordTeamEvent(tx, { teamId, event, at: deps.clock.now() });
    await deleteTeamRow(tx, teamId);
  });
}
