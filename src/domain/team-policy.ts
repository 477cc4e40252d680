import { z } from 'zod';

/**
 * Who may do what in a team: one table of role -> permissions, plus the rules about the person
 * acted on (the target). Services ask it; nothing else decides. Being outside a team is not a
 * role here: services answer 'not_found' before the policy is asked, so no one learns a team exists.
 */

export const TEAM_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const TEAM_PERMISSIONS = [
  'team.read',
  'team.rename',
  'team.delete',
  'members.read',
  'members.manage',
  'invitations.manage',
  'owners.manage',
  'projects.manage',
  'tasks.write',
  'focus.read',
  'webhooks.manage',
] as const;
export type TeamPermission = (typeof TEAM_PERMISSIONS)[number];

const READ: readonly TeamPermission[] = ['team.read', 'members.read', 'focus.read'];

/** The one role -> permission table. */
export const PERMISSIONS_OF: Record<TeamRole, readonly TeamPermission[]> = {
  owner: TEAM_PERMISSIONS,
  admin: [
    ...READ,
    'members.manage',
    'invitations.manage',
    'projects.manage',
    'tasks.write',
    'webhooks.manage',
  ],
  member: [...READ, 'tasks.write'],
  viewer: READ,
};

/** Higher ranks outrank lower ones; a role change never lifts anyone above the actor. */
const RANK: Record<TeamRole, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };

export function hasTeamPermission(role: TeamRole, permission: TeamPermission): boolean {
  return PERMISSIONS_OF[role].includes(permission);
}

/** Why the policy said no: `forbidden` (not allowed) or `last_owner` (a team keeps one owner). */
export type TeamDecision = { allowed: true } | { allowed: false; reason: 'forbidden' | 'last_owner' };

const ALLOWED: TeamDecision = { allowed: true };
const FORBIDDEN: TeamDecision = { allowed: false, reason: 'forbidden' };
const LAST_OWNER: TeamDecision = { allowed: false, reason: 'last_owner' };

/** Whether `actor` may act on `target` at all: owners on anyone, admins only below themselves. */
function outranksTarget(actor: TeamRole, target: TeamRole): boolean {
  if (target === 'owner') return hasTeamPermission(actor, 'owners.manage');
  return hasTeamPermission(actor, 'members.manage') && RANK[actor] > RANK[target];
}

/** Whether `actor` may hand out `role` (in an invitation or a role change). */
export function mayGrantRole(actor: TeamRole, role: TeamRole): boolean {
  if (role === 'owner') return hasTeamPermission(actor, 'owners.manage');
  return hasTeamPermission(actor, 'members.manage') && RANK[role] <= RANK[actor];
}

/** What the acting member knows about the person acted on. */
export type TeamTarget = { role: TeamRole; isSelf: boolean; ownerCount: number };

/**
 * Changing `target`'s role to `role`. Owners may change anyone's, their own included; admins only
 * those below them, and never to owner. The last owner keeps the role.
 */
export function decideRoleChange(actor: TeamRole, target: TeamTarget, role: TeamRole): TeamDecision {
  const mayTouch = target.isSelf ? actor === 'owner' : outranksTarget(actor, target.role);
  if (!mayTouch || !mayGrantRole(actor, role)) return FORBIDDEN;
  if (target.role === 'owner' && role !== 'owner' && target.ownerCount <= 1) return LAST_OWNER;
  return ALLOWED;
}

/** Removing `target` from the team (someone else: leaving is decideLeave). */
export function decideRemoval(actor: TeamRole, target: TeamTarget): TeamDecision {
  if (target.isSelf) return decideLeave(target);
  if (!outranksTarget(actor, target.role)) return FORBIDDEN;
  if (target.role === 'owner' && target.ownerCount <= 1) return LAST_OWNER;
  return ALLOWED;
}

/** Leaving: anyone may, except the last owner (they transfer ownership or delete the team). */
export function decideLeave(self: Pick<TeamTarget, 'role' | 'ownerCount'>): TeamDecision {
  return self.role === 'owner' && self.ownerCount <= 1 ? LAST_OWNER : ALLOWED;
}

/** Handing ownership over: only an owner, to another member, who becomes owner; the actor becomes admin. */
export function decideTransfer(actor: TeamRole, target: Pick<TeamTarget, 'isSelf'>): TeamDecision {
  return actor === 'owner' && !target.isSelf ? ALLOWED : FORBIDDEN;
}

/**
 * Deleting a team's task: the member who created it may (with a role that writes tasks), and so
 * may those who manage the team's projects. `role` null is the person's own task: always.
 */
export function mayDeleteTask(role: TeamRole | null, isCreator: boolean): boolean {
  if (role === null) return true;
  return hasTeamPermission(role, 'projects.manage') || (isCreator && hasTeamPermission(role, 'tasks.write'));
}

/**
 * Moving a task between teams, or between a team and the person's own projects: only its creator
 * may, so nobody hands another person's task to a team or takes a team's task home.
 */
export function mayMoveTaskAcrossTeams(
  fromTeam: string | null,
  toTeam: string | null,
  isCreator: boolean,
): boolean {
  return fromTeam === toTeam || isCreator;
}

// ---- inputs, defined once for the API, the forms and the services --------------------------

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** A team's name: one line, 1..80 characters. */
export const TeamName = z
  .string({ message: 'Enter the name as text.' })
  .trim()
  .min(1, 'Give the team a name.')
  .max(80, 'Keep the name under 81 characters.')
  .refine((s) => !CONTROL.test(s), 'Keep the name to one line.');

export const TeamRoleField = z.enum(TEAM_ROLES, { message: `Choose one of ${TEAM_ROLES.join(', ')}.` });

/** An invitee's address: optional; without one the invitation is a link anyone signed in may use. */
export const InviteeEmail = z
  .string({ message: 'Enter the address as text.' })
  .trim()
  .toLowerCase()
  .max(254, 'That address is too long.')
  .pipe(z.email({ message: 'Enter an email address such as sam@example.com.' }));

/** Whether a member shares their focus with the team; a form's checkbox sends 'on' or nothing. */
export const SharesFocus = z.boolean({ message: 'Say true or false.' });

export const TeamInput = z.object({ name: TeamName }).strict();
export type TeamInput = z.input<typeof TeamInput>;
export const RoleChangeInput = z.object({ role: TeamRoleField }).strict();
export type RoleChangeInput = z.input<typeof RoleChangeInput>;
export const FocusSharingInput = z.object({ sharesFocus: SharesFocus }).strict();
export type FocusSharingInput = z.input<typeof FocusSharingInput>;
export const InvitationInput = z.object({ email: InviteeEmail.optional(), role: TeamRoleField }).strict();
export type InvitationInput = z.input<typeof InvitationInput>;
/** What happens to a deleted team's projects and tasks: deleted with it, or moved to the owner. */
export const TEAM_WORK_ON_DELETE = ['delete', 'move'] as const;
export const TeamDeletionInput = z
  .object({
    projects: z.enum(TEAM_WORK_ON_DELETE, { message: 'Choose delete or move.' }).optional().meta({
      description:
        'Delete the team’s projects and tasks, or move them to your own projects. Needed when the team has projects.',
    }),
  })
  .strict();
export type TeamDeletionInput = z.input<typeof TeamDeletionInput>;
export const TransferInput = z.object({ userId: z.string().max(64) }).strict();
export type TransferInput = z.input<typeof TransferInput>;

/** What a team calls a person until people have display names: their address before the @. */
export function memberNameOf(email: string): string {
  return email.split('@')[0] ?? email;
}

/** How long an invitation may be accepted. */
export const INVITATION_DAYS = 7;

export type InvitationState = { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date };
export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationStatus(invitation: InvitationState, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return now >= invitation.expiresAt ? 'expired' : 'pending';
}
