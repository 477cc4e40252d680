import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { InvitationInput } from '../../../domain/team-policy.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { acceptInvitation } from '../../../services/teams/accept-invitation.ts';
import { createInvitation } from '../../../services/teams/create-invitation.ts';
import { listInvitations } from '../../../services/teams/list-invitations.ts';
import { revokeInvitation } from '../../../services/teams/revoke-invitation.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors, conflict, jsonResponse, notFound, Problem, unsupportedMedia } from '../schemas.ts';
import { presentInvitation, presentMembership } from '../team-presenters.ts';
import {
  CreatedInvitation,
  InvitationList,
  InvitationParams,
  Membership,
  TeamParams,
  TokenParams,
} from '../team-schemas.ts';

const tags = ['Teams'];

const create = createRoute({
  method: 'post',
  path: '/teams/{teamId}/invitations',
  operationId: 'createTeamInvitation',
  tags,
  summary: 'Invite someone by email, or make a link, with a role (owners and admins)',
  request: {
    params: TeamParams,
    body: { required: true, content: { 'application/json': { schema: InvitationInput } } },
  },
  responses: {
    201: jsonResponse(CreatedInvitation, 'The invitation, with its token shown this once'),
    ...commonErrors,
    ...notFound,
    ...conflict,
    ...unsupportedMedia,
  },
});
const list = createRoute({
  method: 'get',
  path: '/teams/{teamId}/invitations',
  operationId: 'listTeamInvitations',
  tags,
  summary: 'The team’s invitations, newest first (owners and admins)',
  request: { params: TeamParams },
  responses: { 200: jsonResponse(InvitationList, 'The invitations'), ...commonErrors, ...notFound },
});
const revoke = createRoute({
  method: 'delete',
  path: '/teams/{teamId}/invitations/{invitationId}',
  operationId: 'revokeTeamInvitation',
  tags,
  summary: 'Withdraw an invitation; its link stops working',
  request: { params: InvitationParams },
  responses: { 204: { description: 'Withdrawn' }, ...commonErrors, ...notFound },
});
const accept = createRoute({
  method: 'post',
  path: '/invitations/{token}/accept',
  operationId: 'acceptTeamInvitation',
  tags,
  summary: 'Join the team an invitation names',
  request: { params: TokenParams },
  responses: {
    200: jsonResponse(Membership, 'Your membership'),
    ...commonErrors,
    ...notFound,
    ...conflict,
    410: {
      description: 'Used, withdrawn or expired.',
      content: { 'application/problem+json': { schema: Problem } },
    },
  },
});

export function invitationRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(create, async (c) => {
      const made = await createInvitation(
        deps,
        c.get('actor'),
        c.req.valid('param').teamId,
        c.req.valid('json'),
      );
      const invitation = presentInvitation(made.invitation, deps.clock.now());
      return c.json({ ...invitation, token: made.token, url: made.url }, 201);
    })
    .openapi(list, async (c) => {
      const items = await listInvitations(deps, c.get('actor'), c.req.valid('param').teamId);
      const now = deps.clock.now();
      return c.json({ items: items.map((i) => presentInvitation(i, now)) }, 200);
    })
    .openapi(revoke, async (c) => {
      await revokeInvitation(deps, c.get('actor'), c.req.valid('param'));
      return c.body(null, 204);
    })
    .openapi(accept, async (c) =>
      c.json(presentMembership(await acceptInvitation(deps, c.get('actor'), c.req.valid('param'))), 200),
    );
}
