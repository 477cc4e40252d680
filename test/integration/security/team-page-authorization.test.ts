import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/services/api-tokens.ts';
import { userIdOf } from '../../support/api.ts';
import { TestBrowser } from '../../support/http-client.ts';
import { createTestApp, uniqueEmail } from '../../support/test-app.ts';

// The role dimension of authorization for pages: every page route of a team (read from the app's
// route table; one without a row fails) and every page on a team's project or task, submitted by
// each kind of signed-in person with their own cookie and CSRF token. Anyone outside the team
// (in no team, or in another one) gets 404; a role without the right gets 403 and changes nothing.

const START = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: START });

const PEOPLE = ['owner', 'admin', 'member', 'viewer', 'outsider', 'stranger'] as const;
type Person = (typeof PEOPLE)[number];

type World = {
  browsers: Record<Person, TestBrowser>;
  ids: Record<Person, string>;
  teamId: string;
  /** A viewer to act on, a pending invitation, the team's project and the member's task in it. */
  targetId: string;
  invitationId: string;
  projectId: string;
  taskId: string;
  /** The owner's API, to read the state the pages must not change when they refuse. */
  api: (method: string, path: string, json?: unknown) => Promise<Record<string, unknown>>;
};

type Row = {
  path: (w: World) => string;
  form?: (w: World) => Record<string, string>;
  expect: Record<Person, number>;
};

const IN_TEAM = (ok: number) => ({
  owner: ok,
  admin: ok,
  member: ok,
  viewer: ok,
  outsider: 404,
  stranger: 404,
});
const OWNER_ONLY = (ok: number) => ({ ...IN_TEAM(403), owner: ok });
const MANAGERS = (ok: number) => ({ ...IN_TEAM(403), owner: ok, admin: ok });
const WRITERS = (ok: number) => ({ ...IN_TEAM(ok), viewer: 403 });

/** Rows by route; team routes must all be here, the work routes are those a team's work uses. */
const rows: Record<string, Row> = {
  'GET /teams/:id': { path: (w) => `/teams/${w.teamId}`, expect: IN_TEAM(200) },
  'POST /teams/:id/rename': {
    path: (w) => `/teams/${w.teamId}/rename`,
    form: () => ({ name: 'Renamed' }),
    expect: OWNER_ONLY(303),
  },
  'POST /teams/:id/delete': {
    path: (w) => `/teams/${w.teamId}/delete`,
    form: () => ({ projects: 'move' }),
    expect: OWNER_ONLY(303),
  },
  'POST /teams/:id/members/:userId/role': {
    path: (w) => `/teams/${w.teamId}/members/${w.targetId}/role`,
    form: () => ({ role: 'member' }),
    expect: MANAGERS(303),
  },
  'POST /teams/:id/members/:userId/remove': {
    path: (w) => `/teams/${w.teamId}/members/${w.targetId}/remove`,
    form: () => ({}),
    expect: MANAGERS(303),
  },
  'POST /teams/:id/focus': {
    path: (w) => `/teams/${w.teamId}/focus`,
    form: () => ({ sharesFocus: 'on' }),
    expect: IN_TEAM(303),
  },
  // The only owner may not leave: that is the rule, not a lack of rights.
  'POST /teams/:id/leave': {
    path: (w) => `/teams/${w.teamId}/leave`,
    form: () => ({}),
    expect: { ...IN_TEAM(303), owner: 409 },
  },
  'POST /teams/:id/transfer': {
    path: (w) => `/teams/${w.teamId}/transfer`,
    form: (w) => ({ userId: w.targetId }),
    expect: OWNER_ONLY(303),
  },
  'POST /teams/:id/invitations': {
    path: (w) => `/teams/${w.teamId}/invitations`,
    form: () => ({ email: '', role: 'viewer' }),
    expect: MANAGERS(200),
  },
  'POST /teams/:id/invitations/:invitationId/revoke': {
    path: (w) => `/teams/${w.teamId}/invitations/${w.invitationId}/revoke`,
    form: () => ({}),
    expect: MANAGERS(303),
  },
  'GET /teams/:id/focus': { path: (w) => `/teams/${w.teamId}/focus`, expect: IN_TEAM(200) },
  'GET /teams/:id/focus/board': { path: (w) => `/teams/${w.teamId}/focus/board`, expect: IN_TEAM(200) },
  'GET /teams/:id/report': { path: (w) => `/teams/${w.teamId}/report`, expect: IN_TEAM(200) },
  'GET /teams/:id/:file{report\\.(?:csv|json|pdf)}': {
    path: (w) => `/teams/${w.teamId}/report.csv`,
    expect: IN_TEAM(200),
  },
  'GET /projects/:id': { path: (w) => `/projects/${w.projectId}`, expect: IN_TEAM(200) },
  'POST /projects/:id': {
    path: (w) => `/projects/${w.projectId}`,
    form: () => ({ name: 'Renamed project' }),
    expect: MANAGERS(303),
  },
  'POST /projects/:id/delete': {
    path: (w) => `/projects/${w.projectId}/delete`,
    form: () => ({}),
    expect: MANAGERS(303),
  },
  'POST /projects': {
    path: () => '/projects',
    form: (w) => ({ name: 'Another team project', teamId: w.teamId }),
    expect: MANAGERS(303),
  },
  'GET /tasks/:id': { path: (w) => `/tasks/${w.taskId}`, expect: IN_TEAM(200) },
  'POST /tasks/:id': {
    path: (w) => `/tasks/${w.taskId}`,
    form: () => ({ title: 'Edited' }),
    expect: WRITERS(303),
  },
  'POST /tasks/:id/delete': {
    path: (w) => `/tasks/${w.taskId}/delete`,
    form: () => ({}),
    expect: WRITERS(303),
  },
  'POST /tasks/:id/plan': { path: (w) => `/tasks/${w.taskId}/plan`, form: () => ({}), expect: WRITERS(303) },
  'POST /resources': {
    path: () => '/resources',
    form: (w) => ({ url: 'https://example.com/spec', taskId: w.taskId }),
    expect: WRITERS(303),
  },
};

async function signedIn(): Promise<{ browser: TestBrowser; id: string }> {
  const browser = new TestBrowser(t.app);
  const email = uniqueEmail('team-pages');
  await browser.signUp(email);
  return { browser, id: await userIdOf(t, email) };
}

async function worldOf(): Promise<World> {
  t.clock.set(START);
  const people = {} as Record<Person | 'target', { browser: TestBrowser; id: string }>;
  for (const name of [...PEOPLE, 'target'] as const) people[name] = await signedIn();
  const owner = people.owner;
  const { secret } = await createApiToken(
    t.deps,
    { id: owner.id, email: 'owner', isAdmin: false },
    { name: 'state', scopes: ['read', 'write'] },
  );
  const api = async (method: string, path: string, json?: unknown) => {
    const response = await t.app.request(`http://localhost/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secret}`,
        'x-test-client-ip': owner.browser.ip,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const teamId = (await api('POST', '/teams', { name: 'Platform' })).id as string;
  const join = async (person: TestBrowser, role: string) => {
    const { token } = (await api('POST', `/teams/${teamId}/invitations`, { role })) as { token: string };
    expect((await person.submit(`/invitations/${token}/accept`, {})).status).toBe(303);
  };
  await join(people.admin.browser, 'admin');
  await join(people.member.browser, 'member');
  await join(people.viewer.browser, 'viewer');
  await join(people.target.browser, 'viewer');
  // The stranger is in a team too, just not this one.
  expect((await people.stranger.browser.submit('/teams', { name: 'Elsewhere' })).status).toBe(303);
  const invitationId = (await api('POST', `/teams/${teamId}/invitations`, { role: 'member' })).id as string;
  const projectId = (await api('POST', '/projects', { name: 'Checkout', teamId })).id as string;
  const made = await people.member.browser.submit('/tasks/quick-add', { text: 'Fix the cart #checkout' });
  expect(made.status).toBe(303);
  const list = await (await people.member.browser.get(`/projects/${projectId}`)).text();
  const taskId = /href="\/tasks\/([0-9a-f-]{36})"/.exec(list)![1]!;
  const browsers = Object.fromEntries(PEOPLE.map((p) => [p, people[p].browser])) as World['browsers'];
  const ids = Object.fromEntries(PEOPLE.map((p) => [p, people[p].id])) as World['ids'];
  return { browsers, ids, teamId, targetId: people.target.id, invitationId, projectId, taskId, api };
}

/** The team and its work as its owner reads them through the API. */
async function stateOf(w: World): Promise<unknown> {
  const state: Record<string, unknown> = {};
  for (const path of [
    `/teams/${w.teamId}`,
    `/teams/${w.teamId}/members`,
    `/teams/${w.teamId}/invitations`,
    `/projects?teamId=${w.teamId}`,
    `/tasks?teamId=${w.teamId}&status=todo,doing,done,dropped`,
    `/tasks/${w.taskId}`,
  ])
    state[path] = await w.api('GET', path);
  return state;
}

async function send(w: World, person: Person, row: Row): Promise<Response> {
  const browser = w.browsers[person];
  return row.form ? browser.submit(row.path(w), row.form(w)) : browser.get(row.path(w));
}

it('has a row for every team page route the app serves', () => {
  const teamRoutes = t.app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/teams/:id'))
    .map((r) => `${r.method} ${r.path}`);
  expect(teamRoutes.length).toBeGreaterThan(8);
  for (const route of new Set(teamRoutes)) expect(Object.keys(rows), route).toContain(route);
});

describe.each(Object.entries(rows))('%s', (_key, row) => {
  let shared: World | undefined;
  it.each(PEOPLE)('answers %s as the table says, and a refusal changes nothing', async (person) => {
    // Reads share a world; each write gets its own, so one person's change cannot spoil the next.
    if (!row.form) shared ??= await worldOf();
    const w = row.form || !shared ? await worldOf() : shared;
    const before = await stateOf(w);
    const response = await send(w, person, row);
    const body = await response.text();
    expect(response.status, body.slice(0, 300)).toBe(row.expect[person]);
    if (row.expect[person] >= 400) expect(await stateOf(w)).toEqual(before);
    // Nothing tells someone outside that the team or its work exists.
    if (row.expect[person] === 404) expect(body).not.toMatch(/Platform|Checkout|Fix the cart/);
  });
});
