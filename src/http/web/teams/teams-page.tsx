import type { TeamWithRole } from '../../../db/stores/team-store.ts';
import { CsrfField, FormAlert, Layout, type PageContext, TextField } from '../layout.tsx';
import { ROLE_LABELS } from './team-words.ts';

/** /teams: the teams a person is in, and a form to start one. */
export function TeamsPage(props: {
  page: PageContext;
  teams: TeamWithRole[];
  nameError?: string | undefined;
  name?: string | undefined;
  notice?: string | undefined;
}) {
  return (
    <Layout page={props.page} title="Teams">
      <h1 class="mb-2 text-2xl font-semibold">Teams</h1>
      <p class="mb-6 text-stone-600 dark:text-stone-400">
        Plan work together. Nothing of yours is shared with a team unless you choose to share it.
      </p>
      <FormAlert message={props.notice} tone="info" />
      <div class="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="my-teams-heading" class="card">
          <h2 id="my-teams-heading" class="card-title">
            Your teams
          </h2>
          {props.teams.length === 0 ? (
            <p class="text-sm text-stone-600 dark:text-stone-400">You are not in a team yet.</p>
          ) : (
            <ul class="divide-y divide-stone-200 dark:divide-stone-800">
              {props.teams.map((team) => (
                <li class="flex items-center justify-between gap-3">
                  <a class="link" href={`/teams/${team.id}`}>
                    {team.name}
                  </a>
                  <span class="text-sm text-stone-600 dark:text-stone-400">{ROLE_LABELS[team.role]}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="new-team-heading" class="card">
          <h2 id="new-team-heading" class="card-title">
            Start a team
          </h2>
          <form method="post" action="/teams" class="space-y-4">
            <CsrfField token={props.page.csrfToken} />
            <TextField label="Name" name="name" value={props.name} error={props.nameError} required />
            <button type="submit" class="btn-secondary">
              Create team
            </button>
          </form>
        </section>
      </div>
    </Layout>
  );
}
