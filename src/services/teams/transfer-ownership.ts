import { findMember, updateMember } from '../../db/stores/team-store.ts';
import { decideTransfer, TransferInput } from '../../domain/team-policy.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { assertAllowed, authorizeTeam, memberNotFound } from './team-access.ts';
import { recordMemberChange } from './team-events.ts';

/**
 * Hands the actor's ownership to another member: they become owner, the actor becomes admin.
 * The team hears of both role changes. Throws 'validation', 'not_found', 'forbidden'.
 */
export async function transferOwnership(
  deps: ServiceDeps,
  actor: Actor,
  teamId: string,
  input: TransferInput,
): Promise<void> {
  const { userId } = parseOrThrow(TransferInput, input);
  await deps.db.transaction(async (tx) => {
    const { team, membership } = await authorizeTeam(tx, actor, teamId, 'team.read', { forUpdate: true });
    const member = await findMember(tx, team.id, userId);
    if (!member) throw memberNotFound();
    assertAllowed(decideTransfer(membership.role, { isSelf: member.userId === actor.id }), '');
    await updateMember(tx, team.id, member.userId, { role: 'owner' });
    await updateMember(tx, team.id, actor.id, { role: 'admin' });
    const at = deps.clock.now();
    for (const changed of [member.userId, actor.id]) {
      await recordMemberChange(tx, { teamId: team.id, userId: changed, change: 'role_changed' }, at);
    }
  });
}
