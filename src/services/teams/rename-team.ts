import { renameTeam as renameTeamRow, type TeamWithRole } from '../../db/stores/team-store.ts';
import { TeamInput } from '../../domain/team-policy.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';
import { recordMemberChange } from './team-events.ts';

/** Renames a team (owners only) and tells its members. Throws 'validation', 'not_found', 'forbidden'. */
export async function renameTeam(
  deps: ServiceDeps,
  actor: Actor,
  teamId: string,
  input: TeamInput,
): Promise<TeamWithRole> {
  const { name } = parseOrThrow(TeamInput, input);
  return deps.db.transaction(async (tx) => {
    const { membership } = await authorizeTeam(tx, actor, teamId, 'team.rename', { forUpdate: true });
    const now = deps.clock.now();
    const team = await renameTeamRow(tx, teamId, name, now);
    await recordMemberChange(tx, { teamId: team.id, userId: actor.id, change: 'team_renamed' }, now);
    return { ...team, role: membership.role };
  });
}
