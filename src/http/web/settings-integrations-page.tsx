import { DEFAULT_BASE_URLS, PROVIDER_NAMES } from '../../domain/integration-values.ts';
import { type IntegrationView, isSyncMoving, syncLine } from './integrations/sync-line.ts';
import { CsrfField, FormAlert, type PageContext, PostButton, TextField } from './layout.tsx';
import { SettingsSubpage } from './settings-subpage.tsx';
import { SelectField } from './tasks/select-field.tsx';

/** What the connect form holds after a refusal: everything typed but the token. */
export type ConnectFormValues = {
  provider: string;
  baseUrl: string;
  repositories: string;
  projectId: string;
};

export type IntegrationsPageProps = {
  page: PageContext;
  connections: IntegrationView[];
  /** The projects new issues may land in: the person's own and their teams' they may add tasks to. */
  projects: { id: string; label: string }[];
  /** "Now" and the person's time zone: every time on the page reads on their clock. */
  now: Date;
  timeZone: string;
  notice?: string | undefined;
  errors?: Record<string, string> | undefined;
  values?: ConnectFormValues | undefined;
};

/** Settings › GitHub and GitLab: connections, where each sync stands, and connecting another. */
export function IntegrationsPage(props: IntegrationsPageProps) {
  return (
    <SettingsSubpage
      page={props.page}
      title="GitHub and GitLab"
      intro="Bring the open issues of your repositories in as tasks. They stay in step every 15 minutes; what you change in Deepsheet stays yours. Pull and merge requests are never tasks: they are linked to the issues they mention."
    >
      <FormAlert message={props.notice} tone="info" />
      {props.connections.map((view) => (
        <ConnectionCard page={props.page} view={view} now={props.now} timeZone={props.timeZone} />
      ))}
      <ConnectForm {...props} />
    </SettingsSubpage>
  );
}

/** Where one connection stands; asks again every few seconds while a sync moves (htmx). */
export function ConnectionStatus(props: { view: IntegrationView; now: Date; timeZone: string }) {
  const { view } = props;
  const polling = isSyncMoving(view, props.now)
    ? {
        'hx-get': `/settings/integrations/${view.id}/status`,
        'hx-trigger': 'every 2s',
        'hx-swap': 'outerHTML',
      }
    : {};
  const problem = view.status !== 'broken' && view.lastError ? view.lastError : null;
  return (
    <div
      id={`integration-status-${view.id}`}
      data-testid="integration-status"
      data-status={view.status}
      {...polling}
    >
      <p class="text-sm" role="status">
        {syncLine(view, props.now, props.timeZone)}
      </p>
      {problem ? <p class="text-sm text-stone-600 dark:text-stone-400">{problem}</p> : null}
    </div>
  );
}

function ConnectionCard(props: { page: PageContext; view: IntegrationView; now: Date; timeZone: string }) {
  const { view } = props;
  const name = PROVIDER_NAMES[view.provider];
  const action = (path: string, label: string) => (
    <PostButton
      action={`/settings/integrations/${view.id}/${path}`}
      csrfToken={props.page.csrfToken}
      label={label}
    />
  );
  return (
    <section class="card" data-testid="integration" aria-label={`${name} as ${view.accountLogin}`}>
      <h2 class="card-title">
        {name} as {view.accountLogin}
      </h2>
      <p class="text-sm">
        {view.repositories ? view.repositories.join(', ') : 'Every repository the token can see'}
        {view.baseUrl === DEFAULT_BASE_URLS[view.provider] ? '' : ` · ${view.baseUrl}`}
      </p>
      <ConnectionStatus view={view} now={props.now} timeZone={props.timeZone} />
      <div class="mt-3 flex flex-wrap gap-3">
        {view.status === 'broken' ? null : action('sync', 'Sync now')}
        {action('delete', 'Disconnect')}
      </div>
    </section>
  );
}

function ConnectForm(props: IntegrationsPageProps) {
  const errors = props.errors ?? {};
  const values = props.values ?? { provider: 'github', baseUrl: '', repositories: '', projectId: '' };
  return (
    <section aria-labelledby="connect-integration-heading" class="card">
      <h2 id="connect-integration-heading" class="card-title">
        Connect an account
      </h2>
      <FormAlert message={errors.form} />
      {props.projects.length === 0 ? (
        <p class="text-sm">
          Issues land in a project.{' '}
          <a class="link" href="/tasks">
            Make a project
          </a>{' '}
          on the Tasks page first, then come back.
        </p>
      ) : (
        <form method="post" action="/settings/integrations" class="space-y-3">
          <CsrfField token={props.page.csrfToken} />
          <SelectField
            label="Where your issues live"
            name="provider"
            value={values.provider}
            options={[
              ['github', 'GitHub'],
              ['gitlab', 'GitLab'],
            ]}
            error={errors.provider}
          />
          <TextField
            label="Token"
            name="token"
            type="password"
            autocomplete="off"
            required
            error={errors.token}
            hint="GitHub: a fine-grained token with Issues: read (and Pull requests: read). GitLab: a personal access token with read_api. It is stored encrypted and never shown again."
          />
          <TextField
            label="Repositories (optional)"
            name="repositories"
            value={values.repositories}
            error={errors.repositories}
            hint="owner/name (GitLab: group/project), separated by commas or spaces. Leave empty for every repository the token can see."
          />
          <SelectField
            label="Add the tasks to"
            name="projectId"
            value={values.projectId}
            options={props.projects.map((p) => [p.id, p.label] as const)}
            error={errors.projectId}
          />
          <TextField
            label="API address (optional)"
            name="baseUrl"
            value={values.baseUrl}
            error={errors.baseUrl}
            hint="Only for GitHub Enterprise or self-managed GitLab, such as https://gitlab.example.com/api/v4."
          />
          <button type="submit" class="btn-primary">
            Connect and import
          </button>
        </form>
      )}
    </section>
  );
}
