import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/services/deps.ts';
import { createProject } from '../../../src/services/projects/create-project.ts';
import { deleteProject } from '../../../src/services/projects/delete-project.ts';
import { getProject } from '../../../src/services/projects/get-project.ts';
import { listProjects } from '../../../src/services/projects/list-projects.ts';
import { updateProject } from '../../../src/services/projects/update-project.ts';
import { createTask } from '../../../src/services/tasks/create-task.ts';
import { getTask } from '../../../src/services/tasks/get-task.ts';
import { listTasks } from '../../../src/services/tasks/list-tasks.ts';
import { createPerson, failure } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T09:00:00Z') });
});

const person = (): Promise<Actor> => createPerson(t, { emailPrefix: 'projects' });

describe('projects', () => {
  it('creates a project with defaults and refuses a second one of the same name in any case', async () => {
    const me = await person();
    const web = await createProject(t.deps, me, { name: '  Web  ' });
    expect(web).toMatchObject({
      name: 'Web',
      color: 'teal',
      description: '',
      status: 'active',
      userId: me.id,
    });
    const error = await failure(createProject(t.deps, me, { name: 'WEB' }));
    expect(error.code).toBe('conflict');
    expect(error.fields).toEqual({ name: 'You already have a project of that name.' });
    // Another person may use the same name.
    await expect(createProject(t.deps, await person(), { name: 'web' })).resolves.toMatchObject({
      name: 'web',
    });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ name: 'two\nlines' }, 'name'],
    [{ name: 'Web', color: 'mauve' }, 'color'],
    [{ name: 'Web', status: 'someday' }, 'status'],
    [{ name: 'Web', description: 'x'.repeat(2001) }, 'description'],
    [{ name: 'Web', owner: 'me' }, 'form'],
  ])('refuses %j', async (input, field) => {
    const error = await failure(createProject(t.deps, await person(), input as never));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields ?? {})).toContain(field);
  });

  it('updates only the fields given, and refuses a name taken by another of the projects', async () => {
    const me = await person();
    const web = await createProject(t.deps, me, { name: 'Web', color: 'rose', description: 'Site' });
    await createProject(t.deps, me, { name: 'Ops' });
    t.clock.advance(60);
    const updated = await updateProject(t.deps, me, web.id, { status: 'paused' });
    expect(updated).toMatchObject({ name: 'Web', color: 'rose', description: 'Site', status: 'paused' });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(web.updatedAt.getTime());
    expect((await failure(updateProject(t.deps, me, web.id, { name: 'ops' }))).code).toBe('conflict');
    await expect(updateProject(t.deps, me, web.id, { name: 'web' })).resolves.toMatchObject({ name: 'web' });
  });

  it("treats another person's project, and a malformed id, as not found and leaves it alone", async () => {
    const [me, other] = [await person(), await person()];
    const theirs = await createProject(t.deps, other, { name: 'Secret' });
    for (const id of [theirs.id, 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      expect((await failure(getProject(t.deps, me, id))).code).toBe('not_found');
      expect((await failure(updateProject(t.deps, me, id, { name: 'Mine' }))).code).toBe('not_found');
      expect((await failure(deleteProject(t.deps, me, id))).code).toBe('not_found');
    }
    expect((await getProject(t.deps, other, theirs.id)).project).toEqual(theirs);
  });

  it('moves the tasks of a deleted project to the inbox', async () => {
    const me = await person();
    const web = await createProject(t.deps, me, { name: 'Web' });
    const task = await createTask(t.deps, me, { title: 'Fix footer', projectId: web.id });
    await deleteProject(t.deps, me, web.id);
    expect((await getTask(t.deps, me, task.id)).task.projectId).toBeNull();
    const inbox = await listTasks(t.deps, me, { projectId: 'inbox' });
    expect(inbox.items.map((i) => i.id)).toEqual([task.id]);
    expect((await failure(getProject(t.deps, me, web.id))).code).toBe('not_found');
  });

  it('lists projects with their open tasks, filtered by status and text', async () => {
    const me = await person();
    const web = await createProject(t.deps, me, { name: 'Web', description: 'The marketing site' });
    await createProject(t.deps, me, { name: 'Ops', status: 'done' });
    await createTask(t.deps, me, { title: 'One', projectId: web.id });
    await createTask(t.deps, me, { title: 'Two', projectId: web.id, status: 'doing' });
    await createTask(t.deps, me, { title: 'Three', projectId: web.id, status: 'done' });
    const all = await listProjects(t.deps, me, {});
    expect(all.items.map((p) => [p.name, p.openTasks])).toEqual([
      ['Ops', 0],
      ['Web', 2],
    ]);
    expect((await listProjects(t.deps, me, { status: 'done' })).items.map((p) => p.name)).toEqual(['Ops']);
    expect((await listProjects(t.deps, me, { q: 'marketing' })).items.map((p) => p.name)).toEqual(['Web']);
    expect((await listProjects(t.deps, me, { q: '100%' })).items).toEqual([]);
    expect((await failure(listProjects(t.deps, me, { status: 'someday' as never }))).code).toBe('validation');
  });

  it.each(['name', 'newest'] as const)('pages through every project once, ordered by %s', async (order) => {
    const me = await person();
    const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo', 'foxtrot', 'golf'];
    for (const [i, name] of names.entries()) {
      if (i % 3 === 0) t.clock.advance(1); // some share a creation instant
      await createProject(t.deps, me, { name });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listProjects(t.deps, me, { order, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const full = (await listProjects(t.deps, me, { order, limit: 100 })).items.map((p) => p.name);
    expect(seen).toEqual(full);
    expect(new Set(seen).size).toBe(names.length);
    if (order === 'name')
      expect(seen).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf']);
  });

  it('refuses a cursor it did not make, and one from another order', async () => {
    const me = await person();
    for (const name of ['a', 'b', 'c']) await createProject(t.deps, me, { name });
    const byName = await listProjects(t.deps, me, { limit: 1 });
    const error = await failure(listProjects(t.deps, me, { order: 'newest', cursor: byName.nextCursor! }));
    expect(error.code).toBe('validation');
    expect((await failure(listProjects(t.deps, me, { cursor: 'garbage' }))).code).toBe('validation');
  });
});
