import { findMember, updateMember } from '../../db/stores/team-store.ts';
import { decideTransfer, TransferInput } from '../../domain/team-policy.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { assertAllowed, authorizeTeam, memberNotFound } from './team-access.ts';

/**
 * Hands the actor's ownership to another member: they become owner, the actor becomes admin.
 * Throws 'validation', 'not_found', 'forbidden'.
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
  });
}
