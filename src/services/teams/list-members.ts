import { listMembers as listMemberRows, type MemberView } from '../../db/stores/team-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';

/** A team's members, owners first. Every member may see who is in the team. Throws 'not_found'. */
export async function listMembers(deps: ServiceDeps, actor: Actor, teamId: string): Promise<MemberView[]> {
  await authorizeTeam(deps.db, actor, teamId, 'members.read');
  return listMemberRows(deps.db, teamId);
}
