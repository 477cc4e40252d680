import type { Executor } from '../../db/client.ts';
import type { TeamMemberRow, TeamRow } from '../../db/schema/index.ts';
import { findMembership, type TeamLock } from '../../db/stores/team-store.ts';
import { AppError } from '../../domain/errors.ts';
import {
  hasTeamPermission,
  type TeamDecision,
  type TeamPermission,
  type TeamRole,
} from '../../domain/team-policy.ts';
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
  'projects.manage': 'Only owners and admins can change the team’s projects.',
  'tasks.write': 'Viewers can read the team’s work but not change it.',
  'webhooks.manage': 'Only owners and admins can add webhooks for the team.',
};

/**
 * Throws 'forbidden' unless a member with `role` holds `permission`; a null role (the person's
 * own work, not a team's) holds every permission.
 */
export function assertRolePermits(role: TeamRole | null, permission: TeamPermission): void {
  if (role === null || hasTeamPermission(role, permission)) return;
  throw new AppError(
    'forbidden',
    FORBIDDEN_MESSAGES[permission] ?? 'Your role in this team does not allow this.',
  );
}

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
  assertRolePermits(found.membership.role, permission);
  return found;
}

/** Turns a policy refusal into the error the person reads. */
export function assertAllowed(decision: TeamDecision, lastOwnerMessage: string): void {
  if (decision.allowed) return;
  if (decision.reason === 'last_owner') throw new AppError('team.last_owner', lastOwnerMessage);
  throw new AppError('forbidden', 'Your role in this team does not allow this change.');
}
