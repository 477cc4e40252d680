import type { z } from '@hono/zod-openapi';
import type { TeamInvitationRow, TeamMemberRow, TeamRow } from '../../db/schema/index.ts';
import type { MemberView, TeamWithRole } from '../../db/stores/team-store.ts';
import { invitationStatus, memberNameOf } from '../../domain/team-policy.ts';
import type { FocusBoard } from '../../services/teams/get-focus-board.ts';
import type * as S from './team-schemas.ts';

export function presentTeam(team: TeamWithRole): z.infer<typeof S.Team> {
  return { id: team.id, name: team.name, role: team.role, createdAt: team.createdAt.toISOString() };
}

// Defined in the domain, where the team report's files name members too; still offered here.
export { memberNameOf };

export function presentMember(member: MemberView): z.infer<typeof S.Member> {
  return {
    userId: member.userId,
    name: memberNameOf(member.email),
    email: member.email,
    role: member.role,
    sharesFocus: member.sharesFocus,
  };
}

export function presentMembership(m: {
  team: TeamRow;
  membership: TeamMemberRow;
}): z.infer<typeof S.Membership> {
  return {
    teamId: m.team.id,
    teamName: m.team.name,
    userId: m.membership.userId,
    role: m.membership.role,
    sharesFocus: m.membership.sharesFocus,
    joinedAt: m.membership.joinedAt.toISOString(),
  };
}

export function presentInvitation(invitation: TeamInvitationRow, now: Date): z.infer<typeof S.Invitation> {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation, now),
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

const isoOrNull = (instant: Date | null) => instant?.toISOString() ?? null;

/** The board as the API answers it: no address, no goal, no note; a task only of this team. */
export function presentFocusBoard(board: FocusBoard): z.infer<typeof S.FocusBoard> {
  return {
    teamId: board.team.id,
    asOf: board.asOf.toISOString(),
    timeZone: board.timeZone,
    items: board.members.map((m) => ({
      userId: m.userId,
      name: memberNameOf(m.email),
      sharesFocus: m.sharesFocus,
      status: m.status,
      until: isoOrNull(m.until),
      reachableAt: isoOrNull(m.reachableAt),
      isPastPlannedEnd: m.isPastPlannedEnd,
      task: m.task ? { id: m.task.id, title: m.task.title } : null,
      label: m.label,
    })),
  };
}
