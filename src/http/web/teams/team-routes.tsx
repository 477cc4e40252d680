import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AppError, isAppError } from '../../../domain/errors.ts';
import {
  FocusSharingInput,
  hasTeamPermission,
  InvitationInput,
  RoleChangeInput,
  TeamInput,
  TransferInput,
} from '../../../domain/team-policy.ts';
import { parseOrThrow } from '../../../services/create-user.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { acceptInvitation, viewInvitation } from '../../../services/teams/accept-invitation.ts';
import { changeMemberRole } from '../../../services/teams/change-member-role.ts';
import { createInvitation } from '../../../services/teams/create-invitation.ts';
import { createTeam } from '../../../services/teams/create-team.ts';
import { deleteTeam } from '../../../services/teams/delete-team.ts';
import { getFocusBoard } from '../../../services/teams/get-focus-board.ts';
import { getTeam } from '../../../services/teams/get-team.ts';
import { leaveTeam } from '../../../services/teams/leave-team.ts';
import { listInvitations } from '../../../services/teams/list-invitations.ts';
import { listMembers } from '../../../services/teams/list-members.ts';
import { listTeams } from '../../../services/teams/list-teams.ts';
import { removeMember } from '../../../services/teams/remove-member.ts';
import { renameTeam } from '../../../services/teams/rename-team.ts';
import { revokeInvitation } from '../../../services/teams/revoke-invitation.ts';
import { setFocusSharing } from '../../../services/teams/set-focus-sharing.ts';
import { getTeamWork } from '../../../services/teams/team-work.ts';
import { transferOwnership } from '../../../services/teams/transfer-ownership.ts';
import type { AppEnv } from '../../context.ts';
import { STATUS_OF } from '../../errors.ts';
import { requireSignIn } from '../../middleware/require-sign-in.ts';
import type { AssetManifest } from '../assets.ts';
import { pageContext } from '../page-context.ts';
import { FocusBoardPage, FocusBoardRegion } from './focus-board-page.tsx';
import { InvitationPage } from './invitation-page.tsx';
import { TeamPage, type TeamPageProps } from './team-page.tsx';
import { TeamsPage } from './teams-page.tsx';

const NOTICES: Record<string, string> = {
  created: 'The team is ready. Invite people below.',
  renamed: 'Renamed.',
  role: 'Role changed.',
  removed: 'They are no longer in the team.',
  focus: 'Saved.',
  revoked: 'The invitation is withdrawn; its link no longer works.',
  sent: 'The invitation is on its way.',
  transferred: 'Ownership handed over. You are an admin now.',
  joined: 'Welcome to the team.',
  left: 'You left the team.',
  deleted: 'The team is deleted.',
  gone: 'You are no longer in that team.',
};

/** What a form sent, as text: a field left out is an empty string, a file is nothing. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The team pages: /teams, one team, and accepting an invitation. Rules live in the services. */
export function teamPageRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();
  app.use('/teams', requireSignIn);
  app.use('/teams/*', requireSignIn);
  app.use('/invitations/*', requireSignIn);
  const actor = (c: Context<AppEnv>) => c.get('actor');
  const page = (c: Context<AppEnv>) => pageContext(c, assets, 'settings');

  async function renderTeam(
    c: Context<AppEnv>,
    teamId: string,
    extra: Partial<TeamPageProps> = {},
    status: ContentfulStatusCode = 200,
  ) {
    const who = actor(c);
    const team = await getTeam(deps, who, teamId);
    const [members, invitations, work] = await Promise.all([
      listMembers(deps, who, teamId),
      hasTeamPermission(team.role, 'invitations.manage') ? listInvitations(deps, who, teamId) : null,
      getTeamWork(deps, who, teamId),
    ]);
    return c.html(
      <TeamPage
        page={page(c)}
        team={team}
        members={members}
        invitations={invitations}
        now={deps.clock.now()}
        actorId={who.id}
        work={work}
        notice={NOTICES[c.req.query('saved') ?? '']}
        {...extra}
      />,
      status,
    );
  }

  /** Runs a team form: done, back to the team; refused for a reason the person can act on, said on the page. */
  async function teamForm(c: Context<AppEnv>, run: () => Promise<unknown>, saved: string, after?: string) {
    const teamId = c.req.param('id') ?? '';
    try {
      await run();
    } catch (error) {
      if (!isAppError(error) || error.code === 'not_found') throw error;
      return renderTeam(c, teamId, refusalProps(error), STATUS_OF[error.code]);
    }
    return c.redirect(after ?? `/teams/${teamId}?saved=${saved}`, 303);
  }

  function refusalProps(error: AppError): Partial<TeamPageProps> {
    return error.fields && (error.fields.email || error.fields.role)
      ? { inviteErrors: error.fields }
      : { alert: error.fields ? Object.values(error.fields)[0] : error.message };
  }

  app.get('/teams', async (c) =>
    c.html(
      <TeamsPage
        page={page(c)}
        teams={await listTeams(deps, actor(c))}
        notice={NOTICES[c.req.query('saved') ?? '']}
      />,
    ),
  );

  app.post('/teams', async (c) => {
    const body = await c.req.parseBody();
    const name = text(body.name);
    try {
      const team = await createTeam(deps, actor(c), parseOrThrow(TeamInput, { name }));
      return c.redirect(`/teams/${team.id}?saved=created`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation') throw error;
      const teams = await listTeams(deps, actor(c));
      return c.html(
        <TeamsPage
          page={page(c)}
          teams={teams}
          name={name}
          nameError={error.fields?.name ?? error.message}
        />,
        422,
      );
    }
  });

  app.get('/teams/:id', (c) => renderTeam(c, c.req.param('id')));

  app.get('/teams/:id/focus', async (c) =>
    c.html(<FocusBoardPage page={page(c)} board={await getFocusBoard(deps, actor(c), c.req.param('id'))} />),
  );

  // What an open board fetches again when the team's focus or members change.
  app.get('/teams/:id/focus/board', async (c) =>
    c.html(<FocusBoardRegion board={await getFocusBoard(deps, actor(c), c.req.param('id'))} />),
  );

  app.post('/teams/:id/rename', async (c) => {
    const body = await c.req.parseBody();
    return teamForm(
      c,
      async () =>
        renameTeam(deps, actor(c), c.req.param('id'), parseOrThrow(TeamInput, { name: text(body.name) })),
      'renamed',
    );
  });

  app.post('/teams/:id/delete', async (c) => {
    const body = await c.req.parseBody();
    const choice = text(body.projects);
    return teamForm(
      c,
      () =>
        deleteTeam(
          deps,
          actor(c),
          c.req.param('id'),
          choice ? { projects: choice as 'delete' | 'move' } : {},
        ),
      'deleted',
      '/teams?saved=deleted',
    );
  });

  app.post('/teams/:id/members/:userId/role', async (c) => {
    const body = await c.req.parseBody();
    const target = { teamId: c.req.param('id'), userId: c.req.param('userId') };
    return teamForm(
      c,
      async () =>
        changeMemberRole(deps, actor(c), target, parseOrThrow(RoleChangeInput, { role: text(body.role) })),
      'role',
    );
  });

  app.post('/teams/:id/members/:userId/remove', (c) =>
    teamForm(
      c,
      () => removeMember(deps, actor(c), { teamId: c.req.param('id'), userId: c.req.param('userId') }),
      'removed',
    ),
  );

  app.post('/teams/:id/focus', async (c) => {
    const body = await c.req.parseBody();
    // A checkbox-like form: the field is there to turn sharing on, absent to turn it off.
    const input = parseOrThrow(FocusSharingInput, { sharesFocus: body.sharesFocus === 'on' });
    return teamForm(c, () => setFocusSharing(deps, actor(c), c.req.param('id'), input), 'focus');
  });

  app.post('/teams/:id/leave', (c) =>
    teamForm(c, () => leaveTeam(deps, actor(c), c.req.param('id')), 'left', '/teams?saved=left'),
  );

  app.post('/teams/:id/transfer', async (c) => {
    const body = await c.req.parseBody();
    return teamForm(
      c,
      async () =>
        transferOwnership(
          deps,
          actor(c),
          c.req.param('id'),
          parseOrThrow(TransferInput, { userId: text(body.userId) }),
        ),
      'transferred',
    );
  });

  app.post('/teams/:id/invitations', async (c) => {
    const body = await c.req.parseBody();
    const teamId = c.req.param('id');
    const email = text(body.email).trim();
    try {
      const input = parseOrThrow(InvitationInput, { role: text(body.role), ...(email ? { email } : {}) });
      const made = await createInvitation(deps, actor(c), teamId, input);
      // Rendered, not redirected: the link holds the token and must not travel in a redirect.
      return made.invitation.email
        ? c.redirect(`/teams/${teamId}?saved=sent`, 303)
        : renderTeam(c, teamId, { newInvitationUrl: made.url });
    } catch (error) {
      if (!isAppError(error) || error.code === 'not_found') throw error;
      return renderTeam(c, teamId, refusalProps(error), STATUS_OF[error.code]);
    }
  });

  app.post('/teams/:id/invitations/:invitationId/revoke', (c) =>
    teamForm(
      c,
      () =>
        revokeInvitation(deps, actor(c), {
          teamId: c.req.param('id'),
          invitationId: c.req.param('invitationId'),
        }),
      'revoked',
    ),
  );

  app.get('/invitations/:token', async (c) => {
    const token = c.req.param('token');
    const view = await viewInvitation(deps, actor(c), { token });
    return c.html(<InvitationPage page={page(c)} token={token} {...view} />);
  });

  app.post('/invitations/:token/accept', async (c) => {
    const token = c.req.param('token');
    try {
      const { team } = await acceptInvitation(deps, actor(c), { token });
      return c.redirect(`/teams/${team.id}?saved=joined`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code === 'not_found') throw error;
      const view = await viewInvitation(deps, actor(c), { token });
      return c.html(
        <InvitationPage page={page(c)} token={token} {...view} refusal={view.refusal ?? error.message} />,
        STATUS_OF[error.code],
      );
    }
  });

  return app;
}
