import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startLocalServer } from './local-server.ts';

// A small GitLab REST API v4 on 127.0.0.1 for the issue import, served under /api/v4 like a
// self-managed instance: /user, /projects (membership), and a project's issues and merge requests
// (listed apart, as GitLab does), addressed by numeric id or URL-encoded path. Issues carry a
// global `id` and a per-project `iid`, which differ here on purpose. Pages follow GitLab's offset
// pagination (`page`, `per_page` up to 100, Link and X-Total headers), answers carry weak ETags and
// a matching If-None-Match gets a 304, a project's turned-off issues or merge requests answer 403,
// and failures come on demand (401, 429 rate limits).

export type FakeGitLabIssue = {
  /** Global across the instance: what an import keys on. */
  id: number;
  /** Per project: the "#3" people see. */
  iid: number;
  title: string;
  state: 'opened' | 'closed';
  labels: string[];
  updatedAt: string;
  description?: string;
};

export type FakeMergeRequest = {
  id: number;
  iid: number;
  title: string;
  state: 'opened' | 'closed' | 'merged';
  description: string;
  updatedAt: string;
};

export type FakeGitLabProject = {
  id: number;
  path: string;
  issues: FakeGitLabIssue[];
  mergeRequests: FakeMergeRequest[];
  /** A project's features can be turned off; their listings then answer 403, as GitLab's do. */
  issuesEnabled: boolean;
  mergeRequestsEnabled: boolean;
};

export type FakeGitLab = {
  /** The API base, as a person would type it for a self-managed instance: http://…/api/v4. */
  baseUrl: string;
  /** Where people browse it: web URLs of issues and merge requests start here. */
  webUrl: string;
  token: string;
  projects: Map<string, FakeGitLabProject>;
  /** Requests for issue and merge request pages so far, with their answer status. */
  pageRequests: { url: string; status: number }[];
  /**
   * Answers given instead of normal service, in order: each to the next request it matches
   * (any request when it has no `when`), once.
   */
  failures: { status: number; headers?: Record<string, string>; when?: (url: URL) => boolean }[];
  addProject(path: string): FakeGitLabProject;
  addIssue(path: string, issue: Partial<FakeGitLabIssue> & { title: string }): FakeGitLabIssue;
  addMergeRequest(
    path: string,
    mergeRequest: Partial<FakeMergeRequest> & { title: string; description: string },
  ): FakeMergeRequest;
  webUrlOf(path: string, kind: 'issues' | 'merge_requests', iid: number): string;
  close(): Promise<void>;
};

export async function startFakeGitLab(token = 'glpat-fake-valid-token'): Promise<FakeGitLab> {
  let nextGlobalId = 70_000;
  let nextProjectId = 400;
  const stamp = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  const fake: FakeGitLab = {
    baseUrl: '',
    webUrl: '',
    token,
    projects: new Map(),
    pageRequests: [],
    failures: [],
    addProject(path) {
      const existing = fake.projects.get(path);
      if (existing) return existing;
      nextProjectId += 1;
      const project: FakeGitLabProject = {
        id: nextProjectId,
        path,
        issues: [],
        mergeRequests: [],
        issuesEnabled: true,
        mergeRequestsEnabled: true,
      };
      fake.projects.set(path, project);
      return project;
    },
    addIssue(path, issue) {
      const project = fake.addProject(path);
      nextGlobalId += 1;
      const iid = project.issues.length + 1;
      const full: FakeGitLabIssue = {
        id: nextGlobalId,
        iid,
        state: 'opened',
        labels: [],
        updatedAt: stamp(iid),
        ...issue,
      };
      project.issues.push(full);
      return full;
    },
    addMergeRequest(path, mergeRequest) {
      const project = fake.addProject(path);
      nextGlobalId += 1;
      const iid = project.mergeRequests.length + 1;
      const full: FakeMergeRequest = {
        id: nextGlobalId,
        iid,
        state: 'opened',
        updatedAt: stamp(10_000 + iid),
        ...mergeRequest,
      };
      project.mergeRequests.push(full);
      return full;
    },
    webUrlOf: (path, kind, iid) => `${fake.webUrl}/${path}/-/${kind}/${iid}`,
    close: () => server.close(),
  };
  const server = await startLocalServer((req, res) => handle(fake, req, res));
  fake.webUrl = server.origin;
  fake.baseUrl = `${fake.webUrl}/api/v4`;
  return fake;
}

/** GitLab takes a personal access token as PRIVATE-TOKEN or as an OAuth-style Bearer header. */
const carriesToken = (fake: FakeGitLab, req: IncomingMessage) =>
  req.headers['private-token'] === fake.token || req.headers.authorization === `Bearer ${fake.token}`;

function handle(fake: FakeGitLab, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', fake.webUrl);
  const failureAt = fake.failures.findIndex((failure) => !failure.when || failure.when(url));
  const failure = failureAt >= 0 ? fake.failures.splice(failureAt, 1)[0] : undefined;
  if (failure) {
    // GitLab's throttle answers in plain text.
    res.writeHead(failure.status, { 'content-type': 'text/plain', ...failure.headers });
    return res.end(failure.status === 429 ? 'Retry later\n' : 'Refused on purpose\n');
  }
  if (!carriesToken(fake, req)) return sendJson(res, 401, { message: '401 Unauthorized' });
  // The raw path: a project path arrives URL-encoded (acme%2Fapi), slashes and all.
  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/api/v4/user')
    return sendJson(res, 200, { id: 7, username: 'lab-person', name: 'Lab Person', state: 'active' });
  if (path === '/api/v4/projects') {
    const projects = [...fake.projects.values()]
      .filter((project) => project.issuesEnabled || url.searchParams.get('with_issues_enabled') !== 'true')
      .map((project) => ({
        id: project.id,
        name: project.path.split('/').at(-1),
        path_with_namespace: project.path,
        web_url: `${fake.webUrl}/${project.path}`,
      }));
    return paged(fake, url, req, res, projects, false);
  }
  const match = /^\/api\/v4\/projects\/([^/]+)\/(issues|merge_requests)$/.exec(path);
  if (!match) return sendJson(res, 404, { error: '404 Not Found' });
  const project = projectOf(fake, decodeURIComponent(match[1]!));
  if (!project) return sendJson(res, 404, { message: '404 Project Not Found' });
  if (!(match[2] === 'issues' ? project.issuesEnabled : project.mergeRequestsEnabled))
    return sendJson(res, 403, { message: '403 Forbidden' });
  const state = url.searchParams.get('state') ?? 'all';
  const updatedAfter = url.searchParams.get('updated_after');
  const listed = (match[2] === 'issues' ? project.issues : project.mergeRequests)
    .filter((item) => state === 'all' || item.state === state)
    .filter((item) => !updatedAfter || item.updatedAt >= updatedAfter)
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.iid - b.iid)
    .map((item) => ({
      id: item.id,
      iid: item.iid,
      project_id: project.id,
      title: item.title,
      description: item.description ?? '',
      state: item.state,
      updated_at: item.updatedAt,
      web_url: fake.webUrlOf(project.path, match[2] as 'issues' | 'merge_requests', item.iid),
      ...('labels' in item ? { labels: item.labels } : { source_branch: `mr-${item.iid}` }),
    }));
  paged(fake, url, req, res, listed, true);
}

/** A project by numeric id or by its full path, as GitLab accepts either. */
function projectOf(fake: FakeGitLab, idOrPath: string): FakeGitLabProject | undefined {
  if (/^\d+$/.test(idOrPath)) return [...fake.projects.values()].find((p) => p.id === Number(idOrPath));
  return fake.projects.get(idOrPath);
}

function paged(
  fake: FakeGitLab,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  all: unknown[],
  recorded: boolean,
) {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 20)));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const body = all.slice((page - 1) * perPage, page * perPage);
  const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`;
  if (req.headers['if-none-match'] === etag) {
    if (recorded) fake.pageRequests.push({ url: url.href, status: 304 });
    res.writeHead(304, { etag });
    return res.end();
  }
  if (recorded) fake.pageRequests.push({ url: url.href, status: 200 });
  const pageUrl = (n: number) => {
    const next = new URL(url);
    next.searchParams.set('page', String(n));
    return next.href;
  };
  const links = [`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(totalPages)}>; rel="last"`];
  if (page < totalPages) links.unshift(`<${pageUrl(page + 1)}>; rel="next"`);
  if (page > 1) links.unshift(`<${pageUrl(page - 1)}>; rel="prev"`);
  sendJson(res, 200, body, {
    etag,
    link: links.join(', '),
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-total': String(all.length),
    'x-total-pages': String(totalPages),
    'x-next-page': page < totalPages ? String(page + 1) : '',
    'ratelimit-limit': '2000',
    'ratelimit-remaining': '1999',
  });
}
