import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tasks, userEvents } from '../../../src/db/schema/index.ts';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import { deleteAccount } from '../../../src/services/delete-account.ts';
import type { ApiCaller } from '../../support/api.ts';
import { PASSWORD } from '../../support/factories.ts';
import { joinTeam, ok, send, teamOfFour } from '../../support/teams.ts';
import { createTestApp } from '../../support/test-app.ts';
import { newCaller } from '../api/callers.ts';

// Team projects and their tasks through the API: shared with the team and nothing else, written
// by the roles that may, moved across the team's edge by their creator only, and gone from a
// person's every view at the moment they leave the team.

const START = new Date('2026-04-06T07:00:00Z'); // a Monday, 09:00 in Berlin
const TODAY = '2026-04-06';
const t = await createTestApp({ now: START });

type Task = { id: string; title: string; projectId: string | null; teamId: string | null; status: string };
type Project = { id: string; name: string; teamId: string | null };

async function teamWithProject(name = 'Platform') {
  t.clock.set(START);
  const team = await teamOfFour(t, name);
  const project = await ok<Project>(team.admin, 'POST', '/projects', {
    name: 'Checkout',
    teamId: team.teamId,
  });
  return { ...team, project };
}

async function taskIds(caller: ApiCaller, query = ''): Promise<string[]> {
  const { items } = await ok<{ items: Task[] }>(caller, 'GET', `/tasks?status=todo,doing,done${query}`);
  return items.map((task) => task.id);
}

async function teamEventsOf(userId: string, type: string) {
  const rows = await t.deps.db
    .select()
    .from(userEvents)
    .where(and(eq(userEvents.userId, userId), eq(userEvents.type, type)))
    .orderBy(asc(userEvents.id));
  return rows.map((row) => row.payload as Record<string, string>);
}

describe('a team project', () => {
  it('is created by owners and admins only, and answers 404 outside the team', async () => {
    const { teamId, owner, member, viewer, project } = await teamWithProject();
    expect(project.teamId).toBe(teamId);
    expect((await ok<Project>(owner, 'POST', '/projects', { name: 'Billing', teamId })).teamId).toBe(teamId);
    for (const caller of [member, viewer]) {
      const refused = await send(caller, 'POST', '/projects', { name: 'Mine now', teamId });
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toMatch(/owners and admins/);
    }
    const outsider = await newCaller(t);
    expect((await send(outsider, 'POST', '/projects', { name: 'X', teamId })).status).toBe(404);
    expect((await send(outsider, 'GET', `/projects/${project.id}`)).status).toBe(404);
    expect((await send(outsider, 'PATCH', `/projects/${project.id}`, { name: 'Mine' })).status).toBe(404);
    expect((await send(outsider, 'DELETE', `/projects/${project.id}`)).status).toBe(404);
    // Everyone in the team sees it; names are unique within the team, not across people.
    for (const caller of [owner, member, viewer]) {
      const { items } = await ok<{ items: Project[] }>(caller, 'GET', `/projects?teamId=${teamId}`);
      expect(items.map((p) => p.name)).toEqual(['Billing', 'Checkout']);
    }
    const twin = await send(owner, 'POST', '/projects', { name: 'checkout', teamId });
    expect(twin.status).toBe(409);
    expect(twin.body.detail).toBe('The team already has a project of that name.');
    expect((await ok<Project>(member, 'POST', '/projects', { name: 'Checkout' })).teamId).toBeNull();
    expect((await send(viewer, 'PATCH', `/projects/${project.id}`, { name: 'Renamed' })).status).toBe(403);
    expect((await send(member, 'PATCH', `/projects/${project.id}`, { name: 'Renamed' })).status).toBe(403);
    expect((await ok<Project>(owner, 'GET', `/projects/${project.id}`)).name).toBe('Checkout');
  });

  it('shares its tasks with every member; viewers read them and change nothing', async () => {
    const { teamId, owner, admin, member, viewer, project } = await teamWithProject();
    const task = await ok<Task>(member, 'POST', '/tasks', {
      title: 'Fix the cart total',
      projectId: project.id,
    });
    expect(task.teamId).toBe(teamId);
    const mine = await ok<Task>(member, 'POST', '/tasks', { title: 'My own errand' });
    for (const caller of [owner, admin, viewer]) {
      expect(await taskIds(caller)).toContain(task.id);
      expect(await taskIds(caller)).not.toContain(mine.id);
      const detail = await ok<Task>(caller, 'GET', `/tasks/${task.id}`);
      expect(detail).toMatchObject({ title: 'Fix the cart total', teamId });
      expect((await send(caller, 'GET', `/tasks/${mine.id}`)).status).toBe(404);
    }
    expect(await taskIds(member, `&teamId=${teamId}`)).toEqual([task.id]);
    expect(await taskIds(member, '&teamId=personal')).toEqual([mine.id]);
    // A viewer's write is refused with a reason and changes nothing.
    for (const [method, path, json] of [
      ['PATCH', `/tasks/${task.id}`, { title: 'Viewer was here' }],
      ['DELETE', `/tasks/${task.id}`, undefined],
      ['POST', '/tasks', { title: 'From a viewer', projectId: project.id }],
      ['POST', `/tasks/${task.id}/plan`, {}],
      ['PUT', `/sessions/${sessionIdFor(viewer.userId, TODAY, 1)}/tasks/${task.id}`, { role: 'main' }],
      ['POST', '/resources', { url: 'https://example.com/spec', taskId: task.id }],
    ] as const) {
      const refused = await send(viewer, method, path, json);
      expect(refused.status, `${method} ${path}`).toBe(403);
    }
    expect((await ok<Task>(owner, 'GET', `/tasks/${task.id}`)).title).toBe('Fix the cart total');
    // Members write it: edit, link a resource everyone sees, plan it into their own day.
    await ok(admin, 'PATCH', `/tasks/${task.id}`, { priority: 'high' });
    await ok(owner, 'POST', '/resources', { url: 'https://example.com/spec', taskId: task.id });
    const planned = await ok<{ date: string; slot: number }>(member, 'POST', `/tasks/${task.id}/plan`, {});
    expect(planned).toMatchObject({ date: TODAY, slot: 1 });
    const seen = await ok<Task & { resources: { url: string }[] }>(viewer, 'GET', `/tasks/${task.id}`);
    expect(seen).toMatchObject({ status: 'doing', priority: 'high' });
    expect(seen.resources.map((r) => r.url)).toEqual(['https://example.com/spec']);
    const day = await ok<{ sessions: { slot: number; goal: string }[] }>(member, 'GET', `/days/${TODAY}`);
    expect(day.sessions[0]!.goal).toBe('Fix the cart total');
  });

  it('takes a task in or out of the team only at the hands of the person who created it', async () => {
    const { teamId, owner, member, project } = await teamWithProject();
    const own = await ok<Task>(member, 'POST', '/tasks', { title: 'Started alone' });
    const moved = await ok<Task>(member, 'PATCH', `/tasks/${own.id}`, { projectId: project.id });
    expect(moved.teamId).toBe(teamId);
    expect(await taskIds(owner)).toContain(own.id);
    // Nobody else may take it home, not even an owner, and nobody may hand a team's task to another.
    const ownersProject = await ok<Project>(owner, 'POST', '/projects', { name: 'Owner’s own' });
    for (const projectId of [null, ownersProject.id]) {
      const refused = await send(owner, 'PATCH', `/tasks/${own.id}`, { projectId });
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toBe(
        'Only the person who created a task can move it into or out of a team.',
      );
    }
    const otherTeam = await ok<{ id: string }>(owner, 'POST', '/teams', { name: 'Elsewhere' });
    const elsewhere = await ok<Project>(owner, 'POST', '/projects', { name: 'Far', teamId: otherTeam.id });
    expect((await send(owner, 'PATCH', `/tasks/${own.id}`, { projectId: elsewhere.id })).status).toBe(403);
    // Someone else's personal task cannot be reached at all, so cannot be moved in.
    const ownersTask = await ok<Task>(owner, 'POST', '/tasks', { title: 'Owner’s errand' });
    expect((await send(member, 'PATCH', `/tasks/${ownersTask.id}`, { projectId: project.id })).status).toBe(
      404,
    );
    // The creator takes it back.
    expect((await ok<Task>(member, 'PATCH', `/tasks/${own.id}`, { projectId: null })).teamId).toBeNull();
    expect(await taskIds(owner)).not.toContain(own.id);
  });

  it('can be one of a person’s own projects shared later, its tasks along with it; it stays with the team', async () => {
    const { teamId, admin, viewer } = await teamWithProject();
    const personal = await ok<Project>(admin, 'POST', '/projects', { name: 'Search' });
    const task = await ok<Task>(admin, 'POST', '/tasks', {
      title: 'Rank by recency',
      projectId: personal.id,
    });
    expect((await send(viewer, 'GET', `/tasks/${task.id}`)).status).toBe(404);
    expect((await ok<Project>(admin, 'PATCH', `/projects/${personal.id}`, { teamId })).teamId).toBe(teamId);
    expect((await ok<Task>(viewer, 'GET', `/tasks/${task.id}`)).teamId).toBe(teamId);
    const back = await send(admin, 'PATCH', `/projects/${personal.id}`, { teamId: null });
    expect(back.status).toBe(422);
    expect(back.body.detail).toBe('A team’s project stays with its team.');
  });

  it('sends team.task.changed to the members only', async () => {
    const { teamId, owner, viewer, member, project } = await teamWithProject();
    const outsider = await newCaller(t);
    const task = await ok<Task>(member, 'POST', '/tasks', { title: 'Evented', projectId: project.id });
    await ok(member, 'PATCH', `/tasks/${task.id}`, { status: 'done' });
    await ok(member, 'DELETE', `/tasks/${task.id}`);
    for (const person of [owner, viewer, member]) {
      const events = (await teamEventsOf(person.userId, 'team.task.changed')).filter(
        (e) => e.taskId === task.id,
      );
      expect(events.map((e) => e.change)).toEqual(['created', 'updated', 'deleted']);
      expect(events[0]).toEqual({ teamId, taskId: task.id, change: 'created' });
    }
    expect(await teamEventsOf(outsider.userId, 'team.task.changed')).toEqual([]);
    // A personal task tells nobody else.
    await ok(member, 'POST', '/tasks', { title: 'Quiet' });
    expect((await teamEventsOf(owner.userId, 'team.task.changed')).length).toBe(3);
  });
});

describe('leaving a team', () => {
  it('takes its work out of every view at once: tasks, projects, search, quick add, linked sessions', async () => {
    const { teamId, owner, member, project } = await teamWithProject();
    const task = await ok<Task>(member, 'POST', '/tasks', {
      title: 'Refactor pricing engine',
      projectId: project.id,
    });
    const session = sessionIdFor(member.userId, TODAY, 2);
    await ok(member, 'PUT', `/sessions/${session}/tasks/${task.id}`, { role: 'main' });
    const search = async () =>
      (await ok<{ items: { id: string }[] }>(member, 'GET', '/search?q=pricing')).items.map((h) => h.id);
    expect(await search()).toContain(task.id);
    const quick = await ok<{ task: Task }>(member, 'POST', '/tasks/quick-add', {
      text: 'Cache prices #checkout',
    });
    expect(quick.task).toMatchObject({ projectId: project.id, teamId });

    await ok(owner, 'DELETE', `/teams/${teamId}/members/${member.userId}`);
    expect((await send(member, 'GET', `/tasks/${task.id}`)).status).toBe(404);
    expect((await send(member, 'PATCH', `/tasks/${task.id}`, { title: 'Still mine?' })).status).toBe(404);
    expect((await send(member, 'GET', `/projects/${project.id}`)).status).toBe(404);
    expect(await taskIds(member)).toEqual([]);
    expect(await search()).toEqual([]);
    const { items: linked } = await ok<{ items: unknown[] }>(member, 'GET', `/sessions/${session}/tasks`);
    expect(linked).toEqual([]);
    // A line naming the team's project now starts a project of their own.
    const after = await ok<{ task: Task }>(member, 'POST', '/tasks/quick-add', { text: 'Again #checkout' });
    expect(after.task.teamId).toBeNull();
    expect(after.task.projectId).not.toBe(project.id);
    // The team keeps what they created.
    expect((await ok<Task>(owner, 'GET', `/tasks/${task.id}`)).title).toBe('Refactor pricing engine');
  });

  it('keeps a deleted account’s team tasks with the team', async () => {
    const { owner, member, project } = await teamWithProject();
    const task = await ok<Task>(member, 'POST', '/tasks', {
      title: 'Outlives its author',
      projectId: project.id,
    });
    const memberProject = await ok<Project>(owner, 'POST', '/projects', {
      name: 'Another',
      teamId: project.teamId,
    });
    await ok(owner, 'PATCH', `/teams/${project.teamId}/members/${member.userId}`, { role: 'admin' });
    const theirs = await ok<Project>(member, 'POST', '/projects', { name: 'Theirs', teamId: project.teamId });
    await deleteAccount(
      t.deps,
      { id: member.userId, email: member.email, isAdmin: false },
      { password: PASSWORD },
    );
    expect((await ok<Task>(owner, 'GET', `/tasks/${task.id}`)).title).toBe('Outlives its author');
    expect((await ok<Project>(owner, 'GET', `/projects/${theirs.id}`)).teamId).toBe(project.teamId);
    expect((await ok<Project>(owner, 'GET', `/projects/${memberProject.id}`)).name).toBe('Another');
  });

  it('leaves the person’s own archive free of the team’s work, and importable', async () => {
    const { member, project } = await teamWithProject();
    const teamTask = await ok<Task>(member, 'POST', '/tasks', { title: 'Team thing', projectId: project.id });
    const own = await ok<Task>(member, 'POST', '/tasks', { title: 'Own thing' });
    await ok(member, 'PUT', `/sessions/${sessionIdFor(member.userId, TODAY, 1)}/tasks/${teamTask.id}`, {
      role: 'main',
    });
    await ok(member, 'POST', '/resources', { url: 'https://example.com/team', taskId: teamTask.id });
    const archive = await ok<{
      projects: Project[];
      tasks: Task[];
      sessionTasks: unknown[];
      resources: unknown[];
    }>(member, 'GET', '/account/export');
    expect(archive.projects).toEqual([]);
    expect(archive.tasks.map((task) => task.id)).toEqual([own.id]);
    expect(archive.sessionTasks).toEqual([]);
    expect(archive.resources).toEqual([]);
    const fresh = await newCaller(t);
    await ok(fresh, 'POST', '/account/import', archive);
    expect((await ok<{ items: Task[] }>(fresh, 'GET', '/tasks')).items.map((task) => task.title)).toEqual([
      'Own thing',
    ]);
  });
});

describe('deleting a team that holds work', () => {
  it('asks what to do, then deletes the projects and tasks or moves them to the owner', async () => {
    const { teamId, owner, member, project } = await teamWithProject();
    const task = await ok<Task>(member, 'POST', '/tasks', { title: 'Move me', projectId: project.id });
    await ok(member, 'POST', '/tasks', { title: 'And me', projectId: project.id });
    const asked = await send(owner, 'DELETE', `/teams/${teamId}`);
    expect(asked.status).toBe(422);
    expect(asked.body.detail).toBe(
      'The team holds 1 project with 2 tasks: say whether to delete them or move them to your own projects.',
    );
    expect((await send(owner, 'DELETE', `/teams/${teamId}?projects=keep`)).status).toBe(422);
    expect((await send(member, 'DELETE', `/teams/${teamId}?projects=move`)).status).toBe(403);
    // The owner already has a "Checkout" of their own: the moved one says where it came from.
    await ok(owner, 'POST', '/projects', { name: 'Checkout' });
    expect((await send(owner, 'DELETE', `/teams/${teamId}?projects=move`)).status).toBe(204);
    const moved = await ok<Project>(owner, 'GET', `/projects/${project.id}`);
    expect(moved).toMatchObject({ name: 'Checkout (Platform)', teamId: null });
    expect(await ok<Task>(owner, 'GET', `/tasks/${task.id}`)).toMatchObject({
      teamId: null,
      projectId: project.id,
    });
    expect((await send(member, 'GET', `/tasks/${task.id}`)).status).toBe(404);

    const second = await teamWithProject('Second');
    const doomed = await ok<Task>(second.member, 'POST', '/tasks', {
      title: 'Deleted with it',
      projectId: second.project.id,
    });
    expect((await send(second.owner, 'DELETE', `/teams/${second.teamId}?projects=delete`)).status).toBe(204);
    expect(await t.deps.db.select().from(tasks).where(eq(tasks.id, doomed.id))).toEqual([]);
    expect((await send(second.owner, 'GET', `/projects/${second.project.id}`)).status).toBe(404);
  });

  it('needs no answer from a team without projects', async () => {
    const owner = await newCaller(t);
    const other = await newCaller(t);
    const team = await ok<{ id: string }>(owner, 'POST', '/teams', { name: 'Empty' });
    await joinTeam(owner, team.id, other, 'member');
    expect((await send(owner, 'DELETE', `/teams/${team.id}`)).status).toBe(204);
  });
});
