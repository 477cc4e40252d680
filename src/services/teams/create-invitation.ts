import type { TeamInvitationRow } from '../../db/schema/index.ts';
import { insertInvitation, isAddressInTeam } from '../../db/stores/team-store.ts';
import { AppError } from '../../domain/errors.ts';
import { INVITATION_DAYS, InvitationInput, mayGrantRole } from '../../domain/team-policy.ts';
import { generateToken, hashToken } from '../../security/secure-token.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { invitationUrl } from './invitation-link.ts';
import { authorizeTeam } from './team-access.ts';

/**
 * Invites someone into a team with a role (owners and admins; nobody above the actor). With an
 * email the link is mailed and only that address's account may accept it; without one it is a
 * link to copy. The token is answered once and stored only as its hash. Valid for 7 days.
 * A mail that cannot be sent is logged; the link still works. Throws 'validation', 'not_found', 'forbidden', 'conflict' (that address is already a member).
 */
export async function createInvitation(
  deps: ServiceDeps,
  actor: Actor,
  teamId: string,
  input: InvitationInput,
): Promise<{ invitation: TeamInvitationRow; token: string; url: string }> {
  const data = parseOrThrow(InvitationInput, input);
  const now = deps.clock.now();
  const token = generateToken();
  const { team, invitation } = await deps.db.transaction(async (tx) => {
    const { team, membership } = await authorizeTeam(tx, actor, teamId, 'invitations.manage');
    if (!mayGrantRole(membership.role, data.role)) {
      throw new AppError('forbidden', 'You can invite people only into roles up to your own.', {
        fields: { role: 'Choose a role no higher than yours.' },
      });
    }
    if (data.email && (await isAddressInTeam(tx, teamId, data.email))) {
      throw new AppError('conflict', 'That person is already in the team.', {
        fields: { email: 'Already in the team.' },
      });
    }
    const invitation = await insertInvitation(tx, {
      teamId,
      email: data.email ?? null,
      role: data.role,
      tokenHash: hashToken(token),
      invitedBy: actor.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    });
    return { team, invitation };
  });
  const url = invitationUrl(deps, token);
  if (invitation.email) {
    // The invitation stands whether or not the mail goes out: its link is answered here to copy,
    // and a mail server that is down must not turn a saved invitation into an error.
    await deps.mailer
      .send({
        to: invitation.email,
        subject: `An invitation to the team “${team.name}” on Deepsheet`,
        text: `${actor.email} invited you to the team “${team.name}” on Deepsheet, as ${invitation.role}.\n\nTo join, sign in with this address and open this link within ${INVITATION_DAYS} days:\n${url}\n\nIf you do not want to join, ignore this message; nothing changes.`,
      })
      .catch((error: unknown) => {
        deps.logger.warn({ err: error, invitationId: invitation.id }, 'team invitation mail not sent');
      });
  }
  return { invitation, token, url };
}
