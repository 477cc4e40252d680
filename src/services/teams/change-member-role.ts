import { countOwners, findMember, type MemberView, updateMemberView } from '../../db/stores/team-store.ts';
import { decideRoleChange, RoleChangeInput } from '../../domain/team-policy.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { assertAllowed, authorizeTeam, memberNotFound } from './team-access.ts';
import { recordMemberChange } from './team-events.ts';

/**
 * Changes a member's role. Owners may change anyone's; admins only members' and viewers', and
 * never to owner; nobody is raised above the actor; the last owner stays owner.
 * Tells the team. Throws 'validation', 'not_found', 'forbidden', 'team.last_owner'.
 */
export async function changeMemberRole(
  deps: ServiceDeps,
  actor: Actor,
  target: { teamId: string; userId: string },
  input: RoleChangeInput,
): Promise<MemberView> {
  const { role } = parseOrThrow(RoleChangeInput, input);
  return deps.db.transaction(async (tx) => {
    const { team, membership } = await authorizeTeam(tx, actor, target.teamId, 'members.read', {
      forUpdate: true,
    });
    const member = await findMember(tx, target.teamId, target.userId);
    if (!member) throw memberNotFound();
    const ownerCount = await countOwners(tx, target.teamId);
    const isSelf = member.userId === actor.id;
    assertAllowed(
      decideRoleChange(membership.role, { role: member.role, isSelf, ownerCount }, role),
      'A team needs an owner: make someone else an owner first.',
    );
    const updated = await updateMemberView(tx, team.id, member.userId, { role });
    const change = { teamId: team.id, userId: member.userId, change: 'role_changed' } as const;
    await recordMemberChange(tx, change, deps.clock.now());
    return updated;
  });
}
