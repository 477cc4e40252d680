import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../../src/db/schema/index.ts';
import type { JobQueue } from '../../../src/jobs/queue.ts';
import type { ApiCaller } from '../../support/api.ts';
import { type FakeGitHub, startFakeGitHub } from '../../support/fakes/github.ts';
import { createTestApp, startTestJobQueue, type TestApp } from '../../support/test-app.ts';
import { newCaller } from '../api/callers.ts';

// The import API end to end: connect through /api/v1/integrations, the real job queue imports
// from the GitHub fake, "Sync now" brings new issues, and the token never comes back out.

const POLL = { timeout: 20_000, interval: 100 };

type Integration = {
  id: string;
  status: string;
  accountLogin: string;
  repositories: string[] | null;
  lastSyncedAt: string | null;
  syncRequestedAt: string | null;
  lastError: string | null;
  waitingUntil: string | null;
  counts: { imported: number; updated: number; skipped: number };
};

let t: TestApp;
let queue: JobQueue;
let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub('ghp_api_test_secret_token');
  t = await createTestApp({ now: new Date('2026-04-06T10:00:00Z') });
  queue = await startTestJobQueue(t);
});
afterAll(async () => {
  await queue?.stop();
  await github?.close();
});

let repoCount = 0;
async function personWithProject() {
  const me = await newCaller(t);
  const response = await me.call('/projects', { method: 'POST', json: { name: 'From GitHub' } });
  const project = (await response.json()) as { id: string };
  repoCount += 1;
  return { me, projectId: project.id, repo: `calm/api-${repoCount}` };
}

async function connect(me: ApiCaller, projectId: string, repo: string): Promise<Integration> {
  const response = await me.call('/integrations', {
    method: 'POST',
    json: {
      provider: 'github',
      token: github.token,
      baseUrl: github.baseUrl,
      repositories: [repo],
      projectId,
    },
  });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  expect(text).not.toContain(github.token);
  return JSON.parse(text) as Integration;
}

async function connectionOf(me: ApiCaller, id: string): Promise<Integration | undefined> {
  const response = await me.call('/integrations');
  const text = await response.text();
  expect(text).not.toContain(github.token);
  return (JSON.parse(text) as { items: Integration[] }).items.find((item) => item.id === id);
}

const taskTitles = async (userId: string) =>
  (await t.deps.db.select().from(tasks).where(eq(tasks.userId, userId)).orderBy(tasks.externalId)).map(
    (task) => task.title,
  );

describe('the integrations API', () => {
  it('connects GitHub, imports in the background, and "Sync now" brings what is new', async () => {
    const { me, projectId, repo } = await personWithProject();
    github.addIssue(repo, { title: 'Crash on save', labels: ['bug'] });
    github.addIssue(repo, { title: 'Dark mode', labels: ['enhancement'] });

    const connection = await connect(me, projectId, repo);
    expect(connection).toMatchObject({ status: 'ok', accountLogin: 'octo-person', repositories: [repo] });
    expect(connection.syncRequestedAt).not.toBeNull();
    await expect.poll(async () => (await connectionOf(me, connection.id))?.lastSyncedAt, POLL).not.toBeNull();
    expect((await connectionOf(me, connection.id))?.counts).toEqual({ imported: 2, updated: 0, skipped: 0 });
    expect(await taskTitles(me.userId)).toEqual(['Crash on save', 'Dark mode']);

    const firstSync = (await connectionOf(me, connection.id))!.lastSyncedAt;
    t.clock.advance(60);
    github.addIssue(repo, { title: 'Export as CSV', updatedAt: '2026-04-06T09:00:00Z' });
    const sync = await me.call(`/integrations/${connection.id}/sync`, { method: 'POST' });
    expect(sync.status).toBe(202);
    await expect
      .poll(async () => (await connectionOf(me, connection.id))?.lastSyncedAt, POLL)
      .not.toBe(firstSync);
    expect(await taskTitles(me.userId)).toEqual(['Crash on save', 'Dark mode', 'Export as CSV']);
  });

  it('refuses a token GitHub does not accept, with the reason on the token field', async () => {
    const { me, projectId, repo } = await personWithProject();
    const response = await me.call('/integrations', {
      method: 'POST',
      json: {
        provider: 'github',
        token: 'ghp_wrong',
        baseUrl: github.baseUrl,
        repositories: [repo],
        projectId,
      },
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: Record<string, string> };
    expect(problem.errors.token).toMatch(/GitHub did not accept this token/);
    expect((await (await me.call('/integrations')).json()) as unknown).toEqual({ items: [] });
  });

  it('says calmly when GitHub refuses the token later, and Sync now then asks to connect again', async () => {
    const { me, projectId, repo } = await personWithProject();
    github.addIssue(repo, { title: 'One issue' });
    const connection = await connect(me, projectId, repo);
    await expect.poll(async () => (await connectionOf(me, connection.id))?.lastSyncedAt, POLL).not.toBeNull();

    github.failures.push({ status: 401 });
    expect((await me.call(`/integrations/${connection.id}/sync`, { method: 'POST' })).status).toBe(202);
    await expect.poll(async () => (await connectionOf(me, connection.id))?.status, POLL).toBe('broken');
    expect((await connectionOf(me, connection.id))?.lastError).toMatch(/no longer accepts the token/);
    const again = await me.call(`/integrations/${connection.id}/sync`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/Connect again/);
  });

  it('shows until when it waits for GitHub’s rate limit', async () => {
    const { me, projectId, repo } = await personWithProject();
    github.addIssue(repo, { title: 'Rate limited' });
    const connection = await connect(me, projectId, repo);
    await expect.poll(async () => (await connectionOf(me, connection.id))?.lastSyncedAt, POLL).not.toBeNull();

    const reset = Math.floor(t.clock.now().getTime() / 1000) + 600;
    github.failures.push({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    });
    expect((await me.call(`/integrations/${connection.id}/sync`, { method: 'POST' })).status).toBe(202);
    await expect.poll(async () => (await connectionOf(me, connection.id))?.status, POLL).toBe('rate_limited');
    expect((await connectionOf(me, connection.id))?.waitingUntil).toBe(new Date(reset * 1000).toISOString());
  });

  it('disconnects: the connection is gone, the imported tasks stay', async () => {
    const { me, projectId, repo } = await personWithProject();
    github.addIssue(repo, { title: 'Stays after disconnect' });
    const connection = await connect(me, projectId, repo);
    await expect.poll(async () => (await connectionOf(me, connection.id))?.lastSyncedAt, POLL).not.toBeNull();
    expect((await me.call(`/integrations/${connection.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await connectionOf(me, connection.id)).toBeUndefined();
    expect(await taskTitles(me.userId)).toEqual(['Stays after disconnect']);
    expect((await me.call(`/integrations/${connection.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});
