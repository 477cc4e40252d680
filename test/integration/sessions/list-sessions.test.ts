import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCaller } from '../../support/api.ts';
import { createTestApp } from '../../support/test-app.ts';
import { newCaller } from '../api/callers.ts';

// GET /api/v1/sessions: a person's stored sessions as a list, for clients used to session
// trackers, filtered and ordered, paged with stable cursors.

/** Monday 6 April 2026, 09:00 in Berlin. */
const MONDAY = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: MONDAY });
beforeEach(() => t.clock.set(MONDAY));

type Item = {
  id: string;
  date: string;
  slot: number;
  state: string;
  kind: string;
  focusSeconds: number | null;
};
type Page = { items: Item[]; nextCursor: string | null };

async function ok<T = unknown>(response: Response | Promise<Response>): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text).toBeLessThan(300);
  return (text ? JSON.parse(text) : undefined) as T;
}
const post = (me: ApiCaller, path: string, json?: unknown) =>
  ok(me.call(path, { method: 'POST', ...(json === undefined ? {} : { json }) }));
const idsOf = async (me: ApiCaller, date: string) =>
  (await ok<{ sessions: { id: string }[] }>(me.call(`/days/${date}`))).sessions.map((s) => s.id);
const list = (me: ApiCaller, query = '') => ok<Page>(me.call(`/sessions${query ? `?${query}` : ''}`));
const keysOf = (items: Item[]) => items.map((s) => `${s.date}/${s.slot}`);

/** Follows nextCursor to the end and returns every item. */
async function walk(me: ApiCaller, query: string): Promise<Item[]> {
  const all: Item[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await list(
      me,
      `${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * Three touched days: 1 April (slot 1 logged 30 min, slot 2 skipped), 3 April (Admin logged
 * 50 min), and today (slot 1 run 40 min with two interruptions, slot 2 run 20 min with one).
 * 2 April and 5 April are only viewed. A task is main on today's slot 1 and supporting on
 * 1 April's slot 1.
 */
async function history() {
  const me = await newCaller(t);
  const april1 = await idsOf(me, '2026-04-01');
  const april3 = await idsOf(me, '2026-04-03');
  await idsOf(me, '2026-04-02');
  await idsOf(me, '2026-04-05');
  const today = await idsOf(me, '2026-04-06');
  await post(me, `/sessions/${april1[0]}/log`, { minutes: 30 });
  await post(me, `/sessions/${april1[1]}/skip`);
  await post(me, `/sessions/${april3[3]}/log`, { minutes: 50 });
  await post(me, `/sessions/${today[0]}/start`);
  await post(me, '/context-switches', { sessionId: today[0], reason: 'meeting' });
  await post(me, '/context-switches', { sessionId: today[0], reason: 'message' });
  t.clock.advance(40 * 60);
  await post(me, `/sessions/${today[0]}/complete`);
  await post(me, `/sessions/${today[1]}/start`);
  await post(me, '/context-switches', { sessionId: today[1], reason: 'colleague' });
  t.clock.advance(20 * 60);
  await post(me, `/sessions/${today[1]}/complete`);
  const task = await ok<{ id: string }>(
    me.call('/tasks', { method: 'POST', json: { title: 'Release notes' } }),
  );
  await ok(me.call(`/sessions/${today[0]}/tasks/${task.id}`, { method: 'PUT', json: { role: 'main' } }));
  await ok(
    me.call(`/sessions/${april1[0]}/tasks/${task.id}`, { method: 'PUT', json: { role: 'supporting' } }),
  );
  return { me, taskId: task.id, today, april1 };
}

describe('the list of sessions', () => {
  let h: Awaited<ReturnType<typeof history>>;
  beforeAll(async () => {
    t.clock.set(MONDAY);
    h = await history();
  });

  it('holds every slot of the touched days, newest day and slot first, and nothing of the others', async () => {
    const page = await list(h.me, 'limit=100');
    expect(keysOf(page.items)).toEqual([
      ...[4, 3, 2, 1].map((s) => `2026-04-06/${s}`),
      ...[4, 3, 2, 1].map((s) => `2026-04-03/${s}`),
      ...[4, 3, 2, 1].map((s) => `2026-04-01/${s}`),
    ]);
    expect(page.nextCursor).toBeNull();
    // The same Session objects as GET /sessions/{id}.
    const one = await ok(h.me.call(`/sessions/${h.today[0]}`));
    expect(page.items.find((s) => s.id === h.today[0])).toEqual(one);
  });

  it('pages every order with stable cursors, each session exactly once', async () => {
    for (const order of ['newest', 'oldest', 'focus', 'interruptions']) {
      const all = await walk(h.me, `order=${order}`);
      expect(new Set(all.map((s) => s.id)).size, order).toBe(12);
      expect(all, order).toHaveLength(12);
    }
    expect(keysOf(await walk(h.me, 'order=oldest')).slice(0, 5)).toEqual([
      '2026-04-01/1',
      '2026-04-01/2',
      '2026-04-01/3',
      '2026-04-01/4',
      '2026-04-03/1',
    ]);
  });

  it('orders by focus, most first, then by interruptions, most first', async () => {
    const byFocus = await walk(h.me, 'order=focus');
    expect(keysOf(byFocus).slice(0, 4)).toEqual([
      '2026-04-03/4',
      '2026-04-06/1',
      '2026-04-01/1',
      '2026-04-06/2',
    ]);
    expect(byFocus.slice(0, 4).map((s) => s.focusSeconds)).toEqual([3000, 2400, 1800, 1200]);
    const byInterruptions = await walk(h.me, 'order=interruptions');
    expect(keysOf(byInterruptions).slice(0, 3)).toEqual(['2026-04-06/1', '2026-04-06/2', '2026-04-06/4']);
  });

  it('filters by local dates, states (comma-separated or repeated) and kind', async () => {
    expect(keysOf((await list(h.me, 'from=2026-04-02&to=2026-04-05')).items)).toEqual([
      '2026-04-03/4',
      '2026-04-03/3',
      '2026-04-03/2',
      '2026-04-03/1',
    ]);
    const done = ['2026-04-06/2', '2026-04-06/1', '2026-04-03/4', '2026-04-01/2', '2026-04-01/1'];
    expect(keysOf((await list(h.me, 'state=completed,skipped')).items)).toEqual(done);
    expect(keysOf((await list(h.me, 'state=completed&state=skipped')).items)).toEqual(done);
    expect(keysOf((await list(h.me, 'state=completed&category=admin')).items)).toEqual(['2026-04-03/4']);
    expect(keysOf((await list(h.me, 'category=personal&from=2026-04-06')).items)).toEqual([
      '2026-04-06/3',
      '2026-04-06/2',
      '2026-04-06/1',
    ]);
  });

  it('filters by a task linked as main or supporting; another person’s task matches nothing', async () => {
    expect(keysOf((await list(h.me, `taskId=${h.taskId}`)).items)).toEqual(['2026-04-06/1', '2026-04-01/1']);
    const intruder = await newCaller(t);
    const theirs = await list(intruder, `taskId=${h.taskId}`);
    expect(theirs).toEqual({ items: [], nextCursor: null });
    expect(await list(intruder)).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['state=completed,finished', 'state.1', /Choose from planned, active, paused, completed, skipped/],
    ['category=deep', 'category', /./],
    ['taskId=abc', 'taskId', /one of your tasks/],
    ['from=2026-04-06&to=2026-04-01', 'to', /ends before it starts/],
    ['from=2026-02-30', 'from', /2026-04-06/],
    ['order=longest', 'order', /./],
    ['cursor=bm90IGEgY3Vyc29y', 'cursor', /Not a cursor/],
    ['limit=101', 'limit', /./],
  ])('answers 422 for %s', async (query, field, message) => {
    const response = await h.me.call(`/sessions?${query}`);
    const problem = (await response.json()) as { status: number; errors: Record<string, string> };
    expect(response.status).toBe(422);
    expect(problem.errors[field]).toMatch(message);
  });

  it('refuses a cursor of one order in another', async () => {
    const { nextCursor } = await list(h.me, 'order=newest&limit=1');
    const response = await h.me.call(`/sessions?order=focus&cursor=${encodeURIComponent(nextCursor!)}`);
    expect(response.status).toBe(422);
  });
});
