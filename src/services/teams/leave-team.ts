import { countOwners, deleteMember } from '../../db/stores/team-store.ts';
import { decideLeave } from '../../domain/team-policy.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { assertAllowed, authorizeTeam } from './team-access.ts';
import { recordMemberChange } from './team-events.ts';

/**
 * Leaves a team. The last owner cannot. The team hears of it, and the leaver too (their last
 * event of the team, so their other open pages stop showing it). Throws 'not_found', 'team.last_owner'.
 */
export async function leaveTeam(deps: ServiceDeps, actor: Actor, teamId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { team, membership } = await authorizeTeam(tx, actor, teamId, 'team.read', { forUpdate: true });
    const ownerCount = await countOwners(tx, teamId);
    assertAllowed(
      decideLeave({ role: membership.role, ownerCount }),
      'You are the only owner: make someone else an owner first, or delete the team.',
    );
    await deleteMember(tx, team.id, actor.id);
    const change = { teamId: team.id, userId: actor.id, change: 'left' } as const;
    await recordMemberChange(tx, change, deps.clock.now(), [actor.id]);
  });
}
