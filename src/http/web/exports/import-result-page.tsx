import type { ImportSummary } from '../../../services/exports/account-import.ts';
import { Layout, type PageContext } from '../layout.tsx';

/** After an import: what arrived, or why nothing did (with the problems found in the archive). */
export function ImportResultPage(props: {
  page: PageContext;
  summary?: ImportSummary;
  error?: { message: string; problems?: Record<string, string> | undefined };
}) {
  const { summary, error } = props;
  return (
    <Layout page={props.page} title="Import">
      <div class="mx-auto mt-8 max-w-xl space-y-6">
        <h1 class="text-2xl font-semibold">{summary ? 'Your data is here' : 'Nothing was imported'}</h1>
        {summary ? (
          <p role="status">
            Imported {summary.days} days ({summary.sessions} sessions), {summary.projects} projects,{' '}
            {summary.tasks} tasks, {summary.contextSwitches} interruptions and {summary.resources} links.
          </p>
        ) : null}
        {error ? (
          <div role="alert" class="alert-error space-y-2">
            <p>{error.message}</p>
            {error.problems && Object.keys(error.problems).length > 0 ? (
              <ul class="list-disc pl-5 text-sm" data-testid="import-problems">
                {Object.entries(error.problems).map(([path, message]) => (
                  <li>
                    <code>{path}</code>: {message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div class="flex gap-3">
          <a href="/" class={summary ? 'btn-primary' : 'btn-secondary'}>
            Go to today
          </a>
          <a href="/settings#your-data" class="btn-quiet">
            Back to settings
          </a>
        </div>
      </div>
    </Layout>
  );
}
