import type { SearchHit } from '../../../services/search.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { formatDay } from '../sheet/format.ts';

/** Search results with the matched words marked (segments, never raw HTML from the database). */
export function SearchPage(props: {
  page: PageContext;
  q: string;
  hits: SearchHit[];
  error?: string | undefined;
}) {
  return (
    <Layout page={props.page} title="Search">
      <h1 class="mb-4 text-2xl font-semibold">Search</h1>
      <search>
        <form method="get" action="/search" class="mb-4 flex gap-2">
          <label for="search-q" class="sr-only">
            Search tasks, goals, notes and outcomes
          </label>
          <input
            id="search-q"
            name="q"
            type="search"
            class="field-input"
            value={props.q}
            data-search
            placeholder="Search tasks, goals, notes and outcomes"
          />
          <button type="submit" class="btn-secondary">
            Search
          </button>
        </form>
      </search>
      {props.error ? <p class="field-error">{props.error}</p> : null}
      {props.q && props.hits.length === 0 && !props.error ? <p>Nothing found for “{props.q}”.</p> : null}
      <ol class="space-y-2" data-testid="search-results">
        {props.hits.map((hit) => (
          <li class="card">
            <a class="link font-medium" href={hit.kind === 'task' ? `/tasks/${hit.id}` : `/day/${hit.date}`}>
              {hit.title}
            </a>
            <span class="ml-2 text-sm text-stone-600 dark:text-stone-400">
              {hit.kind === 'task' ? 'task' : `session · ${hit.date ? formatDay(hit.date) : ''}`}
            </span>
            <p class="text-sm">
              {hit.snippet.map((part) => (part.isMatch ? <mark>{part.text}</mark> : part.text))}
            </p>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
