import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationConnections, resources, tasks } from '../../../src/db/schema/index.ts';
import type { Actor } from '../../../src/services/deps.ts';
import { connectIntegration } from '../../../src/services/integrations/connect-integration.ts';
import { RetryableSyncError, syncConnection } from '../../../src/services/integrations/sync-connection.ts';
import { createProject } from '../../../src/services/projects/create-project.ts';
import { updateTask } from '../../../src/services/tasks/update-task.ts';
import { createPerson, failure } from '../../support/factories.ts';
import { type FakeGitHub, startFakeGitHub } from '../../support/fakes/github.ts';
import { connectToFake } from '../../support/integrations.ts';
import { createTestApp } from '../../support/test-app.ts';

const t = await createTestApp({ now: new Date('2026-04-06T10:00:00Z') });
let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(() => github.close());

let repoCount = 0;
/** A person with a project and a connection to a fresh repository of the fake. */
async function connected(issues: number, pulls = 0) {
  repoCount += 1;
  const repo = `acme/repo-${repoCount}`;
  for (let i = 0; i < issues; i += 1)
    github.addIssue(repo, { title: `Issue ${i + 1}`, labels: i % 2 ? ['bug'] : [] });
  for (let i = 0; i < pulls; i += 1)
    github.addIssue(repo, { title: `PR ${i + 1}`, body: `Fixes #${i + 1}`, isPull: true });
  return { repo, ...(await connectToFake(t, 'github', github, [repo])) };
}

const tasksOf = (actor: Actor) =>
  t.deps.db.select().from(tasks).where(eq(tasks.userId, actor.id)).orderBy(tasks.externalId);
const connectionRow = async (id: string) =>
  (await t.deps.db.select().from(integrationConnections).where(eq(integrationConnections.id, id)))[0]!;

describe('importing GitHub issues', () => {
  it('imports 250 issues with pull requests among them: no task for a PR, each PR linked to its issue', async () => {
    const { actor, repo, connection } = await connected(250, 30);
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    const imported = await tasksOf(actor);
    expect(imported).toHaveLength(250);
    expect(imported.some((task) => task.title.startsWith('PR '))).toBe(false);
    const first = imported.find((task) => task.externalId === `${repo}#1`)!;
    expect(first).toMatchObject({
      title: 'Issue 1',
      type: 'feature',
      externalUrl: `https://github.com/${repo}/issues/1`,
    });
    expect(imported.find((task) => task.externalId === `${repo}#2`)!.type).toBe('bug');
    const links = await t.deps.db.select().from(resources).where(eq(resources.userId, actor.id));
    expect(links).toHaveLength(30);
    expect(links.find((link) => link.taskId === first.id)).toMatchObject({
      url: `https://github.com/${repo}/pull/251`,
      kind: 'pull_request',
    });
    expect(await connectionRow(connection.id)).toMatchObject({
      status: 'ok',
      importedCount: 250,
      progress: null,
    });

    // Again, twice: nothing doubles, and the unchanged listing costs a 304.
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    expect(await tasksOf(actor)).toHaveLength(250);
    expect(await t.deps.db.select().from(resources).where(eq(resources.userId, actor.id))).toHaveLength(30);
    expect(github.pageRequests.at(-1)!.status).toBe(304);
  });

  it('re-syncs without harm: the person’s edits, types and moves stay; only an untouched closed issue is done', async () => {
    const { actor, repo, connection } = await connected(4);
    await syncConnection(t.deps, connection.id);
    const byNumber = async (n: number) =>
      (await tasksOf(actor)).find((task) => task.externalId === `${repo}#${n}`)!;
    const elsewhere = await createProject(t.deps, actor, { name: 'Elsewhere' });
    await updateTask(t.deps, actor, (await byNumber(1)).id, { title: 'My own words' });
    await updateTask(t.deps, actor, (await byNumber(2)).id, { type: 'research' });
    await updateTask(t.deps, actor, (await byNumber(3)).id, { projectId: elsewhere.id });
    t.clock.advance(3600_000);
    for (const issue of github.repos.get(repo)!) {
      issue.state = 'closed';
      issue.title = `${issue.title} (renamed)`;
      issue.labels = ['chore'];
      issue.updatedAt = '2026-04-06T11:00:00.000Z';
    }
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    expect(await byNumber(1)).toMatchObject({ title: 'My own words', status: 'todo', type: 'chore' });
    expect(await byNumber(2)).toMatchObject({ title: 'Issue 2 (renamed)', status: 'todo', type: 'research' });
    expect(await byNumber(3)).toMatchObject({ title: 'Issue 3', status: 'todo', projectId: elsewhere.id });
    expect(await byNumber(4)).toMatchObject({ title: 'Issue 4 (renamed)', status: 'done', type: 'chore' });
    expect(await tasksOf(actor)).toHaveLength(4);
  });

  it('resumes a sync killed after a page without duplicates', async () => {
    const { actor, connection } = await connected(250);
    github.dropPagesAfter = github.pageRequests.length + 1;
    await expect(syncConnection(t.deps, connection.id)).rejects.toBeInstanceOf(RetryableSyncError);
    github.dropPagesAfter = null;
    expect(await tasksOf(actor)).toHaveLength(100);
    const stopped = await connectionRow(connection.id);
    expect(stopped).toMatchObject({ status: 'failing', progress: { seen: 100, total: 300 } });
    expect(stopped.lastError).toMatch(/Could not reach GitHub/);
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    const all = await tasksOf(actor);
    expect(all).toHaveLength(250);
    expect(new Set(all.map((task) => task.externalId)).size).toBe(250);
  });

  it('marks the connection broken when GitHub no longer accepts the token', async () => {
    const { connection } = await connected(1);
    github.failures.push({ status: 401 });
    expect(await syncConnection(t.deps, connection.id)).toBe('broken');
    expect(await connectionRow(connection.id)).toMatchObject({
      status: 'broken',
      lastError: expect.stringMatching(/no longer accepts the token/),
    });
    expect(await syncConnection(t.deps, connection.id)).toBe('skipped');
  });

  it('waits for a secondary rate limit until its Retry-After, then carries on', async () => {
    const { actor, connection } = await connected(2);
    github.failures.push({ status: 403, headers: { 'retry-after': '120' } });
    expect(await syncConnection(t.deps, connection.id)).toBe('waiting');
    const waiting = await connectionRow(connection.id);
    expect(waiting.status).toBe('rate_limited');
    expect(waiting.waitingUntil!.getTime()).toBe(t.clock.now().getTime() + 120_000);
    expect(await syncConnection(t.deps, connection.id)).toBe('waiting');
    t.clock.advance(121_000);
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    expect(await tasksOf(actor)).toHaveLength(2);
  });

  it('skips a repository that is gone and says so', async () => {
    const { connection } = await connectToFake(t, 'github', github, ['acme/deleted-long-ago']);
    expect(await syncConnection(t.deps, connection.id)).toBe('done');
    expect((await connectionRow(connection.id)).lastError).toMatch(/acme\/deleted-long-ago was not found/);
  });

  it('refuses a token GitHub does not accept, and stores nothing', async () => {
    const actor = await createPerson(t);
    const project = await createProject(t.deps, actor, { name: 'Imported' });
    const error = await failure(
      connectIntegration(t.deps, actor, {
        provider: 'github',
        token: 'ghp_wrong',
        baseUrl: github.baseUrl,
        repositories: 'all',
        projectId: project.id,
      }),
    );
    expect(error).toMatchObject({
      code: 'validation',
      fields: { token: expect.stringMatching(/did not accept/) },
    });
    const rows = await t.deps.db
      .select()
      .from(integrationConnections)
      .where(and(eq(integrationConnections.userId, actor.id)));
    expect(rows).toHaveLength(0);
  });

  it('seals the token at rest', async () => {
    const { connection } = await connected(0);
    const row = await connectionRow(connection.id);
    expect(row.sealedToken).not.toContain(github.token);
    expect(row.sealedToken).toMatch(/^v1\./);
  });

  it('never sends the token to another host a page link points to', async () => {
    const elsewhere = await startFakeGitHub('ghp_elsewhere');
    try {
      const { actor, connection } = await connected(150);
      github.linkOrigin = elsewhere.baseUrl;
      expect(await syncConnection(t.deps, connection.id)).toBe('done');
      expect(elsewhere.authorizations).toEqual([]);
      expect(await tasksOf(actor)).toHaveLength(100);
    } finally {
      github.linkOrigin = null;
      await elsewhere.close();
    }
  });
});
