import { parseLinkHeader } from '../domain/link-header.ts';
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
 * GitLab's REST API v4 (gitlab.com or a self-managed instance's /api/v4) with a read_api token.
 * Issues carry a global `id` (what we key on) and a per-project `iid` (the "#12" people see);
 * merge requests are listed apart.
 */
export function createGitLabClient(options: ClientOptions): ProviderClient {
  const headers = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
  const listQuery = (since: string | null, extra: Record<string, string>) => {
    const query = new URLSearchParams({
      order_by: 'updated_at',
      sort: 'asc',
      per_page: String(PER_PAGE),
      ...extra,
    });
    if (since) query.set('updated_after', since);
    return query;
  };
  return {
    async whoAmI() {
      const answer = await getJson(options, apiUrl(options.baseUrl, '/user'), headers);
      if (!answer.ok) return answer;
      if (answer.notModified) return { ok: false, kind: 'unexpected', status: 304 };
      return { ok: true, login: asString((answer.body as { username?: unknown }).username) };
    },
    async listRepositories() {
      // Only projects with issues turned on: the others have nothing to import (and answer 403).
      const query = `membership=true&simple=true&with_issues_enabled=true&per_page=${PER_PAGE}`;
      const url = apiUrl(options.baseUrl, `/projects?${query}`);
      const result = await allPages(options, url, headers, (project) =>
        asString(project.path_with_namespace),
      );
      return result.ok ? { ok: true, repositories: result.items.filter(Boolean) } : result;
    },
    issuesUrl(repository, since) {
      const query = listQuery(since, since ? {} : { state: 'opened' });
      return apiUrl(options.baseUrl, `/projects/${encodeURIComponent(repository)}/issues?${query}`);
    },
    pullsUrl(repository, since) {
      const query = listQuery(since, since ? {} : { state: 'opened' });
      return apiUrl(options.baseUrl, `/projects/${encodeURIComponent(repository)}/merge_requests?${query}`);
    },
    async fetchPage(url, repository, etag) {
      const answer = await getJson(options, url, headers, etag);
      const isPulls = new URL(url).pathname.endsWith('/merge_requests');
      // GitLab answers 403 for a project whose issues or merge requests are turned off (or
      // closed to the token's role). Taken as a retryable failure, it stopped every later sync at
      // that project for good: without merge requests there is simply nothing to link, and a
      // project without issues is skipped and named like one that is gone.
      if (!answer.ok && answer.kind === 'unexpected' && answer.status === 403) {
        if (!isPulls) return { ok: false, kind: 'not_found' };
        return { ok: true, notModified: false, items: [], next: null, total: null, etag: null };
      }
      if (!answer.ok || answer.notModified) return answer;
      const items = Array.isArray(answer.body) ? answer.body : [];
      const total = Number(answer.headers.get('x-total'));
      return {
        ok: true,
        notModified: false,
        items: items.map((item: Record<string, unknown>) => toItem(item, repository, isPulls)),
        next: nextPageOf(options, parseLinkHeader(answer.headers.get('link'))),
        total: Number.isInteger(total) && total > 0 ? total : null,
        etag: answer.headers.get('etag'),
      };
    },
  };
}

function toItem(item: Record<string, unknown>, repository: string, isPull: boolean): RemoteItem {
  const common = {
    repository,
    number: asNumber(item.iid),
    url: asString(item.web_url),
    title: asString(item.title),
    updatedAt: asString(item.updated_at),
  };
  if (isPull) return { kind: 'pull', ...common, body: asString(item.description) };
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
