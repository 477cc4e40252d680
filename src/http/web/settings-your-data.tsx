import { CsrfField, type PageContext } from './layout.tsx';

const KINDS: [kind: string, label: string][] = [
  ['sessions', 'Sessions'],
  ['tasks', 'Tasks'],
  ['context-switches', 'Interruptions'],
  ['insights', 'Insights'],
];

/**
 * Settings → Your data: every export (CSV or JSON per kind, the whole account as one archive) and
 * the import of an archive into a fresh account.
 */
export function YourDataSection(props: { page: PageContext }) {
  return (
    <section aria-labelledby="your-data-heading" class="card" id="your-data">
      <h2 id="your-data-heading" class="card-title">
        Your data
      </h2>
      <p class="mb-4 text-sm text-stone-600 dark:text-stone-400">
        Take everything out whenever you like. Long histories are prepared in the background.
      </p>
      <ul class="mb-4 divide-y divide-stone-200 dark:divide-stone-800" data-testid="exports">
        {KINDS.map(([kind, label]) => (
          <li class="flex items-center justify-between gap-3 py-2">
            <span>{label}</span>
            <span class="flex gap-2">
              <a class="btn-quiet" href={`/exports/${kind}.csv`}>
                CSV<span class="sr-only"> of {label.toLowerCase()}</span>
              </a>
              <a class="btn-quiet" href={`/exports/${kind}.json`}>
                JSON<span class="sr-only"> of {label.toLowerCase()}</span>
              </a>
            </span>
          </li>
        ))}
      </ul>
      <a class="btn-secondary" href="/exports/account.json">
        Export your whole account
      </a>
      <form
        method="post"
        action="/account/import"
        enctype="multipart/form-data"
        class="mt-6 space-y-3 border-t border-stone-200 pt-4 dark:border-stone-800"
      >
        <CsrfField token={props.page.csrfToken} />
        <div class="field">
          <label for="field-archive" class="field-label">
            Import an archive
          </label>
          <input
            id="field-archive"
            name="archive"
            type="file"
            accept="application/json,.json"
            class="field-input"
            required
            aria-describedby="archive-hint"
          />
          <p id="archive-hint" class="text-xs text-stone-600 dark:text-stone-400">
            A Deepsheet archive of up to 20 MB, into an account that has no sessions, projects or tasks yet.
          </p>
        </div>
        <button type="submit" class="btn-secondary">
          Import
        </button>
      </form>
    </section>
  );
}
