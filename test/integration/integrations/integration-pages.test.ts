import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationConnections, tasks } from '../../../src/db/schema/index.ts';
import { syncConnection } from '../../../src/services/integrations/sync-connection.ts';
import { createProject } from '../../../src/services/projects/create-project.ts';
import { userIdOf } from '../../support/api.ts';
import { type FakeGitHub, startFakeGitHub } from '../../support/fakes/github.ts';
import { TestBrowser } from '../../support/http-client.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../../support/test-app.ts';

// Settings › GitHub and GitLab, as a person uses it: connect, watch the import, sync, disconnect.

// Monday 6 April 2026, 12:00 in Berlin (UTC+2), the people's time zone.
const NOON = new Date('2026-04-06T10:00:00Z');
let t: TestApp;
let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub('ghp_page_test_secret_token');
  t = await createTestApp({ now: NOON });
});
afterAll(() => github?.close());

let repoCount = 0;
async function personWithProject() {
  const browser = new TestBrowser(t.app);
  const email = uniqueEmail('imports');
  await browser.signUp(email);
  const actor = { id: await userIdOf(t, email), email, isAdmin: false };
  const project = await createProject(t.deps, actor, { name: 'Product' });
  repoCount += 1;
  return { browser, actor, project, repo: `calm/page-${repoCount}` };
}

async function connectOnPage(browser: TestBrowser, projectId: string, repositories: string) {
  await browser.get('/settings/integrations');
  return browser.submit('/settings/integrations', {
    provider: 'github',
    token: github.token,
    baseUrl: github.baseUrl,
    repositories,
    projectId,
  });
}

const connectionsOf = (userId: string) =>
  t.deps.db.select().from(integrationConnections).where(eq(integrationConnections.userId, userId));
const page = async (browser: TestBrowser) => (await browser.get('/settings/integrations')).text();

describe('Settings › GitHub and GitLab', () => {
  it('is linked from settings and asks for a project first when there is none', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail('imports'));
    expect(await (await browser.get('/settings')).text()).toContain('href="/settings/integrations"');
    const html = await page(browser);
    expect(html).toContain('Make a project');
    expect(html).not.toContain('name="token"');
  });

  it('connects, shows the import as it goes and when it is done, never the token', async () => {
    const { browser, actor, project, repo } = await personWithProject();
    for (let i = 1; i <= 150; i += 1) github.addIssue(repo, { title: `Issue ${i}` });

    const connected = await connectOnPage(browser, project.id, repo);
    expect(connected.status).toBe(303);
    expect(connected.headers.get('location')).toBe('/settings/integrations?saved=connected');
    let html = await (await browser.get('/settings/integrations?saved=connected')).text();
    expect(html).toContain('GitHub as octo-person');
    expect(html).toContain('The first import has started');
    expect(html).toContain('A sync is on its way.');
    expect(html).toContain(`hx-get="/settings/integrations/`);
    expect(html).not.toContain(github.token);

    // The sync stops after its first page (the connection drops): the line says how far it got,
    // counting "about" from the Link header's last page (GitHub gives no total).
    const [connection] = await connectionsOf(actor.id);
    github.dropPagesAfter = github.pageRequests.length + 1;
    await syncConnection(t.deps, connection!.id).catch(() => undefined);
    github.dropPagesAfter = null;
    const status = await browser.get(`/settings/integrations/${connection!.id}/status`);
    const fragment = await status.text();
    expect(fragment, fragment).toContain(`Importing ${repo}: 100 of about 200 issues read so far.`);
    expect(fragment).toContain('hx-trigger="every 2s"');
    expect(fragment).not.toContain('<html');

    expect(await syncConnection(t.deps, connection!.id)).toBe('done');
    html = await page(browser);
    expect(html).toContain('Last synced 12:00: 150 imported, 0 updated, 0 skipped.');
    expect(html).not.toContain('hx-trigger="every 2s"');
    const imported = await t.deps.db.select().from(tasks).where(eq(tasks.userId, actor.id));
    expect(imported).toHaveLength(150);
    expect(imported.every((task) => task.projectId === project.id)).toBe(true);
  });

  it('keeps what was typed (but the token) when GitHub refuses the token', async () => {
    const { browser, project, repo } = await personWithProject();
    await browser.get('/settings/integrations');
    const refused = await browser.submit('/settings/integrations', {
      provider: 'github',
      token: 'ghp_not_accepted',
      baseUrl: github.baseUrl,
      repositories: repo,
      projectId: project.id,
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('GitHub did not accept this token');
    expect(html).toContain(`value="${repo}"`);
    expect(html).not.toContain('ghp_not_accepted');
  });

  it('names a malformed repository on its field, and a project that is not theirs', async () => {
    const { browser, project } = await personWithProject();
    const bad = await connectOnPage(browser, project.id, 'calm/ok no-slash');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Write a repository as owner/name');
    const other = await personWithProject();
    const foreign = await connectOnPage(browser, other.project.id, 'calm/ok');
    expect(foreign.status).toBe(422);
    expect(await foreign.text()).toContain('Choose one of your projects.');
  });

  it('says until when it waits for the rate limit, on the person’s clock', async () => {
    const { browser, actor, project, repo } = await personWithProject();
    await connectOnPage(browser, project.id, repo);
    await t.deps.db
      .update(integrationConnections)
      .set({ status: 'rate_limited', waitingUntil: new Date('2026-04-06T10:42:00Z') })
      .where(eq(integrationConnections.userId, actor.id));
    expect(await page(browser)).toContain(
      'Waiting for GitHub’s rate limit until 12:42; the sync carries on by itself.',
    );
  });

  it('syncs now, asks to connect again when the token was refused, and disconnects', async () => {
    const { browser, actor, project, repo } = await personWithProject();
    github.addIssue(repo, { title: 'Only issue' });
    await connectOnPage(browser, project.id, repo);
    const [connection] = await connectionsOf(actor.id);
    await syncConnection(t.deps, connection!.id);

    const synced = await browser.submit(`/settings/integrations/${connection!.id}/sync`, {});
    expect(synced.headers.get('location')).toBe('/settings/integrations?saved=sync');

    github.failures.push({ status: 401 });
    t.clock.advance(60);
    expect(await syncConnection(t.deps, connection!.id)).toBe('broken');
    let html = await page(browser);
    expect(html).toContain('GitHub no longer accepts the token. Connect again with a new token.');
    expect(html).not.toContain('Sync now');
    const refused = await browser.submit(`/settings/integrations/${connection!.id}/sync`, {});
    expect(refused.status).toBe(409);

    const gone = await browser.submit(`/settings/integrations/${connection!.id}/delete`, {});
    expect(gone.headers.get('location')).toBe('/settings/integrations?saved=deleted');
    html = await (await browser.get('/settings/integrations?saved=deleted')).text();
    expect(html).toContain('The imported tasks stay yours.');
    expect(html).not.toContain('GitHub as octo-person');
    expect(await connectionsOf(actor.id)).toHaveLength(0);
    expect(await t.deps.db.select().from(tasks).where(eq(tasks.userId, actor.id))).toHaveLength(1);
  });
});
