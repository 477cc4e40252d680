import { insertMember, insertTeam, type TeamWithRole } from '../../db/stores/team-store.ts';
import { TeamInput } from '../../domain/team-policy.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/** Creates a team with the actor as its first owner. Throws 'validation'. */
export async function createTeam(deps: ServiceDeps, actor: Actor, input: TeamInput): Promise<TeamWithRole> {
  const { name } = parseOrThrow(TeamInput, input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const team = await insertTeam(tx, name, now);
    await insertMember(tx, { teamId: team.id, userId: actor.id, role: 'owner', joinedAt: now });
    return { ...team, role: 'owner' as const };
  });
}
