import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authSessions, userEvents, users } from '../../src/db/schema/index.ts';
import { pruneExpired } from '../../src/services/prune-expired.ts';
import { TestBrowser } from '../support/http-client.ts';
import { act, sessionIdsOf } from '../support/sheet.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
});

describe('pruning', () => {
  it('removes expired sessions and week-old events, and keeps live ones', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const email = uniqueEmail();
    const browser = new TestBrowser(t.app);
    await browser.signUp(email);
    const user = (await t.deps.db.select().from(users).where(eq(users.email, email)))[0]!;
    const shortLived = new TestBrowser(t.app);
    await shortLived.logIn(email, undefined, false);
    const [first] = await sessionIdsOf(browser);
    await act(browser, first!, 'save', { goal: 'an old event' });

    t.clock.advance(8 * 86_400);
    await act(browser, first!, 'save', { goal: 'a new event' });
    await pruneExpired(t.deps);

    const events = await t.deps.db.select().from(userEvents).where(eq(userEvents.userId, user.id));
    expect(events).toHaveLength(1);
    expect(events[0]!.createdAt.toISOString()).toBe('2026-04-14T07:00:00.000Z');
    const sessions = await t.deps.db.select().from(authSessions).where(eq(authSessions.userId, user.id));
    expect(sessions).toHaveLength(1);
    expect((await browser.get('/')).status).toBe(200);
  });
});
