import type { TeamInvitationRow } from '../../db/schema/index.ts';
import { listInvitations as listInvitationRows } from '../../db/stores/team-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';

/**
 * A team's invitations, newest first, for owners and admins (who see whom the team invited).
 * Throws 'not_found', 'forbidden'.
 */
export async function listInvitations(
  deps: ServiceDeps,
  actor: Actor,
  teamId: string,
): Promise<TeamInvitationRow[]> {
  await authorizeTeam(deps.db, actor, teamId, 'invitations.manage');
  return listInvitationRows(deps.db, teamId);
}
