import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  FocusSharingInput,
  RoleChangeInput,
  TeamDeletionInput,
  TeamInput,
  TransferInput,
} from '../../../domain/team-policy.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { changeMemberRole } from '../../../services/teams/change-member-role.ts';
import { createTeam } from '../../../services/teams/create-team.ts';
import { deleteTeam } from '../../../services/teams/delete-team.ts';
import { getFocusBoard } from '../../../services/teams/get-focus-board.ts';
import { getTeam } from '../../../services/teams/get-team.ts';
import { leaveTeam } from '../../../services/teams/leave-team.ts';
import { listMembers } from '../../../services/teams/list-members.ts';
import { listTeams } from '../../../services/teams/list-teams.ts';
import { removeMember } from '../../../services/teams/remove-member.ts';
import { renameTeam } from '../../../services/teams/rename-team.ts';
import { setFocusSharing } from '../../../services/teams/set-focus-sharing.ts';
import { transferOwnership } from '../../../services/teams/transfer-ownership.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors, conflict, jsonResponse, notFound, unsupportedMedia } from '../schemas.ts';
import { presentFocusBoard, presentMember, presentMembership, presentTeam } from '../team-presenters.ts';
import {
  FocusBoard,
  Member,
  MemberList,
  MemberParams,
  Membership,
  Team,
  TeamList,
  TeamParams,
} from '../team-schemas.ts';

const tags = ['Teams'];
const json = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const lastOwner = { 409: conflict[409] } as const;

const list = createRoute({
  method: 'get',
  path: '/teams',
  operationId: 'listTeams',
  tags,
  summary: 'The teams you are in, each with your role',
  responses: { 200: jsonResponse(TeamList, 'Your teams, by name'), ...commonErrors },
});
const create = createRoute({
  method: 'post',
  path: '/teams',
  operationId: 'createTeam',
  tags,
  summary: 'Create a team; you are its owner',
  request: { body: json(TeamInput) },
  responses: { 201: jsonResponse(Team, 'The team'), ...commonErrors, ...unsupportedMedia },
});
const getOne = createRoute({
  method: 'get',
  path: '/teams/{teamId}',
  operationId: 'getTeam',
  tags,
  summary: 'One of your teams',
  request: { params: TeamParams },
  responses: { 200: jsonResponse(Team, 'The team'), ...commonErrors, ...notFound },
});
const rename = createRoute({
  method: 'patch',
  path: '/teams/{teamId}',
  operationId: 'renameTeam',
  tags,
  summary: 'Rename a team (owners)',
  request: { params: TeamParams, body: json(TeamInput) },
  responses: { 200: jsonResponse(Team, 'The team'), ...commonErrors, ...notFound, ...unsupportedMedia },
});
const remove = createRoute({
  method: 'delete',
  path: '/teams/{teamId}',
  operationId: 'deleteTeam',
  tags,
  summary: 'Delete a team with its memberships and invitations (owners)',
  description:
    'A team that holds projects needs `projects`: `delete` deletes them and their tasks with the team, `move` makes them your own projects (a name you already use gets the team’s name after it).',
  request: { params: TeamParams, query: TeamDeletionInput },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
});
const members = createRoute({
  method: 'get',
  path: '/teams/{teamId}/members',
  operationId: 'listTeamMembers',
  tags,
  summary: 'Who is in the team, owners first',
  request: { params: TeamParams },
  responses: { 200: jsonResponse(MemberList, 'The members'), ...commonErrors, ...notFound },
});
const changeRole = createRoute({
  method: 'patch',
  path: '/teams/{teamId}/members/{userId}',
  operationId: 'changeTeamMemberRole',
  tags,
  summary: 'Change a member’s role (owners; admins for members and viewers)',
  request: { params: MemberParams, body: json(RoleChangeInput) },
  responses: {
    200: jsonResponse(Member, 'The member'),
    ...commonErrors,
    ...notFound,
    ...lastOwner,
    ...unsupportedMedia,
  },
});
const removeOne = createRoute({
  method: 'delete',
  path: '/teams/{teamId}/members/{userId}',
  operationId: 'removeTeamMember',
  tags,
  summary: 'Remove someone from the team; your own id leaves it',
  request: { params: MemberParams },
  responses: { 204: { description: 'Removed' }, ...commonErrors, ...notFound, ...lastOwner },
});
const me = createRoute({
  method: 'put',
  path: '/teams/{teamId}/me',
  operationId: 'setTeamFocusSharing',
  tags,
  summary: 'Whether you share your focus with this team (off until you turn it on)',
  request: { params: TeamParams, body: json(FocusSharingInput) },
  responses: {
    200: jsonResponse(Membership, 'Your membership'),
    ...commonErrors,
    ...notFound,
    ...unsupportedMedia,
  },
});
const focus = createRoute({
  method: 'get',
  path: '/teams/{teamId}/focus',
  operationId: 'getTeamFocusBoard',
  tags,
  summary: 'The focus board: who is in focus, on a break or not working, and when they are next reachable',
  description:
    'Every member may read it, viewers too. Only members who share their focus get a status; their session’s goal and notes are never shown, and its task only when it is one of this team’s. Times in `label` are written in your time zone. The event stream sends `team.focus.changed` and `team.member.changed` when the board may have changed.',
  request: { params: TeamParams },
  responses: { 200: jsonResponse(FocusBoard, 'The board'), ...commonErrors, ...notFound },
});
const leave = createRoute({
  method: 'delete',
  path: '/teams/{teamId}/me',
  operationId: 'leaveTeam',
  tags,
  summary: 'Leave the team (not as its last owner)',
  request: { params: TeamParams },
  responses: { 204: { description: 'Left' }, ...commonErrors, ...notFound, ...lastOwner },
});
const transfer = createRoute({
  method: 'post',
  path: '/teams/{teamId}/transfer-ownership',
  operationId: 'transferTeamOwnership',
  tags,
  summary: 'Make another member the owner; you become an admin',
  request: { params: TeamParams, body: json(TransferInput) },
  responses: { 204: { description: 'Transferred' }, ...commonErrors, ...notFound, ...unsupportedMedia },
});

export function teamRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(list, async (c) =>
      c.json({ items: (await listTeams(deps, c.get('actor'))).map(presentTeam) }, 200),
    )
    .openapi(create, async (c) =>
      c.json(presentTeam(await createTeam(deps, c.get('actor'), c.req.valid('json'))), 201),
    )
    .openapi(getOne, async (c) =>
      c.json(presentTeam(await getTeam(deps, c.get('actor'), c.req.valid('param').teamId)), 200),
    )
    .openapi(rename, async (c) =>
      c.json(
        presentTeam(await renameTeam(deps, c.get('actor'), c.req.valid('param').teamId, c.req.valid('json'))),
        200,
      ),
    )
    .openapi(remove, async (c) => {
      await deleteTeam(deps, c.get('actor'), c.req.valid('param').teamId, c.req.valid('query'));
      return c.body(null, 204);
    })
    .openapi(members, async (c) => {
      const items = await listMembers(deps, c.get('actor'), c.req.valid('param').teamId);
      return c.json({ items: items.map(presentMember) }, 200);
    })
    .openapi(changeRole, async (c) =>
      c.json(
        presentMember(
          await changeMemberRole(deps, c.get('actor'), c.req.valid('param'), c.req.valid('json')),
        ),
        200,
      ),
    )
    .openapi(removeOne, async (c) => {
      await removeMember(deps, c.get('actor'), c.req.valid('param'));
      return c.body(null, 204);
    })
    .openapi(me, async (c) =>
      c.json(
        presentMembership(
          await setFocusSharing(deps, c.get('actor'), c.req.valid('param').teamId, c.req.valid('json')),
        ),
        200,
      ),
    )
    .openapi(focus, async (c) =>
      c.json(presentFocusBoard(await getFocusBoard(deps, c.get('actor'), c.req.valid('param').teamId)), 200),
    )
    .openapi(leave, async (c) => {
      await leaveTeam(deps, c.get('actor'), c.req.valid('param').teamId);
      return c.body(null, 204);
    })
    .openapi(transfer, async (c) => {
      await transferOwnership(deps, c.get('actor'), c.req.valid('param').teamId, c.req.valid('json'));
      return c.body(null, 204);
    });
}
