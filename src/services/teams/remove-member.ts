import { countOwners, deleteMember, findMember } from '../../db/stores/team-store.ts';
import { decideRemoval } from '../../domain/team-policy.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { assertAllowed, authorizeTeam, memberNotFound } from './team-access.ts';
import { recordMemberChange } from './team-events.ts';

/**
 * Removes someone from a team: owners may remove anyone, admins members and viewers; removing
 * yourself is leaving. The last owner cannot go. The team hears of it, and the removed person too
 * (their last event of the team). Throws 'not_found', 'forbidden', 'team.last_owner'.
 */
export async function removeMember(
  deps: ServiceDeps,
  actor: Actor,
  target: { teamId: string; userId: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { team, membership } = await authorizeTeam(tx, actor, target.teamId, 'members.read', {
      forUpdate: true,
    });
    const member = await findMember(tx, target.teamId, target.userId);
    if (!member) throw memberNotFound();
    const ownerCount = await countOwners(tx, target.teamId);
    assertAllowed(
      decideRemoval(membership.role, { role: member.role, isSelf: member.userId === actor.id, ownerCount }),
      'A team needs an owner: make someone else an owner first, or delete the team.',
    );
    await deleteMember(tx, team.id, member.userId);
    const change = { teamId: team.id, userId: member.userId, change: 'removed' } as const;
    await recordMemberChange(tx, change, deps.clock.now(), [member.userId]);
  });
}
