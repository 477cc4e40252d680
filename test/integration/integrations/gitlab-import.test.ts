import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedIssues, integrationConnections, resources, tasks } from '../../../src/db/schema/index.ts';
import type { Actor } from '../../../src/services/deps.ts';
import { connectIntegration } from '../../../src/services/integrations/connect-integration.ts';
import { syncConnection } from '../../../src/services/integrations/sync-connection.ts';
import { createProject } from '../../../src/services/projects/create-project.ts';
import { updateTask } from '../../../src/services/tasks/update-task.ts';
import { createPerson, failure } from '../../support/factories.ts';
import { type FakeGitLab, startFakeGitLab } from '../../support/fakes/gitlab.ts';
import { connectToFake } from '../../support/integrations.ts';
import { createTestApp } from '../../support/test-app.ts';

const t = await createTestApp({ now: new Date('2026-04-06T10:00:00Z') });
let gitlab: FakeGitLab;
beforeAll(async () => {
  gitlab = await startFakeGitLab();
});
afterAll(() => gitlab.close());

let projectCount = 0;
/** A person with a connection to a fresh project of the fake, in a nested group. */
async function connected(issues: number) {
  projectCount += 1;
  const path = `acme/platform/service-${projectCount}`;
  gitlab.addProject(path);
  for (let i = 0; i < issues; i += 1)
    gitlab.addIssue(path, { title: `Issue ${i + 1}`, labels: i % 2 ? ['bug'] : [] });
  return { path, ...(await connectToFake(t, 'gitlab', gitlab, [path])) };
}

const tasksOf = (actor: Actor) =>
  t.deps.db.select().from(tasks).where(eq(tasks.userId, actor.id)).orderBy(tasks.createdAt);
const linksOf = (actor: Actor) => t.deps.db.select().from(resources).where(eq(resources.userId, actor.id));
const connectionRow = async (id: string) =>
  (await t.deps.db.select().from(integrationConnections).where(eq(integrationConnections.id, id)))[0]!;

describe('importing GitLab issues', () => {
  it('imports 130 open issues over two pages: the iid shown, the global id kept, the issue linked', async () => {
    const { actor, path, connection } = await connected(130);
    gitlab.addIssue(path, {
      title: 'Closed before we came',
      state: 'closed',
      updatedAt: '2025-12-31T00:00:00.000Z',
    });
    const started = gitlab.pageRequests.length;
    expect(await syncConnection(t.deps, connection.id)).toBe('done');

    const imported = await tasksOf(actor);
    expect(imported).toHaveLength(130);
    const third = gitlab.projects.get(path)!.issues[2]!;
    expect(third.id).not.toBe(third.iid);
    const task = imported.find((row) => row.title === 'Issue 3')!;
    expect(task).toMatchObject({
      externalId: `${path}#3`,
      externalUrl: `${gitlab.webUrl}/${path}/-/issues/3`,
      type: 'feature',
    });
    expect(imported.find((row) => row.title === 'Issue 4')!.type).toBe('bug');
    const [record] = await t.deps.db.select().from(importedIssues).where(eq(importedIssues.taskId, task.id));
    expect(record).toMatchObject({ externalId: String(third.id), number: 3, repository: path });

    // Two pages of issues, asked for 100 at a time, then the merge requests apart.
    const pages = gitlab.pageRequests.slice(started).map((request) => new URL(request.url));
    expect(pages.map((page) => page.pathname.split('/').at(-1))).toEqual([
      'issues',
      'issues',
      'merge_requests',
    ]);
    expect(pages[0]!.searchParams.get('per_page')).toBe('100');
    expect(pages[1]!.searchParams.get('page')).toBe('2');
    expect(await connectionRow(connection.id)).toMatchObject({
      status: 'ok',
      importedCount: 130,
      progress: null,
      lastError: null,
    });

    // Again, twice: only changes since are asked for, nothing doubles, and at last the unchanged
    // listings cost only 304s.
    const before = gitlab.pageRequests.length;
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    expect(new URL(gitlab.pageRequests[before]!.url).searchParams.get('updated_after')).toBe(
      gitlab.projects.get(path)!.issues[129]!.updatedAt,
    );
    const last = gitlab.pageRequests.length;
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    expect(await tasksOf(actor)).toHaveLength(130);
    expect(gitlab.pageRequests.slice(last).map((request) => request.status)).toEqual([304, 304]);
  });

  it('never makes a task of a merge request; it is linked to the issues it closes', async () => {
    const { actor, path, connection } = await connected(3);
    const other = `acme/web-${projectCount}`;
    gitlab.addIssue(other, { title: 'Over in the other project' });
    gitlab.addMergeRequest(path, { title: 'Fix the login', description: 'Closes #3' });
    gitlab.addMergeRequest(path, {
      title: 'Shared widget',
      description: `Related to #1 and ${other}#1, see ${gitlab.webUrlOf(path, 'issues', 2)}`,
    });
    gitlab.addMergeRequest(path, { title: 'Tidy up', description: 'No issue here.' });
    // The other project is imported too, so its issue has a task to link to.
    const second = await connectIntegration(t.deps, actor, {
      provider: 'gitlab',
      token: gitlab.token,
      baseUrl: gitlab.baseUrl,
      repositories: [other],
      projectId: connection.projectId!,
    });
    expect(await syncConnection(t.deps, second.id)).toBe('done');
    expect(await syncConnection(t.deps, connection.id)).toBe('done');

    const all = await tasksOf(actor);
    expect(all.map((task) => task.title).sort()).toEqual([
      'Issue 1',
      'Issue 2',
      'Issue 3',
      'Over in the other project',
    ]);
    const taskOf = (title: string) => all.find((task) => task.title === title)!.id;
    const links = await linksOf(actor);
    const linked = (title: string) =>
      links
        .filter((link) => link.taskId === taskOf(title))
        .map((link) => ({ url: link.url, title: link.title, kind: link.kind }));
    const mr = (iid: number) => gitlab.webUrlOf(path, 'merge_requests', iid);
    expect(linked('Issue 3')).toEqual([{ url: mr(1), title: 'Fix the login', kind: 'pull_request' }]);
    for (const title of ['Issue 1', 'Issue 2', 'Over in the other project'])
      expect(linked(title)).toEqual([{ url: mr(2), title: 'Shared widget', kind: 'pull_request' }]);
    expect(links).toHaveLength(4);
    expect(await connectionRow(connection.id)).toMatchObject({ importedCount: 3, skippedCount: 3 });

    // A merge request merged later and edited to close another issue: linked on the next sync.
    t.clock.advance(60_000);
    const first = gitlab.projects.get(path)!.mergeRequests[0]!;
    Object.assign(first, {
      state: 'merged',
      description: 'Closes #3, closes #2',
      updatedAt: '2026-04-06T10:01:00.000Z',
    });
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    expect(linked('Issue 2')).toHaveLength(1);
    const relinked = (await linksOf(actor)).filter((link) => link.url === mr(1));
    expect(relinked.map((link) => link.taskId).sort()).toEqual([taskOf('Issue 2'), taskOf('Issue 3')].sort());
    expect(await tasksOf(actor)).toHaveLength(4);
  });

  it('re-syncs without harm: the person’s title and move stay; only an untouched closed issue is done', async () => {
    const { actor, path, connection } = await connected(3);
    await syncConnection(t.deps, connection.id);
    const byIid = async (iid: number) =>
      (await tasksOf(actor)).find((task) => task.externalId === `${path}#${iid}`)!;
    const elsewhere = await createProject(t.deps, actor, { name: 'Elsewhere' });
    await updateTask(t.deps, actor, (await byIid(1)).id, { title: 'In my own words' });
    await updateTask(t.deps, actor, (await byIid(2)).id, { projectId: elsewhere.id });
    t.clock.advance(3600_000);
    for (const issue of gitlab.projects.get(path)!.issues) {
      issue.state = 'closed';
      issue.title = `${issue.title} (renamed)`;
      issue.labels = ['chore'];
      issue.updatedAt = '2026-04-06T11:00:00.000Z';
    }
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    expect(await byIid(1)).toMatchObject({ title: 'In my own words', status: 'todo', type: 'chore' });
    expect(await byIid(2)).toMatchObject({ title: 'Issue 2', status: 'todo', projectId: elsewhere.id });
    expect(await byIid(3)).toMatchObject({ title: 'Issue 3 (renamed)', status: 'done', type: 'chore' });
    expect(await tasksOf(actor)).toHaveLength(3);
  });

  it('imports every project the token can see when asked for all', async () => {
    const own = await startFakeGitLab('glpat-all-projects');
    try {
      own.addIssue('team-a/alpha', { title: 'Alpha issue' });
      own.addIssue('team-b/deep/beta', { title: 'Beta issue' });
      own.addProject('team-b/code-only').issuesEnabled = false;
      const { actor, connection } = await connectToFake(t, 'gitlab', own, 'all');
      expect(connection.accountLogin).toBe('lab-person');
      expect(await syncConnection(t.deps, connection.id)).toBe('done');
      expect((await tasksOf(actor)).map((task) => task.externalId).sort()).toEqual([
        'team-a/alpha#1',
        'team-b/deep/beta#1',
      ]);
      // A project without issues is not listed, so nothing is said about it.
      expect(await connectionRow(connection.id)).toMatchObject({ status: 'ok', lastError: null });
    } finally {
      await own.close();
    }
  });

  it('marks the connection broken, calmly, when GitLab no longer accepts the token', async () => {
    const { connection } = await connected(1);
    gitlab.failures.push({ status: 401 });
    expect(await syncConnection(t.deps, connection.id)).toBe('broken');
    expect(await connectionRow(connection.id)).toMatchObject({
      status: 'broken',
      lastError: 'GitLab no longer accepts the token. Connect again with a new token to carry on.',
    });
    expect(await syncConnection(t.deps, connection.id)).toBe('skipped');
  });

  it('skips a project that is gone, names it, and imports the others', async () => {
    const { path } = await connected(2);
    const { actor, connection } = await connectToFake(t, 'gitlab', gitlab, ['acme/deleted-long-ago', path]);
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    expect(await connectionRow(connection.id)).toMatchObject({
      status: 'ok',
      lastError: 'Skipped: acme/deleted-long-ago was not found.',
    });
    expect(await tasksOf(actor)).toHaveLength(2);
  });

  it('imports a project with merge requests turned off, and skips and names one with issues turned off', async () => {
    const { path } = await connected(2);
    gitlab.projects.get(path)!.mergeRequestsEnabled = false;
    const codeOnly = `acme/code-only-${projectCount}`;
    gitlab.addIssue(codeOnly, { title: 'From before issues were turned off' });
    gitlab.projects.get(codeOnly)!.issuesEnabled = false;
    const { actor, connection } = await connectToFake(t, 'gitlab', gitlab, [path, codeOnly]);
    for (let run = 0; run < 2; run += 1) {
      expect(await syncConnection(t.deps, connection.id)).toBe('done');
      expect(await connectionRow(connection.id)).toMatchObject({
        status: 'ok',
        lastError: `Skipped: ${codeOnly} was not found.`,
      });
    }
    expect((await tasksOf(actor)).map((task) => task.title).sort()).toEqual(['Issue 1', 'Issue 2']);
  });

  it('parks the connection on a 429 until GitLab’s Retry-After, then resumes without duplicates', async () => {
    const { actor, connection } = await connected(150);
    const reset = Math.floor(t.clock.now().getTime() / 1000) + 90;
    gitlab.failures.push({
      status: 429,
      headers: { 'retry-after': '90', 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) },
      when: (url) => url.searchParams.get('page') === '2',
    });
    expect(await syncConnection(t.deps, connection.id)).toBe('waiting');
    const waiting = await connectionRow(connection.id);
    expect(waiting).toMatchObject({
      status: 'rate_limited',
      lastError: expect.stringMatching(/^GitLab asked/),
    });
    expect(waiting.waitingUntil!.getTime()).toBe(t.clock.now().getTime() + 90_000);
    expect(await tasksOf(actor)).toHaveLength(100);
    expect(await syncConnection(t.deps, connection.id)).toBe('waiting');
    t.clock.advance(91_000);
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    const all = await tasksOf(actor);
    expect(all).toHaveLength(150);
    expect(new Set(all.map((task) => task.externalId)).size).toBe(150);
    expect(await connectionRow(connection.id)).toMatchObject({ status: 'ok', waitingUntil: null });
  });

  it('waits until RateLimit-Reset when a 429 carries no Retry-After', async () => {
    const { connection } = await connected(1);
    const reset = Math.floor(t.clock.now().getTime() / 1000) + 600;
    gitlab.failures.push({
      status: 429,
      headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) },
    });
    expect(await syncConnection(t.deps, connection.id)).toBe('waiting');
    expect((await connectionRow(connection.id)).waitingUntil!.getTime()).toBe(reset * 1000);
  });

  it('refuses a token GitLab does not accept, and stores nothing', async () => {
    const actor = await createPerson(t);
    const project = await createProject(t.deps, actor, { name: 'Imported' });
    const error = await failure(
      connectIntegration(t.deps, actor, {
        provider: 'gitlab',
        token: 'glpat-wrong',
        baseUrl: gitlab.baseUrl,
        repositories: 'all',
        projectId: project.id,
      }),
    );
    expect(error).toMatchObject({
      code: 'validation',
      fields: { token: expect.stringMatching(/^GitLab did not accept this token/) },
    });
    const rows = await t.deps.db
      .select()
      .from(integrationConnections)
      .where(eq(integrationConnections.userId, actor.id));
    expect(rows).toHaveLength(0);
  });
});
