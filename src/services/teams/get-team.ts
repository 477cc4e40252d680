import type { TeamMemberRow } from '../../db/schema/index.ts';
import type { TeamWithRole } from '../../db/stores/team-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';

/** One of the actor's teams with their role and membership. Throws 'not_found' for anyone outside it. */
export async function getTeam(
  deps: ServiceDeps,
  actor: Actor,
  teamId: string,
): Promise<TeamWithRole & { membership: TeamMemberRow }> {
  const { team, membership } = await authorizeTeam(deps.db, actor, teamId, 'team.read');
  return { ...team, role: membership.role, membership };
}
