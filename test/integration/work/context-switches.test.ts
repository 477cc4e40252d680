import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import { changeSession, getSession } from '../../../src/services/change-session.ts';
import { deleteContextSwitch } from '../../../src/services/context-switches/delete-context-switch.ts';
import { listContextSwitches } from '../../../src/services/context-switches/list-context-switches.ts';
import { recordContextSwitch } from '../../../src/services/context-switches/record-context-switch.ts';
import type { Actor } from '../../../src/services/deps.ts';
import { linkTaskToSession } from '../../../src/services/session-tasks.ts';
import { createTask } from '../../../src/services/tasks/create-task.ts';
import { createPerson, failure } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
const TODAY = '2026-04-06';
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T09:00:00Z') });
});
beforeEach(() => t.clock.set(new Date('2026-04-06T09:00:00Z')));

const person = (timeZone = 'UTC'): Promise<Actor> => createPerson(t, { timeZone, emailPrefix: 'switch' });

async function running(actor: Actor, slot: 1 | 2 | 3 | 4 = 1): Promise<string> {
  const id = sessionIdFor(actor.id, TODAY, slot);
  await changeSession(t.deps, actor, id, { action: 'start' });
  return id;
}

describe('context switches', () => {
  it('records an interruption from the main task to another, keeping the session running', async () => {
    const me = await person();
    const main = await createTask(t.deps, me, { title: 'Main' });
    const urgent = await createTask(t.deps, me, { title: 'Urgent fix' });
    const id = sessionIdFor(me.id, TODAY, 1);
    await linkTaskToSession(t.deps, me, id, main.id, 'main');
    await running(me);
    t.clock.advance(600);
    const version = (await getSession(t.deps, me, id)).session.version;
    const row = await recordContextSwitch(t.deps, me, id, {
      reason: 'urgent',
      note: ' Prod down ',
      toTaskId: urgent.id,
    });
    expect(row).toMatchObject({
      sessionId: id,
      reason: 'urgent',
      note: 'Prod down',
      fromTaskId: main.id,
      toTaskId: urgent.id,
      occurredAt: new Date('2026-04-06T09:10:00Z'),
    });
    const { session } = await getSession(t.deps, me, id);
    expect(session).toMatchObject({ state: 'active', version: version + 1 });
  });

  it('pauses the session in the same request when the person asks', async () => {
    const me = await person();
    const id = await running(me);
    const row = await recordContextSwitch(t.deps, me, id, { reason: 'colleague', pause: true });
    expect(row).toMatchObject({ fromTaskId: null, toTaskId: null, note: '' });
    expect((await getSession(t.deps, me, id)).session.state).toBe('paused');
  });

  it('refuses a session that is not running, and records nothing', async () => {
    const me = await person();
    const planned = sessionIdFor(me.id, TODAY, 2);
    const error = await failure(recordContextSwitch(t.deps, me, planned, { reason: 'message' }));
    expect(error.code).toBe('session.invalid_transition');
    expect(error.message).toBe('Interruptions are recorded while a session runs.');
    const paused = await running(me);
    await changeSession(t.deps, me, paused, { action: 'pause' });
    expect((await failure(recordContextSwitch(t.deps, me, paused, { reason: 'message' }))).code).toBe(
      'session.invalid_transition',
    );
    expect((await listContextSwitches(t.deps, me, {})).items).toEqual([]);
  });

  it.each([
    [{ reason: 'boredom' }, 'reason'],
    [{ reason: 'other', note: 'x'.repeat(501) }, 'note'],
    [{ reason: 'other', note: 'two\nlines' }, 'note'],
    [{ reason: 'other', toTaskId: 'task-1' }, 'toTaskId'],
    [{ reason: 'other', pause: 'yes' }, 'pause'],
  ])('refuses %j', async (input, field) => {
    const me = await person();
    const id = await running(me);
    const error = await failure(recordContextSwitch(t.deps, me, id, input as never));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields ?? {})).toContain(field);
  });

  it("refuses another person's session, task or switch and changes nothing", async () => {
    const [me, other] = [await person(), await person()];
    const mine = await running(me);
    const theirs = await running(other);
    const theirTask = await createTask(t.deps, other, { title: 'Theirs' });
    const theirSwitch = await recordContextSwitch(t.deps, other, theirs, { reason: 'meeting' });
    expect((await failure(recordContextSwitch(t.deps, me, theirs, { reason: 'meeting' }))).code).toBe(
      'not_found',
    );
    expect(
      (await failure(recordContextSwitch(t.deps, me, mine, { reason: 'meeting', toTaskId: theirTask.id })))
        .code,
    ).toBe('not_found');
    expect((await failure(deleteContextSwitch(t.deps, me, theirSwitch.id))).code).toBe('not_found');
    expect((await failure(deleteContextSwitch(t.deps, me, 'nope'))).code).toBe('not_found');
    expect((await listContextSwitches(t.deps, me, { sessionId: theirs })).items).toEqual([]);
    expect((await listContextSwitches(t.deps, me, {})).items).toEqual([]);
    expect((await listContextSwitches(t.deps, other, {})).items.map((s) => s.id)).toEqual([theirSwitch.id]);
  });

  it('deletes a switch', async () => {
    const me = await person();
    const id = await running(me);
    const row = await recordContextSwitch(t.deps, me, id, { reason: 'own_idea' });
    await deleteContextSwitch(t.deps, me, row.id);
    expect((await listContextSwitches(t.deps, me, {})).items).toEqual([]);
    expect((await failure(deleteContextSwitch(t.deps, me, row.id))).code).toBe('not_found');
  });

  it('lists by session, reason and local days, and pages through every switch in both orders', async () => {
    const me = await person('America/New_York'); // 09:00 UTC is 05:00 on the same day
    const first = await running(me, 1);
    for (const reason of ['meeting', 'message', 'meeting'] as const) {
      await recordContextSwitch(t.deps, me, first, { reason });
    }
    t.clock.advance(600);
    await recordContextSwitch(t.deps, me, first, { reason: 'break' });
    await changeSession(t.deps, me, first, { action: 'complete' });
    t.clock.set(new Date('2026-04-07T02:00:00Z')); // 22:00 on 6 April in New York
    const second = await running(me, 2);
    await recordContextSwitch(t.deps, me, second, { reason: 'message' });
    await recordContextSwitch(t.deps, me, second, { reason: 'other' });

    expect((await listContextSwitches(t.deps, me, { sessionId: first })).items).toHaveLength(4);
    expect((await listContextSwitches(t.deps, me, { reason: 'meeting' })).items).toHaveLength(2);
    expect((await listContextSwitches(t.deps, me, { from: TODAY, to: TODAY })).items).toHaveLength(6);
    expect((await listContextSwitches(t.deps, me, { from: '2026-04-07' })).items).toHaveLength(0);
    expect((await listContextSwitches(t.deps, me, { to: '2026-04-05' })).items).toHaveLength(0);
    expect((await failure(listContextSwitches(t.deps, me, { from: '2026-13-01' }))).code).toBe('validation');

    for (const order of ['newest', 'oldest'] as const) {
      const all = (await listContextSwitches(t.deps, me, { order, limit: 100 })).items;
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listContextSwitches(t.deps, me, {
          order,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((s) => s.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(all.map((s) => s.id));
      expect(new Set(seen).size).toBe(6);
      const times = all.map((s) => s.occurredAt.getTime());
      const sorted = [...times].sort((a, b) => (order === 'newest' ? b - a : a - b));
      expect(times).toEqual(sorted);
    }
  });
});
