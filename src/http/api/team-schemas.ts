import { z } from '@hono/zod-openapi';
import { FOCUS_STATUSES } from '../../domain/team-focus.ts';
import { TEAM_ROLES } from '../../domain/team-policy.ts';
import { Timestamp } from './schemas.ts';

// What the team operations answer. Their request bodies are the domain's input schemas
// (domain/team-policy.ts), used as they are by the routes, the forms and the services.

const Role = z.enum(TEAM_ROLES);

export const Team = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role.openapi({ description: 'Your role in the team.' }),
    createdAt: Timestamp,
  })
  .openapi('Team');
export const TeamList = z.object({ items: z.array(Team) }).openapi('TeamList');

export const Member = z
  .object({
    userId: z.string(),
    name: z.string().openapi({ description: 'What the team calls the person: their address before the @.' }),
    email: z.string(),
    role: Role,
    sharesFocus: z.boolean(),
  })
  .openapi('TeamMember');
export const MemberList = z.object({ items: z.array(Member) }).openapi('TeamMemberList');

export const Membership = z
  .object({
    teamId: z.string(),
    teamName: z.string(),
    userId: z.string(),
    role: Role,
    sharesFocus: z.boolean(),
    joinedAt: Timestamp,
  })
  .openapi('TeamMembership');

export const Invitation = z
  .object({
    id: z.string(),
    email: z
      .string()
      .nullable()
      .openapi({ description: 'Only this address’s account may accept; null for a link.' }),
    role: Role,
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .openapi('TeamInvitation');
export const InvitationList = z.object({ items: z.array(Invitation) }).openapi('TeamInvitationList');
export const CreatedInvitation = Invitation.extend({
  token: z.string().openapi({ description: 'Shown once; only its hash is stored.' }),
  url: z.string().openapi({ description: 'The page where it is accepted.' }),
}).openapi('CreatedTeamInvitation');

const pathParam = (name: string) =>
  z
    .string()
    .max(64)
    .openapi({ param: { name, in: 'path' } });

export const TeamParams = z.object({ teamId: pathParam('teamId') });
export const MemberParams = z.object({ teamId: pathParam('teamId'), userId: pathParam('userId') });
export const InvitationParams = z.object({
  teamId: pathParam('teamId'),
  invitationId: pathParam('invitationId'),
});
export const TokenParams = z.object({
  token: z
    .string()
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

export const FocusBoardEntry = z
  .object({
    userId: z.string(),
    name: z.string().openapi({ description: 'What the team calls the person: their address before the @.' }),
    sharesFocus: z.boolean(),
    status: z.enum(FOCUS_STATUSES).nullable().openapi({
      description:
        '`focus` (a session runs), `break` (one is paused) or `not_working` (none is open); null when they do not share their focus, and then nothing else about them is given.',
    }),
    until: Timestamp.nullable().openapi({
      description: 'The planned end of the running session, while it lies ahead; null otherwise.',
    }),
    reachableAt: Timestamp.nullable().openapi({
      description:
        'When they are next reachable: the end of their running session. Null when nothing is planned ahead: on a break, not working, or in focus past the planned end.',
    }),
    isPastPlannedEnd: z.boolean().openapi({ description: 'In focus, running past the planned end.' }),
    task: z
      .object({ id: z.string(), title: z.string() })
      .nullable()
      .openapi({ description: 'The session’s main task, only when it is one of this team’s tasks.' }),
    label: z.string().openapi({
      description:
        'What the board says, with times in your time zone: “in focus until 10:45 on a private session”, “on a break”, “not working”, “not sharing their focus”.',
    }),
  })
  .openapi('TeamFocusEntry');

export const FocusBoard = z
  .object({
    teamId: z.string(),
    asOf: Timestamp.openapi({ description: 'The moment the board describes.' }),
    timeZone: z.string().openapi({ description: 'Your time zone, which the labels’ times are written in.' }),
    items: z.array(FocusBoardEntry).openapi({ description: 'Every member, by address.' }),
  })
  .openapi('TeamFocusBoard');
