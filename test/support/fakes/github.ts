import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startLocalServer } from './local-server.ts';

// A small GitHub REST API on 127.0.0.1 for the issue import: /user, /user/repos and a
// repository's issues (pull requests among them), paged with Link headers, with ETags and 304s,
// and failures on demand (401, 404, secondary rate limits, dropped connections).

export type FakeIssue = {
  id: number;
  number: number;
  title: string;
  state: 'open' | 'closed';
  labels: string[];
  updatedAt: string;
  body?: string;
  isPull?: boolean;
};

export type FakeGitHub = {
  baseUrl: string;
  token: string;
  repos: Map<string, FakeIssue[]>;
  /** Requests for issue pages so far, with their answer status. */
  pageRequests: { url: string; status: number }[];
  /** The next answers to any request, in order (then normal service). */
  failures: { status: number; headers?: Record<string, string> }[];
  /** Destroys the connection of every issue-page request after this many have been answered. */
  dropPagesAfter: number | null;
  /** The account the token belongs to (GET /user). */
  login: string;
  /** Every request's Authorization header, in order (what reached this server). */
  authorizations: string[];
  /** When set, page links point to this origin instead (a hostile or misconfigured server). */
  linkOrigin: string | null;
  addIssue(repo: string, issue: Partial<FakeIssue> & { title: string }): FakeIssue;
  close(): Promise<void>;
};

export async function startFakeGitHub(token = 'ghp_fake_valid_token'): Promise<FakeGitHub> {
  const fake: FakeGitHub = {
    baseUrl: '',
    token,
    repos: new Map(),
    pageRequests: [],
    failures: [],
    dropPagesAfter: null,
    linkOrigin: null,
    authorizations: [],
    login: 'octo-person',
    addIssue(repo, issue) {
      const list = fake.repos.get(repo) ?? [];
      fake.repos.set(repo, list);
      const number = list.length + 1;
      const full: FakeIssue = {
        id: 1_000_000 + Math.floor(Math.random() * 1e9),
        number,
        state: 'open',
        labels: [],
        updatedAt: new Date(Date.UTC(2026, 0, 1) + number * 60_000).toISOString(),
        ...issue,
      };
      list.push(full);
      return full;
    },
    close: () => server.close(),
  };
  const server = await startLocalServer((req, res) => handle(fake, req, res));
  fake.baseUrl = server.origin;
  return fake;
}

function handle(fake: FakeGitHub, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', fake.baseUrl);
  fake.authorizations.push(req.headers.authorization ?? '');
  const failure = fake.failures.shift();
  if (failure) return sendJson(res, failure.status, { message: 'refused on purpose' }, failure.headers);
  if (req.headers.authorization !== `Bearer ${fake.token}`)
    return sendJson(res, 401, { message: 'Bad credentials' });
  if (url.pathname === '/user') return sendJson(res, 200, { login: fake.login, id: 1 });
  if (url.pathname === '/user/repos')
    return sendJson(
      res,
      200,
      [...fake.repos.keys()].map((full_name) => ({ full_name })),
    );
  const match = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(url.pathname);
  if (!match) return sendJson(res, 404, { message: 'Not Found' });
  const repo = `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`;
  const issues = fake.repos.get(repo);
  if (!issues) return sendJson(res, 404, { message: 'Not Found' });
  if (fake.dropPagesAfter !== null && fake.pageRequests.length >= fake.dropPagesAfter) {
    req.socket.destroy();
    return;
  }
  issuesPage(fake, repo, issues, url, req, res);
}

function issuesPage(
  fake: FakeGitHub,
  repo: string,
  issues: FakeIssue[],
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const state = url.searchParams.get('state') ?? 'open';
  const since = url.searchParams.get('since');
  const perPage = Number(url.searchParams.get('per_page') ?? 30);
  const page = Number(url.searchParams.get('page') ?? 1);
  const matching = issues
    .filter((i) => state === 'all' || i.state === state)
    .filter((i) => !since || i.updatedAt >= since)
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.number - b.number);
  const lastPage = Math.max(1, Math.ceil(matching.length / perPage));
  const body = matching.slice((page - 1) * perPage, page * perPage).map((i) => ({
    id: i.id,
    number: i.number,
    title: i.title,
    state: i.state,
    body: i.body ?? '',
    labels: i.labels.map((name) => ({ name })),
    updated_at: i.updatedAt,
    html_url: `https://github.com/${repo}/${i.isPull ? 'pull' : 'issues'}/${i.number}`,
    ...(i.isPull ? { pull_request: { url: 'https://api.github.com/x' } } : {}),
  }));
  const etag = `"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`;
  if (req.headers['if-none-match'] === etag) {
    fake.pageRequests.push({ url: url.href, status: 304 });
    res.writeHead(304, { etag });
    return res.end();
  }
  fake.pageRequests.push({ url: url.href, status: 200 });
  const pageUrl = (n: number) => {
    const next = new URL(url);
    if (fake.linkOrigin) {
      const elsewhere = new URL(fake.linkOrigin);
      next.protocol = elsewhere.protocol;
      next.host = elsewhere.host;
    }
    next.searchParams.set('page', String(n));
    return next.href;
  };
  const links = [`<${pageUrl(lastPage)}>; rel="last"`];
  if (page < lastPage) links.unshift(`<${pageUrl(page + 1)}>; rel="next"`);
  sendJson(res, 200, body, { etag, link: links.join(', '), 'x-ratelimit-remaining': '4999' });
}
