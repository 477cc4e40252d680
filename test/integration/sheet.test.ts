import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { focusSessions, users } from '../../src/db/schema/index.ts';
import { signUpPerson } from '../support/factories.ts';
import { TestBrowser } from '../support/http-client.ts';
import { act, nowTimerText, sessionIdsOf } from '../support/sheet.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  // Monday 6 April 2026, 09:00 in Berlin.
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
});

const person = (timeZone = 'Europe/Berlin') => signUpPerson(t, { timeZone });

async function storedRows(userId: string) {
  return t.deps.db.select().from(focusSessions).where(eq(focusSessions.userId, userId));
}

describe('the daily sheet', () => {
  it('shows four slots for today and stores nothing until something changes', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const { browser, user } = await person();
    const html = await (await browser.get('/')).text();
    expect(html).toContain('Today · Mon 6 Apr');
    for (const label of ['Personal 1', 'Personal 2', 'Personal 3', 'Admin']) expect(html).toContain(label);
    await browser.get('/day/2026-04-09');
    await browser.get('/day/2026-04-01');
    expect(await storedRows(user.id)).toHaveLength(0);
  });

  it.each(['2026-02-30', '2026-13-01', 'yesterday', '99999-01-01', '0000-01-01', '2026-4-6'])(
    'answers a 4xx for the date %j',
    async (date) => {
      const { browser } = await person();
      const response = await browser.get(`/day/${date}`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    },
  );

  it('stores the whole day on the first change and keeps the goal typed with Start', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const { browser, user } = await person();
    const [first] = await sessionIdsOf(browser);
    const started = await act(browser, first!, 'start', {
      goal: 'Draft the sync design note',
      goalRevision: '0',
    });
    expect(started.status).toBe(303);
    const rows = await storedRows(user.id);
    expect(rows.map((r) => [r.slot, r.kind]).sort()).toEqual([
      [1, 'personal'],
      [2, 'personal'],
      [3, 'personal'],
      [4, 'admin'],
    ]);
    const row = rows.find((r) => r.slot === 1)!;
    expect(row.goal).toBe('Draft the sync design note');
    expect(row.state).toBe('active');
    expect(await nowTimerText(browser)).toBe('45:00');
  });

  it('counts down on the server, freezes while paused and resumes where it stopped', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const { browser } = await person();
    const [first] = await sessionIdsOf(browser);
    await act(browser, first!, 'start');
    t.clock.advance(10 * 60 + 18);
    expect(await nowTimerText(browser)).toBe('34:42');
    await act(browser, first!, 'pause');
    t.clock.advance(3600);
    expect(await nowTimerText(browser)).toBe('34:42');
    await act(browser, first!, 'resume');
    t.clock.advance(34 * 60 + 42);
    expect(await nowTimerText(browser)).toBe("Time's up · +0:00");
    t.clock.advance(3 * 60 + 12);
    expect(await nowTimerText(browser)).toBe("Time's up · +3:12");
    await act(browser, first!, 'complete');
    const html = (await (await browser.get('/')).text()).replaceAll('\u00a0', ' '); // lines keep their parts together
    expect(html).toContain('✓ completed · 48 min');
    expect(html).toContain('1 of 4 done · 25% · 0 in progress · 3 open · 0 skipped');
    expect(html).toContain('Personal 1 of 3 done · 33% · 0 in progress · 2 open · 0 skipped');
    expect(html).toContain('Admin 0 of 1 done · 0% · 0 in progress · 1 open · 0 skipped');
  });

  it('flags a session forgotten for hours instead of counting hours of focus', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const { browser, user } = await person();
    const [first] = await sessionIdsOf(browser);
    await act(browser, first!, 'start');
    t.clock.advance(5 * 3600);
    await act(browser, first!, 'complete');
    const row = (await storedRows(user.id)).find((r) => r.slot === 1)!;
    expect(row.isFlagged).toBe(true);
    expect(row.focusSeconds).toBe(45 * 60);
    expect(await (await browser.get('/')).text()).toContain('ran long, counted the plan');
  });

  it('refuses a second running session and lets a paused one wait', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const { browser } = await person();
    const [first, second] = await sessionIdsOf(browser);
    await act(browser, first!, 'start');
    const refused = await act(browser, second!, 'start');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Personal 1 is already running.');
    await act(browser, first!, 'pause');
    expect((await act(browser, second!, 'start')).status).toBe(303);
  });

  it('leaves exactly one running when two devices start two slots at once', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const { browser, user } = await person();
    const ids = await sessionIdsOf(browser);
    const results = await Promise.all(ids.map((id) => act(browser, id, 'start')));
    expect(results.filter((r) => r.status === 303)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    const active = (await storedRows(user.id)).filter((r) => r.state === 'active');
    expect(active).toHaveLength(1);
  });

  it("answers 404 for another person's session and changes nothing", async () => {
    const alice = await person();
    const bob = await person();
    const [aliceFirst] = await sessionIdsOf(alice.browser);
    const response = await act(bob.browser, aliceFirst!, 'start', { goal: 'hijack' });
    expect(response.status).toBe(404);
    expect(await storedRows(alice.user.id)).toHaveLength(0);
    expect(await storedRows(bob.user.id)).toHaveLength(0);
  });

  it('plans future days without starting them, and logs past days instead', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const { browser, user } = await person();
    const future = await sessionIdsOf(browser, '2026-04-08');
    expect(
      (await act(browser, future[0]!, 'save', { goal: 'Write the talk', plannedMinutes: '60' })).status,
    ).toBe(303);
    const refused = await act(browser, future[0]!, 'start');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('planned, not started');

    const past = await sessionIdsOf(browser, '2026-04-03');
    expect((await act(browser, past[0]!, 'start')).status).toBe(409);
    expect((await act(browser, past[0]!, 'log', { minutes: '40' })).status).toBe(303);
    const logged = (await storedRows(user.id)).find((r) => r.localDate === '2026-04-03' && r.slot === 1)!;
    expect(logged.state).toBe('completed');
    expect(logged.loggedAfterwards).toBe(true);
    expect(logged.focusSeconds).toBe(40 * 60);
    const html = await (await browser.get('/day/2026-04-03')).text();
    expect(html).toContain('✓ completed · 40 min · logged');
    const planned = (await storedRows(user.id)).find((r) => r.localDate === '2026-04-08' && r.slot === 1)!;
    expect([planned.goal, planned.plannedMinutes]).toEqual(['Write the talk', 60]);
  });

  it('refuses a planned length outside 5 to 240 minutes and keeps the saved one', async () => {
    const { browser, user } = await person();
    const [first] = await sessionIdsOf(browser);
    await act(browser, first!, 'save', { plannedMinutes: '25' });
    for (const bad of ['4', '241', 'soon']) {
      const response = await act(browser, first!, 'save', { plannedMinutes: bad });
      expect(response.status).toBe(422);
    }
    expect((await storedRows(user.id)).find((r) => r.slot === 1)!.plannedMinutes).toBe(25);
  });

  it('shows a session still running from yesterday on today with a link, and it does not block silently', async () => {
    t.clock.set(new Date('2026-04-06T20:00:00Z'));
    const { browser } = await person();
    const [first, second] = await sessionIdsOf(browser);
    await act(browser, first!, 'start');
    await act(browser, first!, 'pause');
    t.clock.set(new Date('2026-04-07T07:00:00Z'));
    const html = await (await browser.get('/')).text();
    expect(html).toContain('Today · Tue 7 Apr');
    expect(html).toContain('Now · Personal 1');
    expect(html).toContain('href="/day/2026-04-06"');
    const today = await sessionIdsOf(browser);
    expect((await act(browser, today[0]!, 'start')).status).toBe(303);
    expect(second).toBeDefined();
  });

  it("uses the person's time zone for today, across their midnight", async () => {
    const { browser } = await person('Pacific/Auckland');
    t.clock.set(new Date('2026-04-06T11:59:00Z')); // 23:59 on Mon 6 Apr in Auckland
    expect(await (await browser.get('/')).text()).toContain('Today · Mon 6 Apr');
    t.clock.set(new Date('2026-04-06T12:01:00Z')); // 00:01 on Tue 7 Apr
    expect(await (await browser.get('/')).text()).toContain('Today · Tue 7 Apr');
  });
});

describe('notes and goals from two devices', () => {
  it('detects a conflicting notes save and keeps what was saved', async () => {
    const { browser, user } = await person();
    const phone = new TestBrowser(t.app);
    await phone.logIn(user.email);
    const [first] = await sessionIdsOf(browser);
    const save = (b: TestBrowser, notes: string, notesRevision: number) =>
      b.request(`/sessions/${first}/edit`, {
        method: 'POST',
        body: JSON.stringify({ notes, notesRevision }),
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': b.csrfToken,
          origin: b.origin,
          'sec-fetch-site': 'same-origin',
        },
      });
    await phone.get('/');
    const laptopSave = await save(browser, 'laptop words', 0);
    expect(await laptopSave.json()).toMatchObject({ notesRevision: 1 });
    const phoneSave = await save(phone, 'phone words', 0);
    expect(phoneSave.status).toBe(409);
    const problem = await phoneSave.json();
    expect(problem.code).toBe('session.version_conflict');
    expect(problem.details.current).toEqual({ text: 'laptop words', revision: 1 });
    const kept = await save(phone, 'laptop words\n\nphone words', 1);
    expect(kept.status).toBe(200);
    expect((await storedRows(user.id)).find((r) => r.slot === 1)!.notes).toBe('laptop words\n\nphone words');
  });

  it('refuses a goal longer than 255 characters or on two lines', async () => {
    const { browser } = await person();
    const [first] = await sessionIdsOf(browser);
    expect((await act(browser, first!, 'save', { goal: 'x'.repeat(256) })).status).toBe(422);
    expect((await act(browser, first!, 'save', { goal: 'one\ntwo' })).status).toBe(422);
    expect((await act(browser, first!, 'save', { goal: '  trimmed goal  ' })).status).toBe(303);
    expect(await (await browser.get('/')).text()).toContain('value="trimmed goal"');
  });
});

describe('the database keeps the sheet whole', () => {
  it('refuses a fifth slot, a deleted slot, a moved slot and a partial day', async () => {
    const { browser, user } = await person();
    const [first] = await sessionIdsOf(browser);
    await act(browser, first!, 'save', { goal: 'exists' });
    const db = t.deps.db;
    await expect(
      db.execute(
        sql`insert into focus_sessions (id, user_id, local_date, slot, planned_minutes, updated_at) values (gen_random_uuid(), ${user.id}, '2026-04-06', 5, 45, now())`,
      ),
    ).rejects.toThrow();
    await expect(
      db.delete(focusSessions).where(and(eq(focusSessions.userId, user.id), eq(focusSessions.slot, 4))),
    ).rejects.toThrow();
    await expect(
      db.update(focusSessions).set({ slot: 4 }).where(eq(focusSessions.id, first!)),
    ).rejects.toThrow();
    await expect(
      db.execute(
        sql`insert into focus_sessions (id, user_id, local_date, slot, planned_minutes, updated_at) values (gen_random_uuid(), ${user.id}, '2026-05-01', 1, 45, now())`,
      ),
    ).rejects.toThrow();
    await expect(
      db.execute(sql`update focus_sessions set kind = 'admin' where id = ${first}`),
    ).rejects.toThrow();
    const count = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from focus_sessions where user_id = ${user.id}`,
    );
    expect(count[0]!.n).toBe(4);
  });

  it('removes the slots with their person', async () => {
    const { browser, user } = await person();
    const [first] = await sessionIdsOf(browser);
    await act(browser, first!, 'save', { goal: 'goes away' });
    await t.deps.db.delete(users).where(eq(users.id, user.id));
    expect(await storedRows(user.id)).toHaveLength(0);
  });
});
