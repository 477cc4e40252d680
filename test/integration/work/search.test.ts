import { beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import { changeSession } from '../../../src/services/change-session.ts';
import type { Actor } from '../../../src/services/deps.ts';
import { searchEverything, splitHeadline } from '../../../src/services/search.ts';
import { setSessionOutcome } from '../../../src/services/session-outcome.ts';
import { createTask } from '../../../src/services/tasks/create-task.ts';
import { createPerson, failure } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
let me: Actor;
let other: Actor;
const ids: Record<string, string> = {};

const person = (): Promise<Actor> => createPerson(t, { emailPrefix: 'search' });

const textOf = (snippet: { text: string }[]) => snippet.map((s) => s.text).join('');
const matchesOf = (snippet: { text: string; isMatch: boolean }[]) =>
  snippet.filter((s) => s.isMatch).map((s) => s.text.toLowerCase());

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T15:00:00Z') });
  [me, other] = [await person(), await person()];
  ids.billing = (
    await createTask(t.deps, me, {
      title: 'Migrate billing to Stripe',
      description: 'Billing webhooks, billing retries and the billing dashboard.',
    })
  ).id;
  ids.docs = (
    await createTask(t.deps, me, {
      title: 'Write the handbook',
      description:
        'Onboarding, holidays, expenses, tooling, and a short note on billing somewhere in between.',
    })
  ).id;
  ids.markup = (
    await createTask(t.deps, me, {
      title: 'Escape <b>markup</b>',
      description: '<script>alert("xss")</script>',
    })
  ).id;
  // A session whose only trace of the word is its outcome note.
  ids.outcome = sessionIdFor(me.id, '2026-04-06', 1);
  await changeSession(t.deps, me, ids.outcome, { edit: { goal: 'Quarterly review' } });
  await changeSession(t.deps, me, ids.outcome, { action: { type: 'log', minutes: 45 } });
  await setSessionOutcome(t.deps, me, ids.outcome, {
    outcome: 'blocked',
    note: 'Found a race condition in the sync',
  });
  // A session without a goal, found by its notes.
  ids.notes = sessionIdFor(me.id, '2026-04-05', 2);
  await changeSession(t.deps, me, ids.notes, { edit: { notes: 'Sketched the billing export\nand more' } });
  await createTask(t.deps, other, { title: 'Billing for someone else', description: 'race race race' });
});

describe('search', () => {
  it('finds a session by a word of its outcome note, with the word marked in the snippet', async () => {
    const { items } = await searchEverything(t.deps, me, { q: 'races' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'session',
      id: ids.outcome,
      title: 'Quarterly review',
      date: '2026-04-06',
    });
    expect(matchesOf(items[0]!.snippet)).toEqual(['race']);
    expect(textOf(items[0]!.snippet)).toContain('Found a race condition in the sync');
  });

  it('ranks the better match first across tasks and sessions', async () => {
    const { items } = await searchEverything(t.deps, me, { q: 'billing' });
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.billing, ids.docs, ids.notes]));
    expect(items).toHaveLength(3);
    expect(items[0]!.id).toBe(ids.billing);
    const ranks = items.map((i) => i.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(ranks.every((r) => r > 0)).toBe(true);
    const notes = items.find((i) => i.id === ids.notes)!;
    expect(notes).toMatchObject({ kind: 'session', title: 'Personal 2 on 2026-04-05', date: '2026-04-05' });
    const task = items.find((i) => i.id === ids.billing)!;
    expect(task).toMatchObject({ kind: 'task', title: 'Migrate billing to Stripe', date: null });
    expect(matchesOf(task.snippet).every((m) => m === 'billing')).toBe(true);
  });

  it('filters by kind and limits the number of hits', async () => {
    expect(
      (await searchEverything(t.deps, me, { q: 'billing', kinds: ['session'] })).items.map((i) => i.id),
    ).toEqual([ids.notes]);
    expect((await searchEverything(t.deps, me, { q: 'billing', kinds: ['task'] })).items).toHaveLength(2);
    const [best] = (await searchEverything(t.deps, me, { q: 'billing', limit: 1 })).items;
    expect((await searchEverything(t.deps, me, { q: 'billing', limit: 1 })).items).toHaveLength(1);
    expect(best?.id).toBe(ids.billing);
  });

  it('understands phrases, or and exclusion', async () => {
    const search = async (q: string) =>
      (await searchEverything(t.deps, me, { q })).items.map((i) => i.id).sort();
    expect(await search('"billing dashboard"')).toEqual([ids.billing]);
    expect(await search('billing -stripe')).toEqual([ids.docs, ids.notes].sort());
    expect(await search('stripe or quarterly')).toEqual([ids.billing, ids.outcome].sort());
  });

  it('returns markup as plain text segments and never adds any', async () => {
    const { items } = await searchEverything(t.deps, me, { q: 'markup' });
    expect(items.map((i) => i.id)).toEqual([ids.markup]);
    const snippet = items[0]!.snippet;
    expect(textOf(snippet)).toContain('Escape <b>markup</b> <script>alert("xss")');
    expect(matchesOf(snippet)).toEqual(['markup']);
  });

  it("never finds another person's tasks or sessions", async () => {
    const { items } = await searchEverything(t.deps, other, { q: 'race billing' });
    expect(items.map((i) => i.title)).toEqual(['Billing for someone else']);
    expect((await searchEverything(t.deps, me, { q: 'someone' })).items).toEqual([]);
  });

  it('finds nothing for stop words alone and refuses a blank query or bad options', async () => {
    expect((await searchEverything(t.deps, me, { q: 'the and of' })).items).toEqual([]);
    for (const query of [
      { q: '' },
      { q: '   ' },
      { q: 'x', limit: 0 },
      { q: 'x', limit: 51 },
      { q: 'x', kinds: [] },
    ]) {
      const error = await failure(searchEverything(t.deps, me, query));
      expect(error.code).toBe('validation');
    }
  });
});

describe('splitHeadline', () => {
  it.each([
    ['plain', [{ text: 'plain', isMatch: false }]],
    [
      'a \u0002b\u0003 c',
      [
        { text: 'a ', isMatch: false },
        { text: 'b', isMatch: true },
        { text: ' c', isMatch: false },
      ],
    ],
    ['\u0002x\u0003\u0002y\u0003', [{ text: 'xy', isMatch: true }]],
    ['', []],
    ['\u0001b>x\u0001/b>', [{ text: '<b>x</b>', isMatch: false }]],
  ])('splits %j', (headline, segments) => {
    expect(splitHeadline(headline)).toEqual(segments);
  });
});
