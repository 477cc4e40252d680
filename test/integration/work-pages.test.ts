import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { contextSwitches } from '../../src/db/schema/index.ts';
import { TestBrowser } from '../support/http-client.ts';
import { act, sessionIdsOf } from '../support/sheet.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
});

describe('tasks, interruptions and outcomes in the pages', () => {
  it('quick-adds a task, plans it into a slot, records an interruption and an outcome, and finds it by search', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail(), undefined, 'Europe/Berlin');

    const preview = await (
      await browser.get(
        `/tasks/quick-add/preview?text=${encodeURIComponent('Fix login redirect #web !high tomorrow')}`,
      )
    ).text();
    expect(preview).toContain('Fix login redirect');
    expect(preview).toContain('web');
    expect(preview).toMatch(/high/i);

    await browser.get('/tasks');
    const added = await browser.submit('/tasks/quick-add', {
      text: 'Fix login redirect #web !high tomorrow',
    });
    expect(added.status).toBe(303);
    const list = await (await browser.get(added.headers.get('location')!)).text();
    expect(list).toContain('Fix login redirect');
    const taskId = list.match(/href="\/tasks\/([0-9a-f-]{36})"/)![1]!;

    const planned = await browser.submit(`/tasks/${taskId}/plan`, {});
    expect(planned.status).toBe(303);
    expect(planned.headers.get('location')).toBe('/day/2026-04-06#slot-1');
    let sheet = await (await browser.get('/')).text();
    expect(sheet).toContain('value="Fix login redirect"');
    expect(sheet).toContain(`href="/tasks/${taskId}"`);

    const [first] = await sessionIdsOf(browser);
    await act(browser, first!, 'start');
    t.clock.advance(600);
    const interrupted = await browser.submit(`/sessions/${first}/interrupt`, {
      reason: 'meeting',
      switchNote: 'standup ran long',
      toTaskId: taskId,
    });
    expect(interrupted.status).toBe(303);
    const [recorded] = await t.deps.db
      .select()
      .from(contextSwitches)
      .where(eq(contextSwitches.sessionId, first!));
    expect(recorded).toMatchObject({
      reason: 'meeting',
      note: 'standup ran long',
      fromTaskId: taskId,
      toTaskId: taskId,
    });
    sheet = await (await browser.get('/')).text();
    expect(sheet).toContain('Interruptions: 09:10 meeting');

    t.clock.advance(35 * 60);
    await act(browser, first!, 'complete');
    sheet = await (await browser.get('/')).text();
    expect(sheet).toContain('What came out of it?');
    await browser.submit(`/sessions/${first}/outcome`, {
      outcome: 'progressed',
      note: 'Found the cookie domain mismatch',
    });
    sheet = await (await browser.get('/')).text();
    expect(sheet).toMatch(/class="chip is-selected" aria-pressed="true">Progressed/);

    const results = await (await browser.get('/search?q=mismatch')).text();
    expect(results).toContain('<mark>mismatch</mark>');
    expect(results).toContain('/day/2026-04-06');

    const task = await (await browser.get(`/tasks/${taskId}`)).text();
    expect(task).toContain('1 session · 45 min of focus');
  });

  it("answers 404 for another person's task, project and session links", async () => {
    const alice = new TestBrowser(t.app);
    await alice.signUp(uniqueEmail('alice'));
    await alice.get('/tasks');
    await alice.submit('/tasks/quick-add', { text: 'Private work #secret' });
    const taskId = (await (await alice.get('/tasks')).text()).match(/href="\/tasks\/([0-9a-f-]{36})"/)![1]!;
    const bob = new TestBrowser(t.app);
    await bob.signUp(uniqueEmail('bob'));
    expect((await bob.get(`/tasks/${taskId}`)).status).toBe(404);
    await bob.get('/');
    expect((await bob.submit(`/tasks/${taskId}/plan`, {})).status).toBe(404);
    const [bobSlot] = await sessionIdsOf(bob);
    expect((await bob.submit(`/sessions/${bobSlot}/tasks`, { taskId, role: 'main' })).status).toBe(404);
  });
});

describe('hostile input in the pages', () => {
  it('answers a NUL character in a form or a query with a 422, never a 500', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail());
    await browser.get('/tasks');
    expect((await browser.submit('/tasks/quick-add', { text: 'bad\u0000task' })).status).toBe(422);
    expect((await browser.get('/search?q=a%00b')).status).toBe(422);
    expect((await browser.get('/tasks?q=%00')).status).toBe(422);
  });
});
