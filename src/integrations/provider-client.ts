import { parseLinkHeader } from '../domain/link-header.ts';
import { rateLimitedUntil } from '../domain/provider-limits.ts';

// What the import needs of an issue tracker, whichever it is. Every call answers one typed
// result instead of throwing, so the sync decides calmly what each failure means.

export type RemoteIssue = {
  kind: 'issue';
  externalId: string;
  repository: string;
  number: number;
  url: string;
  title: string;
  state: 'open' | 'closed';
  labels: string[];
  updatedAt: string;
};
export type RemotePull = {
  kind: 'pull';
  repository: string;
  number: number;
  url: string;
  title: string;
  body: string;
  updatedAt: string;
};
export type RemoteItem = RemoteIssue | RemotePull;

export type ProviderFailure =
  | { ok: false; kind: 'rate_limited'; until: Date }
  | { ok: false; kind: 'unauthorized' }
  | { ok: false; kind: 'not_found' }
  | { ok: false; kind: 'network'; message: string }
  | { ok: false; kind: 'unexpected'; status: number };

export type ItemPage =
  | { ok: true; notModified: true }
  | {
      ok: true;
      notModified: false;
      items: RemoteItem[];
      next: string | null;
      /** About how many items the whole listing holds, when the answer tells. */
      total: number | null;
      etag: string | null;
    };

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export type ClientOptions = {
  baseUrl: string;
  token: string;
  /** Injected so a caller can route requests through a guard (and tests through a local fake). */
  fetch?: FetchFn;
  now: () => Date;
};

export interface ProviderClient {
  /** Whose token this is: their login, checked when connecting. */
  whoAmI(): Promise<{ ok: true; login: string } | ProviderFailure>;
  /** Every repository (project) the token can see, all pages. */
  listRepositories(): Promise<{ ok: true; repositories: string[] } | ProviderFailure>;
  /** The first page of a repository's issues: open ones at first, then every change since. */
  issuesUrl(repository: string, since: string | null): string;
  /** The first page of its merge requests, for trackers that list them apart (GitLab); else null. */
  pullsUrl(repository: string, since: string | null): string | null;
  fetchPage(url: string, repository: string, etag: string | undefined): Promise<ItemPage | ProviderFailure>;
}

export const PER_PAGE = 100;
const TIMEOUT_MS = 30_000;

export type JsonAnswer =
  | { ok: true; notModified: true }
  | { ok: true; notModified: false; body: unknown; headers: Headers };

/** One GET with the token, the stored ETag and a timeout, its failure mapped to a ProviderFailure. */
export async function getJson(
  options: ClientOptions,
  url: string,
  headers: Record<string, string>,
  etag?: string,
): Promise<JsonAnswer | ProviderFailure> {
  // The token goes only to the API it was given for, whatever a Link header says.
  if (!isOnBase(options.baseUrl, url)) return { ok: false, kind: 'unexpected', status: 0 };
  const fetchFn = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchFn(url, {
      headers: { ...headers, 'user-agent': 'Deepsheet', ...(etag ? { 'if-none-match': etag } : {}) },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, kind: 'network', message: (error as Error).message };
  }
  if (response.status === 304) return { ok: true, notModified: true };
  if (response.ok) {
    try {
      return { ok: true, notModified: false, body: await response.json(), headers: response.headers };
    } catch (error) {
      return { ok: false, kind: 'network', message: (error as Error).message };
    }
  }
  await response.body?.cancel();
  const until = rateLimitedUntil(response.status, response.headers, options.now());
  if (until) return { ok: false, kind: 'rate_limited', until };
  if (response.status === 401) return { ok: false, kind: 'unauthorized' };
  if (response.status === 404 || response.status === 410) return { ok: false, kind: 'not_found' };
  if (response.status >= 500) return { ok: false, kind: 'network', message: `HTTP ${response.status}` };
  return { ok: false, kind: 'unexpected', status: response.status };
}

/** Whether a URL lies on the API's own origin (a page link elsewhere is not followed). */
export function isOnBase(baseUrl: string, url: string): boolean {
  try {
    return new URL(url).origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}

/** The `rel="next"` page of an answer, when it is on the API's own origin; else none. */
export function nextPageOf(options: ClientOptions, links: { next?: string }): string | null {
  return links.next && isOnBase(options.baseUrl, links.next) ? links.next : null;
}

/** The API base without a trailing slash, joined with a path. */
export const apiUrl = (baseUrl: string, path: string) => `${baseUrl.replace(/\/+$/, '')}${path}`;

export const asString = (value: unknown): string => (typeof value === 'string' ? value : '');
export const asNumber = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** Every item of a paged listing, following `Link: rel="next"` (a few thousand at most). */
export async function allPages<T>(
  options: ClientOptions,
  firstUrl: string,
  headers: Record<string, string>,
  map: (item: Record<string, unknown>) => T,
): Promise<{ ok: true; items: T[] } | ProviderFailure> {
  const items: T[] = [];
  let url: string | null = firstUrl;
  for (let pages = 0; url && pages < 100; pages += 1) {
    const answer = await getJson(options, url, headers);
    if (!answer.ok) return answer;
    if (answer.notModified) break;
    if (Array.isArray(answer.body)) items.push(...(answer.body as Record<string, unknown>[]).map(map));
    url = nextPageOf(options, parseLinkHeader(answer.headers.get('link')));
  }
  return { ok: true, items };
}
