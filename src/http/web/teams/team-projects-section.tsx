import { hasTeamPermission, type TeamRole } from '../../../domain/team-policy.ts';
import type { TeamWork } from '../../../services/teams/team-work.ts';
import { CsrfField, type PageContext } from '../layout.tsx';

/** The team's projects: what it shares, with a way in, and a new one for those who manage them. */
export function TeamProjectsSection(props: {
  page: PageContext;
  teamId: string;
  role: TeamRole;
  work: TeamWork;
}) {
  const { projects } = props.work;
  return (
    <section aria-labelledby="team-projects-heading" class="card">
      <h2 id="team-projects-heading" class="card-title">
        Projects
      </h2>
      {projects.length === 0 ? (
        <p class="text-sm text-stone-600 dark:text-stone-400">
          No team projects yet. A team project and its tasks are shared with everyone here; nothing else of
          anyone’s is.
        </p>
      ) : (
        <ul class="space-y-1" data-testid="team-projects">
          {projects.map((p) => (
            <li>
              <a class="link" href={`/projects/${p.id}`}>
                {p.name}
              </a>
              <span class="text-sm text-stone-600 dark:text-stone-400">{` · ${p.openTasks} open`}</span>
            </li>
          ))}
        </ul>
      )}
      {hasTeamPermission(props.role, 'projects.manage') ? (
        <form method="post" action="/projects" class="mt-3 flex flex-wrap items-end gap-2">
          <CsrfField token={props.page.csrfToken} />
          <input type="hidden" name="teamId" value={props.teamId} />
          <div class="field">
            <label for="new-team-project" class="field-label">
              New team project
            </label>
            <input id="new-team-project" name="name" class="field-input" required maxlength={100} />
          </div>
          <button type="submit" class="btn-secondary">
            Create
          </button>
        </form>
      ) : null}
    </section>
  );
}
