import { beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import { getSession } from '../../../src/services/change-session.ts';
import type { Actor } from '../../../src/services/deps.ts';
import { addResource } from '../../../src/services/resources/add-resource.ts';
import { deleteResource } from '../../../src/services/resources/delete-resource.ts';
import { listResources } from '../../../src/services/resources/list-resources.ts';
import { createTask } from '../../../src/services/tasks/create-task.ts';
import { deleteTask } from '../../../src/services/tasks/delete-task.ts';
import { createPerson, failure } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T09:00:00Z') });
});

const person = (): Promise<Actor> => createPerson(t, { emailPrefix: 'links' });

describe('resources', () => {
  it('guesses kind and title from the URL, unless given', async () => {
    const me = await person();
    const task = await createTask(t.deps, me, { title: 'Review' });
    const pr = await addResource(t.deps, me, {
      url: ' https://github.com/acme/web/pull/42 ',
      taskId: task.id,
    });
    expect(pr).toMatchObject({
      kind: 'pull_request',
      title: 'acme/web#42',
      taskId: task.id,
      sessionId: null,
    });
    expect(pr.url).toBe('https://github.com/acme/web/pull/42');
    const named = await addResource(t.deps, me, {
      url: 'https://example.com/spec',
      title: 'The spec',
      kind: 'doc',
      taskId: task.id,
    });
    expect(named).toMatchObject({ kind: 'doc', title: 'The spec' });
  });

  it('attaches a link to a session of an untouched day, storing the day and telling devices', async () => {
    const me = await person();
    const id = sessionIdFor(me.id, '2026-04-08', 3);
    const link = await addResource(t.deps, me, { url: 'https://www.figma.com/file/abc', sessionId: id });
    expect(link).toMatchObject({ kind: 'design', title: 'Figma file', sessionId: id, taskId: null });
    const { session } = await getSession(t.deps, me, id);
    expect(session).toMatchObject({ isStored: true, version: 1 });
    await deleteResource(t.deps, me, link.id);
    expect((await getSession(t.deps, me, id)).session.version).toBe(2);
  });

  it.each([
    [{ url: 'javascript:alert(1)', taskId: 'T' }, 'url'],
    [{ url: 'not a link', taskId: 'T' }, 'url'],
    [{ url: `https://example.com/${'x'.repeat(2000)}`, taskId: 'T' }, 'url'],
    [{ url: 'https://example.com' }, 'taskId'],
    [{ url: 'https://example.com', taskId: 'T', sessionId: 'S' }, 'taskId'],
    [{ url: 'https://example.com', taskId: 'T', kind: 'video' }, 'kind'],
    [{ url: 'https://example.com', taskId: 'T', title: 'a\nb' }, 'title'],
  ])('refuses %j', async (input, field) => {
    const me = await person();
    const task = await createTask(t.deps, me, { title: 'Task' });
    const resolved = JSON.parse(
      JSON.stringify(input)
        .replace('"T"', JSON.stringify(task.id))
        .replace('"S"', JSON.stringify(sessionIdFor(me.id, '2026-04-06', 1))),
    );
    const error = await failure(addResource(t.deps, me, resolved));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields ?? {})).toContain(field);
    expect((await listResources(t.deps, me, {})).items).toEqual([]);
  });

  it("refuses another person's task, session or link and changes nothing", async () => {
    const [me, other] = [await person(), await person()];
    const theirTask = await createTask(t.deps, other, { title: 'Theirs' });
    const theirSession = sessionIdFor(other.id, '2026-04-06', 1);
    const theirLink = await addResource(t.deps, other, {
      url: 'https://example.com/a',
      taskId: theirTask.id,
    });
    for (const input of [
      { url: 'https://example.com/b', taskId: theirTask.id },
      { url: 'https://example.com/b', sessionId: theirSession },
    ]) {
      expect((await failure(addResource(t.deps, me, input))).code).toBe('not_found');
    }
    expect((await failure(deleteResource(t.deps, me, theirLink.id))).code).toBe('not_found');
    expect((await listResources(t.deps, me, { taskId: theirTask.id })).items).toEqual([]);
    expect((await listResources(t.deps, me, { sessionId: theirSession })).items).toEqual([]);
    expect((await listResources(t.deps, other, {})).items.map((r) => r.id)).toEqual([theirLink.id]);
    expect((await getSession(t.deps, other, theirSession)).session.isStored).toBe(false);
  });

  it('disappears with its task', async () => {
    const me = await person();
    const task = await createTask(t.deps, me, { title: 'Temporary' });
    await addResource(t.deps, me, { url: 'https://example.com', taskId: task.id });
    await deleteTask(t.deps, me, task.id);
    expect((await listResources(t.deps, me, {})).items).toEqual([]);
  });

  it('filters by task, session, kind and text, and pages through every link in both orders', async () => {
    const me = await person();
    const task = await createTask(t.deps, me, { title: 'Task' });
    const session = sessionIdFor(me.id, '2026-04-06', 2);
    const urls = [
      'https://github.com/acme/web/pull/1',
      'https://github.com/acme/web/issues/2',
      'https://docs.google.com/document/d/x',
      'https://example.com/notes',
      'https://acme.atlassian.net/browse/WEB-7',
    ];
    for (const [i, url] of urls.entries()) {
      if (i % 2 === 0) t.clock.advance(1);
      await addResource(t.deps, me, { url, ...(i < 3 ? { taskId: task.id } : { sessionId: session }) });
    }
    const titles = async (query: Parameters<typeof listResources>[2]) =>
      (await listResources(t.deps, me, { limit: 100, ...query })).items.map((r) => r.title).sort();
    expect(await titles({ taskId: task.id })).toEqual(['Google Docs document', 'acme/web#1', 'acme/web#2']);
    expect(await titles({ sessionId: session })).toEqual(['WEB-7', 'example.com/notes']);
    expect(await titles({ kind: 'issue' })).toEqual(['WEB-7', 'acme/web#2']);
    expect(await titles({ q: 'EXAMPLE' })).toEqual(['example.com/notes']);
    expect(await titles({ q: 'atlassian' })).toEqual(['WEB-7']);
    expect((await failure(listResources(t.deps, me, { taskId: 'task' }))).code).toBe('validation');

    for (const order of ['newest', 'oldest'] as const) {
      const all = (await listResources(t.deps, me, { order, limit: 100 })).items.map((r) => r.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listResources(t.deps, me, { order, limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(5);
    }
  });
});
