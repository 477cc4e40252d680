import { findMember, updateMember } from '../../db/stores/team-store.ts';
import { teamMemberChanged } from '../../domain/events.ts';
import { decideTransfer, TransferInput } from '../../domain/team-policy.ts';
import { recordTeamEvent } from '../../realtime/events.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { assertAllowed, authorizeTeam, memberNotFound } from './team-access.ts';

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
    const { membership } = await authorizeTeam(tx, actor, teamId, 'team.read', { forUpdate: true });
    const member = await findMember(tx, teamId, userId);
    if (!member) throw memberNotFound();
    assertAllowed(decideTransfer(membership.role, { isSelf: member.userId === actor.id }), '');
    await updateMember(tx, teamId, member.userId, { role: 'owner' });
    await updateMember(tx, teamId, actor.id, { role: 'admin' });
    const at = deps.clock.now();
    for (const userId of [member.userId, actor.id]) {
      await recordTeamEvent(tx, {
        teamId,
        event: teamMemberChanged({ teamId, userId, change: 'role_changed' }),
        at,
      });
    }
  });
}
