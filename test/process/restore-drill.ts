/**
 * The restore drill's two halves: fill a running server with everything a person keeps in
 * Deepsheet, through the API and a signed-in browser; then read it all back through the API, the
 * same way on the original and on the restored server, so the two readings can be compared.
 */
import pg from 'pg';
import { expect } from 'vitest';
import { HttpBrowser, runCli, STRONG_PASSWORD } from './support.ts';

/**
 * Later on the day the drill fills: both servers read at this instant (CLOCK=manual). The same
 * day, so that reading does not create a new day's sessions on one server and not the other.
 */
export const DRILL_NOW = '2026-04-07T12:00:00.000Z';

export type Person = { email: string; token: string; browser: HttpBrowser; sessionIds: string[] };

export async function setClock(baseUrl: string, now: string): Promise<void> {
  const response = await fetch(`${baseUrl}/__test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now }),
  });
  expect(response.status).toBe(200);
}

async function advance(baseUrl: string, seconds: number): Promise<void> {
  const response = await fetch(`${baseUrl}/__test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(response.status).toBe(200);
}

export function api(baseUrl: string, token: string) {
  return async (path: string, init: { method?: string; json?: unknown } = {}) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, text };
  };
}

/** Creates a person with the command line (handed to the server when it holds the data). */
async function createPerson(baseUrl: string, env: Record<string, string>, email: string): Promise<Person> {
  const created = await runCli(['user', 'create', '--email', email, '--password', STRONG_PASSWORD], env);
  expect(created.code, created.stderr).toBe(0);
  const token = await runCli(
    ['token', 'create', '--email', email, '--name', 'drill', '--scope', 'write'],
    env,
  );
  expect(token.code, token.stderr).toBe(0);
  const browser = new HttpBrowser(baseUrl);
  expect((await browser.logIn(email, STRONG_PASSWORD)).status).toBe(303);
  return { email, token: token.stdout.trim(), browser, sessionIds: [] };
}

/**
 * Two people, each with a planned and partly worked day: goals and notes, a paused session with
 * an interruption, a completed one with an outcome, a skipped one; projects, tasks linked to
 * sessions, resources, a second token, and a signed-in browser.
 */
export async function populate(baseUrl: string, env: Record<string, string>): Promise<Person[]> {
  await setClock(baseUrl, '2026-04-07T07:00:00.000Z');
  const people: Person[] = [];
  for (const [index, email] of ['drill-one@example.com', 'drill-two@example.com'].entries()) {
    const person = await createPerson(baseUrl, env, email);
    const call = api(baseUrl, person.token);
    const ok = async (path: string, init: { method?: string; json?: unknown }, status = 200) => {
      const answer = await call(path, init);
      expect(answer.status, `${init.method} ${path}: ${answer.text}`).toBe(status);
      return answer.body as { id: string };
    };
    const day = (await call('/days/today')).body as { sessions: { id: string }[] };
    person.sessionIds = day.sessions.map((s) => s.id);
    const [first, second, third] = person.sessionIds as [string, string, string];
    const project = await ok(
      '/projects',
      { method: 'POST', json: { name: `Project ${index}`, color: 'indigo' } },
      201,
    );
    const task = await ok(
      '/tasks',
      {
        method: 'POST',
        json: { title: `Fix the login bug ${index}`, type: 'bug', priority: 'high', projectId: project.id },
      },
      201,
    );
    await ok('/tasks', { method: 'POST', json: { title: 'Write the release notes' } }, 201);
    await ok(
      '/tasks/quick-add',
      { method: 'POST', json: { text: 'Plan the offsite #Newproject !low' } },
      201,
    );
    await ok(
      '/resources',
      { method: 'POST', json: { url: 'https://github.com/acme/app/pull/8', taskId: task.id } },
      201,
    );
    await ok(`/sessions/${first}`, {
      method: 'PATCH',
      json: { goal: `Draft the report ${index}`, version: 0 },
    });
    await ok(`/sessions/${first}`, { method: 'PATCH', json: { notes: 'Outline first', notesRevision: 0 } });
    await ok(`/sessions/${first}/tasks/${task.id}`, { method: 'PUT', json: { role: 'main' } });
    await ok(`/sessions/${second}`, { method: 'PATCH', json: { goal: 'Review pull requests', version: 0 } });
    await ok(`/sessions/${second}/start`, { method: 'POST' });
    await advance(baseUrl, 45 * 60);
    await ok(`/sessions/${second}/complete`, { method: 'POST' });
    await ok(`/sessions/${second}/outcome`, {
      method: 'PUT',
      json: { outcome: 'progressed', note: 'Half of it' },
    });
    await ok(`/sessions/${first}/start`, { method: 'POST' });
    await advance(baseUrl, 10 * 60);
    await ok(
      '/context-switches',
      { method: 'POST', json: { sessionId: first, reason: 'colleague', note: 'A question', pause: true } },
      201,
    );
    await ok(`/sessions/${third}/skip`, { method: 'POST', json: { reason: 'Meetings all afternoon' } });
    await ok('/tokens', { method: 'POST', json: { name: 'phone widget', scopes: ['read'] } }, 201);
    people.push(person);
  }
  return people;
}

/** Fields that say when (or for which request) the answer was made, not what is stored. */
const MOMENT_FIELDS = new Set([
  'serverTime',
  'lastUsedAt',
  'lastSeenAt',
  'exportedAt',
  'generatedAt',
  'requestId',
]);

function withoutMoments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMoments);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !MOMENT_FIELDS.has(key))
        .map(([key, v]) => [key, withoutMoments(v)]),
    );
  return value;
}

type OpenApiPaths = Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;

/**
 * Every GET of the API a person can read, from the server's own OpenAPI document: lists,
 * summaries, days, and each session, task and project by id. Left out: the event stream and the
 * request log (each reading adds to it).
 */
export async function readEverything(baseUrl: string, person: Person): Promise<Record<string, unknown>> {
  await setClock(baseUrl, DRILL_NOW);
  const call = api(baseUrl, person.token);
  const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as { paths: OpenApiPaths };
  const tasks = (await call('/tasks?limit=100')).body as { items: { id: string }[] };
  const projects = (await call('/projects?limit=100')).body as { items: { id: string }[] };
  const ids: Record<string, string[]> = {
    '/sessions/{id}': person.sessionIds,
    '/sessions/{id}/tasks': person.sessionIds,
    '/tasks/{id}': tasks.items.map((t) => t.id),
    '/projects/{id}': projects.items.map((p) => p.id),
    '/days/{date}': ['today', '2026-04-07'],
  };
  const paths: string[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    if (
      !item.get ||
      template === '/events' ||
      template === '/me/api-requests' ||
      template === '/openapi.json'
    )
      continue;
    if (!template.includes('{')) paths.push(template);
    else for (const value of ids[template] ?? []) paths.push(template.replace(/\{[^}]+\}/, value));
  }
  const extra = ['/summaries/week?date=2026-04-07', '/summaries/month?date=2026-04-07', '/search?q=login'];
  const reading: Record<string, unknown> = {};
  for (const path of [...paths, ...extra]) {
    const answer = await call(path);
    reading[path] = { status: answer.status, body: withoutMoments(answer.body) };
  }
  expect(Object.keys(reading).length).toBeGreaterThan(20);
  return reading;
}

/**
 * The restore drill's verdict: every person reads the same through the API on the restored copy as
 * on the original, and their browser's sign-in came along.
 */
export async function expectSameOnBoth(
  originalUrl: string,
  copyUrl: string,
  people: Person[],
): Promise<void> {
  for (const person of people) {
    const before = await readEverything(originalUrl, person);
    const after = await readEverything(copyUrl, person);
    expect(after).toEqual(before);
    person.browser.moveTo(copyUrl);
    expect((await person.browser.get('/')).status).toBe(200);
  }
}

/** Runs one statement on the PostgreSQL server's maintenance database. */
export async function onPostgres(adminUrl: string, statement: string): Promise<void> {
  const url = new URL(adminUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
