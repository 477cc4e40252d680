import type { Executor } from '../../db/client.ts';
import type { TeamMemberRow, TeamRow } from '../../db/schema/index.ts';
import { findMembership, type TeamLock } from '../../db/stores/team-store.ts';
import { AppError } from '../../domain/errors.ts';
import { hasTeamPermission, type TeamDecision, type TeamPermission } from '../../domain/team-policy.ts';
import type { Actor } from '../deps.ts';

export function teamNotFound(): AppError {
  return new AppError('not_found', 'That team does not exist.');
}

export function memberNotFound(): AppError {
  return new AppError('not_found', 'That person is not in this team.');
}

const FORBIDDEN_MESSAGES: Partial<Record<TeamPermission, string>> = {
  'team.rename': 'Only an owner can rename the team.',
  'team.delete': 'Only an owner can delete the team.',
  'members.manage': 'Only owners and admins can change who is in the team.',
  'invitations.manage': 'Only owners and admins can invite people.',
};

/**
 * The actor's membership of a team, checked against `permission`. Someone outside the team is
 * told the team does not exist ('not_found'), never that they may not see it; a member without
 * the permission gets 'forbidden'. `forUpdate` and `forShare` hold the team for the transaction
 * (see TeamLock).
 */
export async function authorizeTeam(
  db: Executor,
  actor: Actor,
  teamId: string,
  permission: TeamPermission,
  options: TeamLock = {},
): Promise<{ team: TeamRow; membership: TeamMemberRow }> {
  const found = await findMembership(db, teamId, actor.id, options);
  if (!found) throw teamNotFound();
  if (!hasTeamPermission(found.membership.role, permission)) {
    throw new AppError(
      'forbidden',
      FORBIDDEN_MESSAGES[permission] ?? 'Your role in this team does not allow this.',
    );
  }
  return found;
}

/** Turns a policy refusal into the error the person reads. */
export function assertAllowed(decision: TeamDecision, lastOwnerMessage: string): void {
  if (decision.allowed) return;
  if (decision.reason === 'last_owner') throw new AppError('team.last_owner', lastOwnerMessage);
  throw new AppError('forbidden', 'Your role in this team does not allow this change.');
}
