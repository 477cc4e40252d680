import type { ProjectAccess } from '../../../db/stores/project-store.ts';
import { hasTeamPermission } from '../../../domain/team-policy.ts';
import { PROJECT_COLORS } from '../../../domain/work-values.ts';
import { CsrfField, TextField } from '../layout.tsx';
import { SelectField } from './select-field.tsx';
import { PROJECT_STATUS_LABELS } from './task-labels.ts';
import type { ShareableTeam } from './tasks-page.tsx';

/** What the delete button asks: a team's tasks go with its project, a person's move to the inbox. */
function deleteQuestion(isTeams: boolean, taskCount: number): string {
  if (!isTeams) return 'Delete this project? Its tasks move to the inbox.';
  const tasks = taskCount === 1 ? '1 task' : `${taskCount} tasks`;
  return `Delete this team project and its ${tasks}? They are the team’s and are deleted with it.`;
}

/** The project's own settings, folded away above its task list; read-only to whom it is not to change. */
export function ProjectHeader(props: {
  access: ProjectAccess & { taskCount: number };
  teams: ShareableTeam[];
  csrfToken: string;
}) {
  const { project: p, role, teamName, taskCount } = props.access;
  const mayManage = !role || hasTeamPermission(role, 'projects.manage');
  const sharing = teamName ? (
    <p class="text-sm" data-testid="project-team">
      Shared with{' '}
      <a href={`/teams/${p.teamId}`} class="link">
        {teamName}
      </a>
    </p>
  ) : null;
  if (!mayManage) {
    return (
      <div class="card space-y-1">
        {sharing}
        {p.description ? <p class="text-sm">{p.description}</p> : null}
      </div>
    );
  }
  return (
    <>
      {sharing}
      <details class="card">
        <summary class="notes-summary">Project details</summary>
        {p.description ? <p class="mt-2 text-sm">{p.description}</p> : null}
        <form method="post" action={`/projects/${p.id}`} class="mt-3 space-y-3">
          <CsrfField token={props.csrfToken} />
          <TextField label="Name" name="name" value={p.name} required />
          <div class="field">
            <label for="field-project-description" class="field-label">
              Description
            </label>
            <textarea id="field-project-description" name="description" rows={3} class="field-input">
              {p.description}
            </textarea>
          </div>
          <div class="grid grid-cols-2 gap-2">
            <SelectField
              label="Colour"
              name="color"
              value={p.color}
              options={PROJECT_COLORS.map((c) => [c, c] as const)}
            />
            <SelectField
              label="Status"
              name="status"
              value={p.status}
              options={Object.entries(PROJECT_STATUS_LABELS)}
            />
          </div>
          {!p.teamId && props.teams.length > 0 ? (
            <SelectField
              label="Share with a team (its members see the project and its tasks)"
              name="teamId"
              value=""
              options={props.teams.map((team) => [team.id, team.name] as const)}
              any="No, just me"
            />
          ) : null}
          <button type="submit" class="btn-secondary">
            Save project
          </button>
        </form>
        <form
          method="post"
          action={`/projects/${p.id}/delete`}
          class="mt-3"
          hx-confirm={deleteQuestion(p.teamId !== null, taskCount)}
        >
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="btn-quiet">
            Delete project
          </button>
        </form>
      </details>
    </>
  );
}
