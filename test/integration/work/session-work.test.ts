import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userEvents } from '../../../src/db/schema/index.ts';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import { changeSession, getSession } from '../../../src/services/change-session.ts';
import type { Actor } from '../../../src/services/deps.ts';
import { setSessionOutcome } from '../../../src/services/session-outcome.ts';
import {
  linkTaskToSession,
  planTaskIntoSlot,
  tasksOfSession,
  unlinkTaskFromSession,
} from '../../../src/services/session-tasks.ts';
import { createTask } from '../../../src/services/tasks/create-task.ts';
import { getTask } from '../../../src/services/tasks/get-task.ts';
import { createPerson, failure } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
const TODAY = '2026-04-06';
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T09:00:00Z') });
});
beforeEach(() => t.clock.set(new Date('2026-04-06T09:00:00Z')));

const person = (): Promise<Actor> => createPerson(t, { emailPrefix: 'work' });

async function lastEvent(actor: Actor) {
  const rows = await t.deps.db
    .select()
    .from(userEvents)
    .where(and(eq(userEvents.userId, actor.id), eq(userEvents.type, 'session.updated')))
    .orderBy(desc(userEvents.id))
    .limit(1);
  return rows[0]?.payload as { sessionId: string; version: number } | undefined;
}

describe('tasks of a session', () => {
  it('links a main task on an untouched day, demotes the old main, and tells devices', async () => {
    const me = await person();
    const [a, b, c] = [
      await createTask(t.deps, me, { title: 'A' }),
      await createTask(t.deps, me, { title: 'B' }),
      await createTask(t.deps, me, { title: 'C' }),
    ];
    const id = sessionIdFor(me.id, '2026-04-09', 2);
    await linkTaskToSession(t.deps, me, id, a.id, 'main');
    expect(await lastEvent(me)).toMatchObject({ sessionId: id, version: 1 });
    await linkTaskToSession(t.deps, me, id, c.id, 'supporting');
    await linkTaskToSession(t.deps, me, id, b.id, 'main');
    expect((await tasksOfSession(t.deps, me, id)).map((l) => [l.task.title, l.role])).toEqual([
      ['B', 'main'],
      ['A', 'supporting'],
      ['C', 'supporting'],
    ]);
    await linkTaskToSession(t.deps, me, id, c.id, 'main'); // again: only the role changes
    expect((await tasksOfSession(t.deps, me, id)).map((l) => [l.task.title, l.role])).toEqual([
      ['C', 'main'],
      ['A', 'supporting'],
      ['B', 'supporting'],
    ]);
    await unlinkTaskFromSession(t.deps, me, id, c.id);
    expect((await tasksOfSession(t.deps, me, id)).map((l) => l.task.title)).toEqual(['A', 'B']);
    const { session } = await getSession(t.deps, me, id);
    expect(session.version).toBe(5);
    expect(await lastEvent(me)).toMatchObject({ sessionId: id, version: 5 });
    expect((await failure(unlinkTaskFromSession(t.deps, me, id, c.id))).code).toBe('not_found');
  });

  it("refuses another person's session or task and changes nothing", async () => {
    const [me, other] = [await person(), await person()];
    const mine = await createTask(t.deps, me, { title: 'Mine' });
    const theirs = await createTask(t.deps, other, { title: 'Theirs' });
    const mySession = sessionIdFor(me.id, TODAY, 1);
    const theirSession = sessionIdFor(other.id, TODAY, 1);
    await linkTaskToSession(t.deps, other, theirSession, theirs.id, 'main');
    for (const attempt of [
      () => linkTaskToSession(t.deps, me, theirSession, mine.id, 'main'),
      () => linkTaskToSession(t.deps, me, mySession, theirs.id, 'main'),
      () => linkTaskToSession(t.deps, me, 'not-a-session', mine.id, 'main'),
      () => unlinkTaskFromSession(t.deps, me, theirSession, theirs.id),
      () => tasksOfSession(t.deps, me, theirSession),
      () => planTaskIntoSlot(t.deps, me, theirs.id, {}),
    ]) {
      expect((await failure(attempt())).code).toBe('not_found');
    }
    expect((await tasksOfSession(t.deps, other, theirSession)).map((l) => l.task.title)).toEqual(['Theirs']);
    expect((await getSession(t.deps, me, mySession)).session.isStored).toBe(false);
    expect((await failure(linkTaskToSession(t.deps, me, mySession, mine.id, 'boss' as never))).code).toBe(
      'validation',
    );
  });
});

describe('planning a task into a slot', () => {
  it('takes the first free personal slot, sets the goal, links it as main and starts the task', async () => {
    const me = await person();
    const write = await createTask(t.deps, me, { title: 'Write the sync design note' });
    const busy = await createTask(t.deps, me, { title: 'Busy' });
    // Slot 1 has a goal, slot 2 a main task: slot 3 is the first free one.
    await changeSession(t.deps, me, sessionIdFor(me.id, TODAY, 1), { edit: { goal: 'Inbox zero' } });
    await linkTaskToSession(t.deps, me, sessionIdFor(me.id, TODAY, 2), busy.id, 'main');
    const planned = await planTaskIntoSlot(t.deps, me, write.id, {});
    expect(planned).toEqual({ sessionId: sessionIdFor(me.id, TODAY, 3), date: TODAY, slot: 3 });
    const { session } = await getSession(t.deps, me, planned.sessionId);
    expect(session).toMatchObject({
      goal: 'Write the sync design note',
      goalRevision: 1,
      version: 1,
      state: 'planned',
    });
    expect(await lastEvent(me)).toMatchObject({ sessionId: planned.sessionId, version: 1 });
    expect((await tasksOfSession(t.deps, me, planned.sessionId)).map((l) => [l.task.id, l.role])).toEqual([
      [write.id, 'main'],
    ]);
    expect((await getTask(t.deps, me, write.id)).task.status).toBe('doing');
    expect((await failure(planTaskIntoSlot(t.deps, me, write.id, {}))).message).toBe(
      'No free slot on that day.',
    );
  });

  it('puts an admin task in the Admin slot of a chosen future day, keeping a done task done', async () => {
    const me = await person();
    const expenses = await createTask(t.deps, me, { title: 'Expenses', type: 'admin', status: 'done' });
    const planned = await planTaskIntoSlot(t.deps, me, expenses.id, { date: '2026-04-20' });
    expect(planned).toMatchObject({ date: '2026-04-20', slot: 4 });
    expect((await getTask(t.deps, me, expenses.id)).task.status).toBe('done');
    const more = await createTask(t.deps, me, { title: 'More admin', type: 'admin' });
    const error = await failure(planTaskIntoSlot(t.deps, me, more.id, { date: '2026-04-20' }));
    expect(error.code).toBe('conflict');
    expect((await getTask(t.deps, me, more.id)).task.status).toBe('todo');
  });

  it('skips slots that already ran, refuses a past day and a malformed date', async () => {
    const me = await person();
    const task = await createTask(t.deps, me, { title: 'Deep work' });
    await changeSession(t.deps, me, sessionIdFor(me.id, TODAY, 1), { action: 'start' });
    expect((await planTaskIntoSlot(t.deps, me, task.id, {})).slot).toBe(2);
    const past = await failure(planTaskIntoSlot(t.deps, me, task.id, { date: '2026-04-05' }));
    expect(past.code).toBe('session.not_today');
    const bad = await failure(planTaskIntoSlot(t.deps, me, task.id, { date: '2026-02-30' }));
    expect(bad.code).toBe('validation');
    expect(bad.fields).toHaveProperty('date');
  });

  it('uses today in the person’s time zone', async () => {
    // UTC+14: already 7 April at 11:00 UTC
    const me = await createPerson(t, { timeZone: 'Pacific/Kiritimati', emailPrefix: 'tokyo' });
    t.clock.set(new Date('2026-04-06T11:00:00Z'));
    const task = await createTask(t.deps, me, { title: 'Early' });
    expect((await planTaskIntoSlot(t.deps, me, task.id, {})).date).toBe('2026-04-07');
  });
});

describe('session outcome', () => {
  it('records what came out of a completed session, keeps the note when left out, and clears it', async () => {
    const me = await person();
    const id = sessionIdFor(me.id, TODAY, 1);
    const task = await createTask(t.deps, me, { title: 'Ship it' });
    await linkTaskToSession(t.deps, me, id, task.id, 'main');
    await changeSession(t.deps, me, id, { action: 'start' });
    t.clock.advance(30 * 60);
    await changeSession(t.deps, me, id, { action: 'complete' });
    const before = (await getSession(t.deps, me, id)).session.version;
    const saved = await setSessionOutcome(t.deps, me, id, { outcome: 'done', note: ' Merged the fix ' });
    expect(saved).toMatchObject({
      id,
      state: 'completed',
      outcome: 'done',
      outcomeNote: 'Merged the fix',
      version: before + 1,
    });
    expect(await lastEvent(me)).toMatchObject({ sessionId: id, version: before + 1 });
    expect(await setSessionOutcome(t.deps, me, id, { outcome: 'progressed' })).toMatchObject({
      outcome: 'progressed',
      outcomeNote: 'Merged the fix',
    });
    expect(await setSessionOutcome(t.deps, me, id, { outcome: null, note: '' })).toMatchObject({
      outcome: null,
      outcomeNote: '',
    });
    // The person decides whether the task is done.
    expect((await getTask(t.deps, me, task.id)).task.status).toBe('todo');
  });

  it('refuses sessions that are not completed, bad input and other people’s sessions', async () => {
    const [me, other] = [await person(), await person()];
    const untouched = await failure(
      setSessionOutcome(t.deps, me, sessionIdFor(me.id, TODAY, 2), { outcome: 'done' }),
    );
    expect(untouched.code).toBe('session.invalid_transition');
    expect(untouched.message).toBe('What came out of a session can be noted once it is complete.');
    expect((await getSession(t.deps, me, sessionIdFor(me.id, TODAY, 2))).session.isStored).toBe(false);
    const running = sessionIdFor(me.id, TODAY, 1);
    await changeSession(t.deps, me, running, { action: 'start' });
    expect((await failure(setSessionOutcome(t.deps, me, running, { outcome: 'done' }))).code).toBe(
      'session.invalid_transition',
    );
    const theirs = sessionIdFor(other.id, '2026-04-05', 1);
    await changeSession(t.deps, other, theirs, { action: { type: 'log', minutes: 30 } });
    expect((await failure(setSessionOutcome(t.deps, me, theirs, { outcome: 'done' }))).code).toBe(
      'not_found',
    );
    expect((await getSession(t.deps, other, theirs)).session.version).toBe(1);
    const bad = await failure(
      setSessionOutcome(t.deps, other, theirs, { outcome: 'great' as never, note: 'x'.repeat(2001) }),
    );
    expect(bad.code).toBe('validation');
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['note', 'outcome']);
  });
});
