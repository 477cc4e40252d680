import { pageNumberOf, parseLinkHeader } from '../domain/link-header.ts';
import {
  allPages,
  apiUrl,
  asNumber,
  asString,
  type ClientOptions,
  getJson,
  nextPageOf,
  PER_PAGE,
  type ProviderClient,
  type RemoteItem,
} from './provider-client.ts';

/**
 * GitHub's REST API (github.com or GitHub Enterprise's /api/v3) with a personal access token.
 * Its issue listings hold pull requests too (the items with a `pull_request` key).
 */
export function createGitHubClient(options: ClientOptions): ProviderClient {
  const headers = {
    authorization: `Bearer ${options.token}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
  };
  return {
    async whoAmI() {
      const answer = await getJson(options, apiUrl(options.baseUrl, '/user'), headers);
      if (!answer.ok) return answer;
      if (answer.notModified) return { ok: false, kind: 'unexpected', status: 304 };
      return { ok: true, login: asString((answer.body as { login?: unknown }).login) };
    },
    async listRepositories() {
      const url = apiUrl(options.baseUrl, `/user/repos?per_page=${PER_PAGE}&sort=full_name`);
      const result = await allPages(options, url, headers, (repo) => asString(repo.full_name));
      return result.ok ? { ok: true, repositories: result.items.filter(Boolean) } : result;
    },
    issuesUrl(repository, since) {
      const query = new URLSearchParams({
        state: since ? 'all' : 'open',
        sort: 'updated',
        direction: 'asc',
        per_page: String(PER_PAGE),
      });
      if (since) query.set('since', since);
      return apiUrl(options.baseUrl, `/repos/${repositoryPath(repository)}/issues?${query}`);
    },
    pullsUrl: () => null,
    async fetchPage(url, repository, etag) {
      const answer = await getJson(options, url, headers, etag);
      if (!answer.ok || answer.notModified) return answer;
      const links = parseLinkHeader(answer.headers.get('link'));
      const items = Array.isArray(answer.body) ? answer.body : [];
      const lastPage = pageNumberOf(links.last);
      return {
        ok: true,
        notModified: false,
        items: items.map((item: Record<string, unknown>) => toItem(item, repository)),
        next: nextPageOf(options, links),
        total: lastPage ? lastPage * PER_PAGE : null,
        etag: answer.headers.get('etag'),
      };
    },
  };
}

const repositoryPath = (repository: string) => repository.split('/').map(encodeURIComponent).join('/');

function toItem(item: Record<string, unknown>, repository: string): RemoteItem {
  const common = {
    repository,
    number: asNumber(item.number),
    url: asString(item.html_url),
    title: asString(item.title),
    updatedAt: asString(item.updated_at),
  };
  if (item.pull_request) return { kind: 'pull', ...common, body: asString(item.body) };
  const labels = Array.isArray(item.labels) ? item.labels : [];
  return {
    kind: 'issue',
    ...common,
    externalId: String(asNumber(item.id)),
    state: item.state === 'closed' ? 'closed' : 'open',
    labels: labels.map((label: unknown) =>
      typeof label === 'string' ? label : asString((label as { name?: unknown })?.name),
    ),
  };
}
