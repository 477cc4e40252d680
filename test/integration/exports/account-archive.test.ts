import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { focusSessions, insights, projects } from '../../../src/db/schema/index.ts';
import { openAccountArchive } from '../../../src/services/exports/account-archive.ts';
import { collectBytes } from '../../../src/services/exports/encode.ts';
import { type ApiCaller, apiCaller } from '../../support/api.ts';
import { apiCallerFor, signedInPerson } from '../../support/exports.ts';
import type { TestBrowser } from '../../support/http-client.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
});

/** A person's history built through the API: a project, tasks, sessions with text, an interruption, a link. */
async function history(me: ApiCaller) {
  const post = async (path: string, json?: unknown, method = 'POST') => {
    const response = await me.call(path, { method, ...(json === undefined ? {} : { json }) });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return response.status === 204 ? null : ((await response.json()) as { id: string });
  };
  const project = await post('/projects', { name: 'Sync engine, "v2"', color: 'indigo' });
  const task = await post('/tasks', {
    title: 'Conflict resolution',
    projectId: project!.id,
    type: 'research',
  });
  const other = await post('/tasks', { title: '=SUM(A1) inbox', priority: 'high' });
  const day = (await (await me.call('/days/today')).json()) as { sessions: { id: string }[] };
  const [first, second, , admin] = day.sessions.map((s) => s.id);
  await post(`/sessions/${first}`, { goal: 'Draft the "merge" note', notes: 'Grüße 🌱\nline two' }, 'PATCH');
  await post(`/sessions/${first}/tasks/${task!.id}`, { role: 'main' }, 'PUT');
  await post(`/sessions/${first}/tasks/${other!.id}`, { role: 'supporting' }, 'PUT');
  await post(`/sessions/${first}/start`);
  t.clock.advance(20 * 60);
  await post('/context-switches', {
    sessionId: first,
    reason: 'colleague',
    note: 'Quick question',
    toTaskId: other!.id,
  });
  t.clock.advance(25 * 60);
  await post(`/sessions/${first}/complete`);
  await post(`/sessions/${first}/outcome`, { outcome: 'progressed', note: 'Half way' }, 'PUT');
  await post(`/sessions/${second}/skip`, { reason: 'Meetings all afternoon' });
  await post('/resources', { url: 'https://example.com/design', taskId: task!.id, title: 'Design doc' });
  await post(`/sessions/${admin}`, { goal: 'Inbox' }, 'PATCH');
}

/** What a person sees of their data through the API, without ids that an import renews. */
async function seen(me: ApiCaller) {
  const json = async (path: string) => (await (await me.call(path)).json()) as Record<string, unknown>;
  const strip = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value).replace(
        /"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/g,
        '"id"',
      ),
    );
  const sessions = (await (await me.call('/exports/sessions?format=json')).json()) as unknown[];
  return strip({
    sessions,
    projects: (await json('/projects?status=all')).items,
    // Tasks made in the same instant are ordered by id, which an import renews.
    tasks: ((await json('/tasks?status=todo,doing,done,dropped')).items as { title: string }[]).sort((a, b) =>
      a.title.localeCompare(b.title),
    ),
    switches: (await json('/context-switches')).items,
    resources: (await json('/resources')).items,
    preferences: await json('/me/preferences'),
  });
}

async function upload(browser: TestBrowser, text: string, name = 'archive.json'): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', browser.csrfToken);
  form.set('archive', new File([text], name, { type: 'application/json' }));
  return browser.request('/account/import', {
    method: 'POST',
    body: form,
    headers: { origin: browser.origin, 'sec-fetch-site': 'same-origin' },
  });
}

describe('the account archive', () => {
  it('carries everything a person owns into a fresh account, where the API shows the same data', async () => {
    const me = await apiCaller(t, { timeZone: 'Europe/Berlin' });
    await history(me);
    await t.deps.db.insert(insights).values({
      userId: me.userId,
      rule: 'documentation',
      periodKey: '2026-04-06',
      severity: 'notice',
      title: 'Dismissed one',
      message: 'm',
      recommendation: 'r',
      evidence: [],
      computedAt: new Date('2026-04-06T06:00:00Z'),
      dismissedAt: new Date('2026-04-06T06:30:00Z'),
    });
    const response = await me.call('/account/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="deepsheet-account-2026-04-06.json"',
    );
    const text = await response.text();
    const archive = JSON.parse(text) as Record<string, unknown>;
    expect(archive).toMatchObject({
      format: 'deepsheet-archive',
      version: 1,
      exportedAt: t.clock.now().toISOString(),
    });
    expect(text).not.toMatch(/passwordHash|password_hash|tokenHash|\$argon2/);
    expect((archive.sessions as unknown[]).length).toBe(4);

    const fresh = await signedInPerson(t, 'UTC');
    const imported = await upload(fresh.browser, text);
    const page = await imported.text();
    expect(imported.status, page).toBe(200);
    expect(page).toContain('Imported 1 days (4 sessions), 1 projects, 2 tasks, 1 interruptions and 1 links.');

    expect(await seen(await apiCallerFor(t, fresh.actor))).toEqual(await seen(me));
    const dismissed = await t.deps.db.select().from(insights).where(eq(insights.userId, fresh.actor.id));
    expect(dismissed).toEqual([
      expect.objectContaining({ title: 'Dismissed one', dismissedAt: new Date('2026-04-06T06:30:00Z') }),
    ]);
  });

  it('refuses an account already in use with a 409, and stores nothing', async () => {
    const source = await apiCaller(t);
    await history(source);
    const archive = await (await source.call('/account/export')).text();
    const { browser, actor } = await signedInPerson(t);
    await t.deps.db
      .insert(projects)
      .values({ userId: actor.id, name: 'Mine', createdAt: t.clock.now(), updatedAt: t.clock.now() });
    const response = await upload(browser, archive);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('An archive can only be imported into a fresh account.');
    expect(await t.deps.db.select().from(focusSessions).where(eq(focusSessions.userId, actor.id))).toEqual(
      [],
    );
  });

  it('lists the problems of a broken archive and stores nothing', async () => {
    const source = await apiCaller(t);
    await history(source);
    const archive = (await (await source.call('/account/export')).json()) as Record<string, unknown[]>;
    const broken = {
      ...archive,
      sessions: archive.sessions!.slice(1),
      contextSwitches: [{ ...(archive.contextSwitches![0] as object), reason: 'boredom' }],
    };
    const { browser, actor } = await signedInPerson(t);
    const response = await upload(browser, JSON.stringify(broken));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('The archive has problems; nothing was imported.');
    expect(html).toContain('contextSwitches.0.reason');
    expect(
      (await upload(browser, '{"format": "deepsheet-archive", "version": 1, "profile": {}}')).status,
    ).toBe(422);
    const notJson = await upload(browser, 'this is not json');
    expect(notJson.status).toBe(422);
    expect(await notJson.text()).toContain('it is not valid JSON');
    for (const table of [focusSessions, projects])
      expect(await t.deps.db.select().from(table).where(eq(table.userId, actor.id))).toEqual([]);
    const api = await apiCaller(t);
    const viaApi = await api.call('/account/import', { method: 'POST', json: broken });
    expect(viaApi.status).toBe(422);
    expect(((await viaApi.json()) as { errors: Record<string, string> }).errors).toMatchObject({
      'contextSwitches.0.reason': expect.any(String),
    });
  });

  it('refuses an archive over 20 MB before reading it, on the page and in the API', async () => {
    const { browser } = await signedInPerson(t);
    const big = `{"format":"deepsheet-archive","pad":"${'x'.repeat(21 * 1024 * 1024)}"}`;
    const page = await upload(browser, big);
    expect(page.status).toBe(413);
    expect(await page.text()).toContain('larger than 20 MB');
    const api = await apiCaller(t);
    const viaApi = await api.call('/account/import', {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(viaApi.status).toBe(413);
  });

  it('writes the archive section by section as it is read', async () => {
    const me = await apiCaller(t);
    await history(me);
    const file = await openAccountArchive(t.deps, { id: me.userId, email: me.email, isAdmin: false });
    const chunks: string[] = [];
    for await (const chunk of file.chunks) chunks.push(String(chunk));
    expect(chunks.length).toBeGreaterThan(10);
    expect(JSON.parse(chunks.join(''))).toMatchObject({ format: 'deepsheet-archive' });
    expect(
      Buffer.from(
        await collectBytes(
          (await openAccountArchive(t.deps, { id: me.userId, email: me.email, isAdmin: false })).chunks,
        ),
      ).toString(),
    ).toBe(chunks.join(''));
  });
});
