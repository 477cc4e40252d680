import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/services/deps.ts';
import { createProject } from '../../../src/services/projects/create-project.ts';
import { listProjects } from '../../../src/services/projects/list-projects.ts';
import { previewQuickAdd, quickAddTask } from '../../../src/services/quick-add-task.ts';
import { listTasks } from '../../../src/services/tasks/list-tasks.ts';
import { createPerson, failure } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  // Monday 6 April 2026, 23:30 in UTC: already Tuesday 7 April in Berlin.
  t = await createTestApp({ now: new Date('2026-04-06T23:30:00Z') });
});

const person = (timeZone = 'UTC'): Promise<Actor> => createPerson(t, { timeZone, emailPrefix: 'quick' });

describe('quick add', () => {
  it('previews without saving, reading dates in the person’s time zone and their project names', async () => {
    const me = await person('Europe/Berlin');
    await createProject(t.deps, me, { name: 'Web' });
    const preview = await previewQuickAdd(t.deps, me, 'Fix login redirect #web !high tomorrow');
    expect(preview).toEqual({
      title: 'Fix login redirect',
      projectName: 'Web',
      isNewProject: false,
      priority: 'high',
      type: 'bug',
      dueDate: '2026-04-08',
      understood: ['Project: Web', 'Priority: high', 'Type: bug (guessed)', 'Due: Wed 8 Apr'],
    });
    expect((await listTasks(t.deps, me, {})).items).toEqual([]);
    expect((await previewQuickAdd(t.deps, await person('UTC'), 'Call bank tomorrow')).dueDate).toBe(
      '2026-04-07',
    );
  });

  it('creates the task, and its project when the line names a new one', async () => {
    const me = await person();
    const { task, preview } = await quickAddTask(t.deps, me, 'Fix login redirect #web !high tomorrow');
    expect(preview.isNewProject).toBe(true);
    const projects = (await listProjects(t.deps, me, {})).items;
    expect(projects.map((p) => [p.name, p.openTasks])).toEqual([['web', 1]]);
    expect(task).toMatchObject({
      title: 'Fix login redirect',
      projectId: projects[0]!.id,
      priority: 'high',
      type: 'bug',
      status: 'todo',
      dueDate: '2026-04-07',
    });
    const second = await quickAddTask(t.deps, me, 'Polish the footer #WEB');
    expect(second.preview.isNewProject).toBe(false);
    expect(second.task).toMatchObject({
      projectId: projects[0]!.id,
      type: 'feature',
      priority: 'normal',
      dueDate: null,
    });
    expect((await listProjects(t.deps, me, {})).items).toHaveLength(1);
  });

  it.each([
    ['', 'Say what the task is'],
    ['#web !high tomorrow', 'Say what the task is'],
    [`Write ${'x'.repeat(300)}`, 'Keep the title under 256 characters.'],
    [`Write it #${'p'.repeat(101)}`, 'Keep the project name under 101 characters.'],
    ['x'.repeat(1001), 'Keep the line under 1001 characters.'],
    ['Bell \u0007 task', 'The line contains a character that cannot be saved.'],
  ])('refuses %j and saves nothing', async (text, message) => {
    const me = await person();
    const error = await failure(quickAddTask(t.deps, me, text));
    expect(error.code).toBe('validation');
    expect(error.fields?.text).toContain(message);
    expect((await listTasks(t.deps, me, {})).items).toEqual([]);
    expect((await listProjects(t.deps, me, {})).items).toEqual([]);
  });

  it("never matches another person's project", async () => {
    const [me, other] = [await person(), await person()];
    await createProject(t.deps, other, { name: 'Secret' });
    const { preview } = await quickAddTask(t.deps, me, 'Plan #secret');
    expect(preview).toMatchObject({ projectName: 'secret', isNewProject: true });
    expect((await listProjects(t.deps, other, {})).items.map((p) => p.name)).toEqual(['Secret']);
  });
});
