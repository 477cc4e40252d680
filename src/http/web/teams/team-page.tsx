import type { TeamInvitationRow, TeamMemberRow } from '../../../db/schema/index.ts';
import type { MemberView, TeamWithRole } from '../../../db/stores/team-store.ts';
import { plural } from '../../../domain/plural.ts';
import {
  decideRemoval,
  decideRoleChange,
  hasTeamPermission,
  invitationStatus,
  mayGrantRole,
  TEAM_ROLES,
} from '../../../domain/team-policy.ts';
import type { TeamWork } from '../../../services/teams/team-work.ts';
import { memberNameOf } from '../../api/team-presenters.ts';
import { CsrfField, FormAlert, Layout, type PageContext, TextField } from '../layout.tsx';
import { TeamPageMarker } from './team-page-marker.tsx';
import { TeamProjectsSection } from './team-projects-section.tsx';
import { ROLE_HINTS, ROLE_LABELS } from './team-words.ts';

export type TeamPageProps = {
  page: PageContext;
  team: TeamWithRole & { membership: TeamMemberRow };
  members: MemberView[];
  /** Null when the person may not see them (members and viewers). */
  invitations: TeamInvitationRow[] | null;
  now: Date;
  notice?: string | undefined;
  alert?: string | undefined;
  inviteErrors?: Record<string, string> | undefined;
  /** A link just made: shown once, never stored. */
  newInvitationUrl?: string | undefined;
  actorId: string;
  work: TeamWork;
};

/** /teams/:id: who is in the team, invitations, and what the person may change. */
export function TeamPage(props: TeamPageProps) {
  const { team } = props;
  return (
    <Layout page={props.page} title={team.name}>
      <TeamPageMarker teamId={team.id} viewerId={props.actorId} />
      <p class="mb-1 text-sm">
        <a class="link" href="/teams">
          Teams
        </a>
      </p>
      <h1 class="mb-1 text-2xl font-semibold">{team.name}</h1>
      <p class="mb-2 text-stone-600 dark:text-stone-400">
        You are {ROLE_LABELS[team.role].toLowerCase()} here.{' '}
        <a class="link" href={`/teams/${team.id}/focus`}>
          See who is in focus
        </a>
      </p>
      <p class="mb-6">
        <a class="link" href={`/teams/${team.id}/report`}>
          Team report
        </a>
      </p>
      <FormAlert message={props.alert} />
      <FormAlert message={props.notice} tone="info" />
      <div class="grid gap-8 lg:grid-cols-2">
        <TeamProjectsSection page={props.page} teamId={team.id} role={team.role} work={props.work} />
        <MembersSection {...props} />
        <div class="space-y-8">
          <FocusSection {...props} />
          {props.invitations ? <InviteSection {...props} invitations={props.invitations} /> : null}
        </div>
        <TeamSettingsSection {...props} />
      </div>
    </Layout>
  );
}

function ownersIn(members: MemberView[]): number {
  return members.filter((m) => m.role === 'owner').length;
}

function MembersSection(props: TeamPageProps) {
  const { team, members } = props;
  const ownerCount = ownersIn(members);
  return (
    <section aria-labelledby="members-heading" class="card">
      <h2 id="members-heading" class="card-title">
        Members
      </h2>
      <ul class="divide-y divide-stone-200 dark:divide-stone-800">
        {members.map((m) => {
          const target = { role: m.role, isSelf: m.userId === props.actorId, ownerCount };
          const roles = TEAM_ROLES.filter(
            (role) => role !== m.role && decideRoleChange(team.role, target, role).allowed,
          );
          const mayRemove = !target.isSelf && decideRemoval(team.role, target).allowed;
          return (
            <li class="space-y-2 py-3">
              <div class="flex flex-wrap items-baseline justify-between gap-2">
                <span>
                  <span class="font-medium">{memberNameOf(m.email)}</span>{' '}
                  <span class="text-sm text-stone-600 dark:text-stone-400">{m.email}</span>
                </span>
                <span class="text-sm">
                  {ROLE_LABELS[m.role]}
                  {m.sharesFocus ? ' · shares focus' : ''}
                </span>
              </div>
              {roles.length > 0 || mayRemove ? (
                <div class="flex flex-wrap items-end gap-2">
                  {roles.length > 0 ? (
                    <form
                      method="post"
                      action={`/teams/${team.id}/members/${m.userId}/role`}
                      class="flex items-end gap-2"
                    >
                      <CsrfField token={props.page.csrfToken} />
                      <label class="sr-only" for={`role-${m.userId}`}>
                        {`Role of ${m.email}`}
                      </label>
                      <select id={`role-${m.userId}`} name="role" class="field-input">
                        {roles.map((role) => (
                          <option value={role}>{ROLE_LABELS[role]}</option>
                        ))}
                      </select>
                      <button type="submit" class="btn-quiet">
                        Change role
                      </button>
                    </form>
                  ) : null}
                  {mayRemove ? (
                    <form method="post" action={`/teams/${team.id}/members/${m.userId}/remove`}>
                      <CsrfField token={props.page.csrfToken} />
                      <button type="submit" class="btn-quiet">
                        Remove from team
                      </button>
                    </form>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function FocusSection(props: TeamPageProps) {
  const { team } = props;
  const shares = team.membership.sharesFocus;
  return (
    <section aria-labelledby="focus-heading" class="card">
      <h2 id="focus-heading" class="card-title">
        Your focus
      </h2>
      <p class="mb-3 text-sm text-stone-600 dark:text-stone-400">
        {shares
          ? 'You share your focus with this team. Turn it off at any time.'
          : 'Your focus stays private. You can choose to share it with this team.'}
      </p>
      <form method="post" action={`/teams/${team.id}/focus`}>
        <CsrfField token={props.page.csrfToken} />
        {shares ? null : <input type="hidden" name="sharesFocus" value="on" />}
        <button type="submit" class="btn-secondary">
          {shares ? 'Stop sharing my focus' : 'Share my focus with this team'}
        </button>
      </form>
    </section>
  );
}

function InviteSection(props: TeamPageProps & { invitations: TeamInvitationRow[] }) {
  const { team } = props;
  const errors = props.inviteErrors ?? {};
  const roles = TEAM_ROLES.filter((role) => mayGrantRole(team.role, role));
  const pending = props.invitations.filter((i) => invitationStatus(i, props.now) === 'pending');
  return (
    <section aria-labelledby="invite-heading" class="card">
      <h2 id="invite-heading" class="card-title">
        Invite people
      </h2>
      {props.newInvitationUrl ? (
        <div class="mb-4 space-y-1">
          <label class="field-label" for="new-invitation-url">
            The invitation link, shown only now; it works once, for 7 days
          </label>
          <input id="new-invitation-url" class="field-input" readonly value={props.newInvitationUrl} />
        </div>
      ) : null}
      <form method="post" action={`/teams/${team.id}/invitations`} class="space-y-4">
        <CsrfField token={props.page.csrfToken} />
        <TextField
          label="Email (optional)"
          name="email"
          type="email"
          inputmode="email"
          hint="With an address we send the link there, and only that account can use it. Without one you get a link to pass on."
          error={errors.email}
        />
        <div class="field">
          <label for="field-invite-role" class="field-label">
            Role
          </label>
          <select id="field-invite-role" name="role" class="field-input">
            {roles.map((role) => (
              <option value={role} selected={role === 'member'}>
                {`${ROLE_LABELS[role]}: ${ROLE_HINTS[role]}`}
              </option>
            ))}
          </select>
          {errors.role ? <p class="field-error">{errors.role}</p> : null}
        </div>
        <button type="submit" class="btn-secondary">
          Invite
        </button>
      </form>
      <h3 class="mt-6 mb-2 font-medium">Pending invitations</h3>
      {pending.length === 0 ? (
        <p class="text-sm text-stone-600 dark:text-stone-400">None waiting.</p>
      ) : (
        <ul class="divide-y divide-stone-200 dark:divide-stone-800">
          {pending.map((i) => (
            <li class="flex flex-wrap items-center justify-between gap-2 py-2">
              <span class="text-sm">
                {i.email ?? 'A link'} · {ROLE_LABELS[i.role]} · until {i.expiresAt.toISOString().slice(0, 10)}
              </span>
              <form method="post" action={`/teams/${team.id}/invitations/${i.id}/revoke`}>
                <CsrfField token={props.page.csrfToken} />
                <button type="submit" class="btn-quiet">
                  Withdraw
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TeamSettingsSection(props: TeamPageProps) {
  const { team, members } = props;
  const isOwner = hasTeamPermission(team.role, 'team.rename');
  const isLastOwner = team.role === 'owner' && ownersIn(members) <= 1;
  const others = members.filter((m) => m.userId !== props.actorId);
  return (
    <section aria-labelledby="team-settings-heading" class="card space-y-6">
      <h2 id="team-settings-heading" class="card-title">
        The team
      </h2>
      {isOwner ? (
        <form method="post" action={`/teams/${team.id}/rename`} class="space-y-3">
          <CsrfField token={props.page.csrfToken} />
          <TextField label="Name" name="name" value={team.name} required />
          <button type="submit" class="btn-secondary">
            Rename
          </button>
        </form>
      ) : null}
      {isOwner && others.length > 0 ? (
        <form method="post" action={`/teams/${team.id}/transfer`} class="space-y-3">
          <CsrfField token={props.page.csrfToken} />
          <div class="field">
            <label for="field-transfer" class="field-label">
              Hand ownership to
            </label>
            <select id="field-transfer" name="userId" class="field-input">
              {others.map((m) => (
                <option value={m.userId}>{m.email}</option>
              ))}
            </select>
            <p class="field-hint">They become an owner; you stay on as an admin.</p>
          </div>
          <button type="submit" class="btn-quiet">
            Hand over
          </button>
        </form>
      ) : null}
      {isLastOwner ? (
        <p class="text-sm text-stone-600 dark:text-stone-400">
          You are the only owner, so you cannot leave. Make someone else an owner first, or delete the team.
        </p>
      ) : (
        <form method="post" action={`/teams/${team.id}/leave`}>
          <CsrfField token={props.page.csrfToken} />
          <button type="submit" class="btn-quiet">
            Leave this team
          </button>
        </form>
      )}
      {hasTeamPermission(team.role, 'team.delete') ? <DeleteTeam {...props} /> : null}
    </section>
  );
}

function DeleteTeam(props: TeamPageProps) {
  const { work } = props;
  const people = props.members.length;
  const pending = (props.invitations ?? []).filter(
    (i) => invitationStatus(i, props.now) === 'pending',
  ).length;
  return (
    <details>
      <summary class="btn-quiet">Delete this team</summary>
      <p class="my-3 text-sm text-stone-600 dark:text-stone-400">
        {`The team and its ${people === 1 ? 'one membership' : `${people} memberships`} go at once and for good`}
        {pending > 0
          ? `, and ${pending === 1 ? 'one pending invitation stops' : `${pending} pending invitations stop`} working`
          : ''}
        . Nobody’s own sheets, tasks or projects are touched.
      </p>
      <form
        method="post"
        action={`/teams/${props.team.id}/delete`}
        class="space-y-2"
        hx-confirm={`Delete “${props.team.name}” for everyone?${work.projectCount > 0 ? ` Its ${plural(work.taskCount, 'task')} are deleted or moved as you chose.` : ''}`}
      >
        <CsrfField token={props.page.csrfToken} />
        {work.projectCount > 0 ? (
          <fieldset class="space-y-1">
            <legend class="field-label">
              {`Its ${plural(work.projectCount, 'project')} with ${plural(work.taskCount, 'task')}:`}
            </legend>
            <label class="flex items-center gap-2 text-sm">
              <input type="radio" name="projects" value="move" checked />
              Move them to my own projects
            </label>
            <label class="flex items-center gap-2 text-sm">
              <input type="radio" name="projects" value="delete" />
              {`Delete them with the team (${plural(work.taskCount, 'task')})`}
            </label>
          </fieldset>
        ) : null}
        <button type="submit" class="btn-secondary">
          {`Delete “${props.team.name}” for everyone`}
        </button>
      </form>
    </details>
  );
}
