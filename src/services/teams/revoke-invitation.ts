import { findInvitation, markInvitation } from '../../db/stores/team-store.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';

/**
 * Withdraws an invitation so its link stops working; withdrawing again changes nothing. An
 * accepted one stays accepted. Throws 'not_found', 'forbidden'.
 */
export async function revokeInvitation(
  deps: ServiceDeps,
  actor: Actor,
  target: { teamId: string; invitationId: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await authorizeTeam(tx, actor, target.teamId, 'invitations.manage');
    const invitation = await findInvitation(tx, target.teamId, target.invitationId);
    if (!invitation) throw new AppError('not_found', 'That invitation does not exist.');
    if (invitation.acceptedAt || invitation.revokedAt) return;
    await markInvitation(tx, invitation.id, { revokedAt: deps.clock.now() });
  });
}
