import type { TeamInvitationRow, TeamMemberRow, TeamRow } from '../../db/schema/index.ts';
import { findInvitationByHash, insertMember, lockTeam, markInvitation } from '../../db/stores/team-store.ts';
import { AppError } from '../../domain/errors.ts';
import { type InvitationStatus, invitationStatus } from '../../domain/team-policy.ts';
import { hashToken } from '../../security/secure-token.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { recordMemberChange } from './team-events.ts';

const UNAVAILABLE: Record<Exclude<InvitationStatus, 'pending'>, string> = {
  accepted: 'This invitation has already been used. Ask the team for a new one.',
  revoked: 'This invitation was withdrawn. Ask the team for a new one.',
  expired: 'This invitation has expired. Ask the team for a new one.',
};

function notFound(): AppError {
  return new AppError('not_found', 'This invitation link is not valid.');
}

/** Why the actor could not accept, or null when they can. */
function refusalOf(actor: Actor, invitation: TeamInvitationRow, now: Date): AppError | null {
  const status = invitationStatus(invitation, now);
  if (status !== 'pending') return new AppError('invitation.unavailable', UNAVAILABLE[status]);
  if (invitation.email && invitation.email !== actor.email.toLowerCase()) {
    return new AppError(
      'invitation.wrong_account',
      'This invitation was sent to another email address. Sign in with that address to accept it.',
    );
  }
  return null;
}

/**
 * Joins the team an invitation names, in its role. The invitation is used up; one sent to an
 * address is accepted only by that address's account. Throws 'not_found' (no such link),
 * 'invitation.unavailable' (used, withdrawn or expired), 'invitation.wrong_account', 'conflict'
 * (already in the team). Tells the team, the newcomer included.
 */
export async function acceptInvitation(
  deps: ServiceDeps,
  actor: Actor,
  input: { token: string },
): Promise<{ team: TeamRow; membership: TeamMemberRow }> {
  const now = deps.clock.now();
  const tokenHash = hashToken(input.token);
  return deps.db.transaction(async (tx) => {
    // The team is locked first, as by every change of its members (and by its deletion, which then
    // takes the invitations): the other way round, an accept and a deletion could deadlock. Then
    // the invitation, read again under its lock, decides.
    const seen = await findInvitationByHash(tx, tokenHash);
    if (!seen) throw notFound();
    await lockTeam(tx, seen.team.id, 'update');
    const found = await findInvitationByHash(tx, tokenHash, { forUpdate: true });
    if (!found) throw notFound();
    const refusal = refusalOf(actor, found.invitation, now);
    if (refusal) throw refusal;
    const membership = await insertMember(tx, {
      teamId: found.team.id,
      userId: actor.id,
      role: found.invitation.role,
      joinedAt: now,
    });
    await markInvitation(tx, found.invitation.id, { acceptedAt: now, acceptedBy: actor.id });
    await recordMemberChange(tx, { teamId: found.team.id, userId: actor.id, change: 'joined' }, now);
    return { team: found.team, membership };
  });
}

/**
 * What the accept page shows before the person decides: the team, the role, and why it could not
 * be accepted, if so. Changes nothing. Throws 'not_found'.
 */
export async function viewInvitation(
  deps: ServiceDeps,
  actor: Actor,
  input: { token: string },
): Promise<{ team: TeamRow; invitation: TeamInvitationRow; refusal: string | null }> {
  const found = await findInvitationByHash(deps.db, hashToken(input.token));
  if (!found) throw notFound();
  const refusal = refusalOf(actor, found.invitation, deps.clock.now());
  return { team: found.team, invitation: found.invitation, refusal: refusal?.message ?? null };
}
