import { beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import { changeSession } from '../../../src/services/change-session.ts';
import type { Actor } from '../../../src/services/deps.ts';
import { createProject } from '../../../src/services/projects/create-project.ts';
import { addResource } from '../../../src/services/resources/add-resource.ts';
import { linkTaskToSession } from '../../../src/services/session-tasks.ts';
import { createTask } from '../../../src/services/tasks/create-task.ts';
import { deleteTask } from '../../../src/services/tasks/delete-task.ts';
import { getTask } from '../../../src/services/tasks/get-task.ts';
import { listTasks, type TaskListQuery } from '../../../src/services/tasks/list-tasks.ts';
import { updateTask } from '../../../src/services/tasks/update-task.ts';
import { createPerson, failure } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T09:00:00Z') });
});

const person = (): Promise<Actor> => createPerson(t, { emailPrefix: 'tasks' });

async function titles(actor: Actor, query: TaskListQuery): Promise<string[]> {
  return (await listTasks(t.deps, actor, { limit: 100, ...query })).items.map((i) => i.title);
}

describe('tasks', () => {
  it('creates a task with defaults and changes only the fields given', async () => {
    const me = await person();
    const task = await createTask(t.deps, me, { title: '  Fix login redirect ' });
    expect(task).toMatchObject({
      title: 'Fix login redirect',
      description: '',
      type: 'feature',
      priority: 'normal',
      status: 'todo',
      projectId: null,
      estimateSessions: null,
      dueDate: null,
      externalUrl: null,
      externalId: null,
    });
    const web = await createProject(t.deps, me, { name: 'Web' });
    const updated = await updateTask(t.deps, me, task.id, {
      projectId: web.id,
      type: 'bug',
      dueDate: '2026-04-10',
      estimateSessions: 2,
      externalUrl: 'https://github.com/acme/web/issues/7',
      externalId: 'acme/web#7',
    });
    expect(updated).toMatchObject({
      title: 'Fix login redirect',
      projectId: web.id,
      type: 'bug',
      dueDate: '2026-04-10',
    });
    expect((await updateTask(t.deps, me, task.id, { projectId: null, dueDate: null })).projectId).toBeNull();
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ title: '   ' }, 'title'],
    [{ title: 'x'.repeat(256) }, 'title'],
    [{ title: 'one\ntwo' }, 'title'],
    [{ title: 'T', description: 'x'.repeat(10_001) }, 'description'],
    [{ title: 'T', type: 'epic' }, 'type'],
    [{ title: 'T', priority: 'critical' }, 'priority'],
    [{ title: 'T', status: 'blocked' }, 'status'],
    [{ title: 'T', projectId: 'web' }, 'projectId'],
    [{ title: 'T', estimateSessions: 0 }, 'estimateSessions'],
    [{ title: 'T', estimateSessions: 101 }, 'estimateSessions'],
    [{ title: 'T', estimateSessions: 1.5 }, 'estimateSessions'],
    [{ title: 'T', dueDate: '2026-02-30' }, 'dueDate'],
    [{ title: 'T', externalUrl: 'javascript:alert(1)' }, 'externalUrl'],
    [{ title: 'T', externalUrl: `https://example.com/${'x'.repeat(2000)}` }, 'externalUrl'],
    [{ title: 'T', externalId: 'x'.repeat(101) }, 'externalId'],
    [{ title: 'T', userId: 'someone' }, 'form'],
  ])('refuses %j', async (input, field) => {
    const error = await failure(createTask(t.deps, await person(), input as never));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields ?? {})).toContain(field);
  });

  it("refuses another person's project and leaves their tasks alone", async () => {
    const [me, other] = [await person(), await person()];
    const theirProject = await createProject(t.deps, other, { name: 'Theirs' });
    const theirTask = await createTask(t.deps, other, { title: 'Their task' });
    const mine = await createTask(t.deps, me, { title: 'Mine' });
    expect((await failure(createTask(t.deps, me, { title: 'X', projectId: theirProject.id }))).code).toBe(
      'not_found',
    );
    expect((await failure(updateTask(t.deps, me, mine.id, { projectId: theirProject.id }))).code).toBe(
      'not_found',
    );
    for (const id of [theirTask.id, 'nope', '00000000-0000-0000-0000-000000000000']) {
      expect((await failure(getTask(t.deps, me, id))).code).toBe('not_found');
      expect((await failure(updateTask(t.deps, me, id, { title: 'Taken' }))).code).toBe('not_found');
      expect((await failure(deleteTask(t.deps, me, id))).code).toBe('not_found');
    }
    expect({ ...(await getTask(t.deps, other, theirTask.id)).task, teamId: null }).toEqual(theirTask);
    expect(await titles(me, {})).toEqual(['Mine']);
  });

  it('deletes a task', async () => {
    const me = await person();
    const task = await createTask(t.deps, me, { title: 'Gone soon' });
    await deleteTask(t.deps, me, task.id);
    expect((await failure(getTask(t.deps, me, task.id))).code).toBe('not_found');
  });

  it('shows a task with its project, sessions, focus of completed main sessions and resources', async () => {
    const me = await person();
    const web = await createProject(t.deps, me, { name: 'Web' });
    const task = await createTask(t.deps, me, { title: 'Ship search', projectId: web.id });
    const yesterday1 = sessionIdFor(me.id, '2026-04-05', 1);
    const yesterday2 = sessionIdFor(me.id, '2026-04-05', 2);
    const today1 = sessionIdFor(me.id, '2026-04-06', 1);
    await linkTaskToSession(t.deps, me, yesterday1, task.id, 'main');
    await linkTaskToSession(t.deps, me, yesterday2, task.id, 'supporting');
    await linkTaskToSession(t.deps, me, today1, task.id, 'main');
    await changeSession(t.deps, me, yesterday1, { action: { type: 'log', minutes: 40 } });
    await changeSession(t.deps, me, yesterday2, { action: { type: 'log', minutes: 25 } });
    await addResource(t.deps, me, { url: 'https://github.com/acme/web/pull/3', taskId: task.id });
    const detail = await getTask(t.deps, me, task.id);
    expect(detail.project?.name).toBe('Web');
    expect(detail.focusSeconds).toBe(40 * 60);
    expect(detail.sessions).toEqual([
      {
        sessionId: today1,
        date: '2026-04-06',
        slot: 1,
        role: 'main',
        state: 'planned',
        focusSeconds: null,
        goal: '',
      },
      {
        sessionId: yesterday2,
        date: '2026-04-05',
        slot: 2,
        role: 'supporting',
        state: 'completed',
        focusSeconds: 1500,
        goal: '',
      },
      {
        sessionId: yesterday1,
        date: '2026-04-05',
        slot: 1,
        role: 'main',
        state: 'completed',
        focusSeconds: 2400,
        goal: '',
      },
    ]);
    expect(detail.resources.map((r) => [r.kind, r.title])).toEqual([['pull_request', 'acme/web#3']]);
    const [listed] = (await listTasks(t.deps, me, {})).items;
    expect(listed).toMatchObject({ id: task.id, focusSeconds: 2400, sessionCount: 3 });
  });

  it('filters by status, type, priority and project, the inbox included', async () => {
    const me = await person();
    const web = await createProject(t.deps, me, { name: 'Web' });
    await createTask(t.deps, me, { title: 'A', type: 'bug', priority: 'high', projectId: web.id });
    await createTask(t.deps, me, { title: 'B', type: 'research', status: 'doing' });
    await createTask(t.deps, me, { title: 'C', type: 'bug', status: 'done', priority: 'low' });
    const sorted = async (query: TaskListQuery) => (await titles(me, query)).sort();
    expect(await sorted({ status: ['todo', 'doing'] })).toEqual(['A', 'B']);
    expect(await sorted({ type: ['bug'] })).toEqual(['A', 'C']);
    expect(await sorted({ priority: ['high', 'low'] })).toEqual(['A', 'C']);
    expect(await sorted({ projectId: web.id })).toEqual(['A']);
    expect(await sorted({ projectId: 'inbox' })).toEqual(['B', 'C']);
    expect(await sorted({ type: ['bug'], status: ['done'] })).toEqual(['C']);
    expect(await sorted({ status: [] })).toEqual(['A', 'B', 'C']);
    expect((await failure(listTasks(t.deps, me, { status: ['blocked' as never] }))).code).toBe('validation');
    expect((await failure(listTasks(t.deps, me, { projectId: 'web' }))).code).toBe('validation');
  });

  it('searches titles and descriptions with stemming and web-search syntax', async () => {
    const me = await person();
    await createTask(t.deps, me, { title: 'Fix login redirect', description: 'Users land on a blank page' });
    await createTask(t.deps, me, { title: 'Write docs', description: 'Explain how redirects work' });
    await createTask(t.deps, me, { title: 'Research caching', description: 'Compare 100% hit rates' });
    const sorted = async (q: string) => (await titles(me, { q })).sort();
    expect(await sorted('redirecting')).toEqual(['Fix login redirect', 'Write docs']);
    expect(await sorted('redirect -docs')).toEqual(['Fix login redirect']);
    expect(await sorted('"blank page"')).toEqual(['Fix login redirect']);
    expect(await sorted('login or caching')).toEqual(['Fix login redirect', 'Research caching']);
    // No searchable word: a plain substring match, LIKE's wildcards taken literally.
    expect(await sorted('100%')).toEqual(['Research caching']);
    expect(await sorted('%')).toEqual(['Research caching']);
    expect(await sorted('the')).toEqual([]);
    expect(await sorted('a')).toEqual(['Fix login redirect', 'Research caching', 'Write docs']);
  });

  describe('pagination', () => {
    let me: Actor;
    beforeAll(async () => {
      me = await person();
      const specs: [string, 'low' | 'normal' | 'high' | 'urgent', string | null][] = [
        ['t1', 'high', '2026-04-10'],
        ['t2', 'low', null],
        ['t3', 'urgent', '2026-04-08'],
        ['t4', 'high', '2026-04-08'],
        ['t5', 'normal', null],
        ['t6', 'high', '2026-04-10'],
        ['t7', 'normal', '2026-05-01'],
        ['t8', 'low', null],
        ['t9', 'urgent', '2026-04-08'],
      ];
      for (const [i, [title, priority, dueDate]] of specs.entries()) {
        if (i % 2 === 0) t.clock.advance(1); // pairs share a creation instant, so ids break the ties
        await createTask(t.deps, me, { title, priority, dueDate });
      }
    });

    it.each(['newest', 'oldest', 'priority', 'due'] as const)(
      'visits every task once, in order, by %s',
      async (order) => {
        for (const limit of [1, 2, 4]) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await listTasks(t.deps, me, { order, limit, ...(cursor ? { cursor } : {}) });
            seen.push(...page.items.map((i) => i.title));
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          expect(seen).toEqual(await titles(me, { order }));
          expect(new Set(seen).size).toBe(9);
        }
      },
    );

    it('orders by priority, then newest; by due date with undated tasks last', async () => {
      const all = (await listTasks(t.deps, me, { limit: 100, order: 'priority' })).items;
      expect(all.map((i) => i.priority)).toEqual([
        'urgent',
        'urgent',
        'high',
        'high',
        'high',
        'normal',
        'normal',
        'low',
        'low',
      ]);
      const due = (await listTasks(t.deps, me, { limit: 100, order: 'due' })).items.map((i) => i.dueDate);
      expect(due).toEqual([
        '2026-04-08',
        '2026-04-08',
        '2026-04-08',
        '2026-04-10',
        '2026-04-10',
        '2026-05-01',
        null,
        null,
        null,
      ]);
      expect(await titles(me, { order: 'newest' })).toEqual(
        [...(await titles(me, { order: 'oldest' }))].reverse(),
      );
    });

    it('refuses a cursor from another order or a forged one', async () => {
      const page = await listTasks(t.deps, me, { order: 'due', limit: 2 });
      expect(
        (await failure(listTasks(t.deps, me, { order: 'priority', cursor: page.nextCursor! }))).code,
      ).toBe('validation');
      const forged = Buffer.from(JSON.stringify([99, 'not a time', 'x'])).toString('base64url');
      expect((await failure(listTasks(t.deps, me, { order: 'priority', cursor: forged }))).code).toBe(
        'validation',
      );
    });
  });
});
