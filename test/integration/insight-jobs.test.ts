import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insights } from '../../src/db/schema/index.ts';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import type { JobQueue } from '../../src/jobs/queue.ts';
import { dismissInsight, recomputeInsights } from '../../src/services/insights.ts';
import { signUpPerson } from '../support/factories.ts';
import { done, skip, storeDays } from '../support/insight-history.ts';
import { act } from '../support/sheet.ts';
import { SseReader } from '../support/sse.ts';
import { createTestApp, startTestJobQueue, type TestApp } from '../support/test-app.ts';

/** Thursday 2026-04-09, 15:00 UTC. */
const THURSDAY = new Date('2026-04-09T15:00:00Z');
const POLL = { timeout: 20_000, interval: 200 };

let t: TestApp;
let queue: JobQueue;
beforeAll(async () => {
  t = await createTestApp({ now: THURSDAY });
  queue = await startTestJobQueue(t);
});
afterAll(async () => {
  await queue?.stop();
});

/** A person signed in on a browser, in UTC, with last week's focus and this Tuesday skipped. */
async function personWithHistory() {
  const { browser, user, actor } = await signUpPerson(t);
  await storeDays(t.deps.db, user.id, {
    '2026-03-31': { 1: done(45, '2026-03-31T09:00:00Z'), 2: done(45, '2026-03-31T10:00:00Z') },
    '2026-04-07': { 1: skip, 2: skip, 3: skip },
    '2026-04-08': { 1: skip },
  });
  return { browser, user, actor };
}

const shownRules = async (userId: string) =>
  (
    await t.deps.db
      .select({ rule: insights.rule })
      .from(insights)
      .where(and(eq(insights.userId, userId), isNull(insights.dismissedAt)))
  )
    .map((r) => r.rule)
    .sort();

describe('insight jobs', () => {
  it('recomputes after a change on its own, and tells the person’s open pages', async () => {
    const { browser, user } = await personWithHistory();
    const response = await browser.request('/events', { headers: { accept: 'text/event-stream' } });
    const stream = new SseReader(response);
    await stream.waitFor((events) => events.some((e) => e.event === 'hello'));

    // The fifth skip in a row: no one calls the insight service, the queued job does.
    const skipped = await act(browser, sessionIdFor(user.id, '2026-04-08', 2), 'skip');
    expect(skipped.status).toBeLessThan(400);
    await expect.poll(() => shownRules(user.id), POLL).toContain('skipped-run');

    await stream.waitFor(
      (events) => events.some((e) => e.event === 'change' && JSON.parse(e.data).type === 'insights.updated'),
      POLL.timeout,
    );
    await stream.close();
  });

  it('the hourly refresh recomputes people with recent sessions, keeping dismissed insights dismissed', async () => {
    const { user, actor } = await personWithHistory();
    await storeDays(t.deps.db, user.id, { '2026-04-09': { 1: skip } });
    expect(await shownRules(user.id)).toEqual([]);
    expect(await queue.runNow('refreshInsights')).toBeTruthy();
    await expect.poll(() => shownRules(user.id), POLL).toEqual(['low-focus', 'skipped-run']);

    const [skipped] = await t.deps.db
      .select()
      .from(insights)
      .where(and(eq(insights.userId, user.id), eq(insights.rule, 'skipped-run')));
    await dismissInsight(t.deps, actor, skipped!.id);
    // Low focus goes once the week holds enough focus; the refresh finds that out.
    await storeDays(t.deps.db, user.id, {
      '2026-04-06': { 1: done(240, '2026-04-06T08:00:00Z'), 2: done(240, '2026-04-06T13:00:00Z') },
    });
    await queue.runNow('refreshInsights');
    await expect.poll(() => shownRules(user.id), POLL).toEqual([]);
    const rows = await t.deps.db
      .select()
      .from(insights)
      .where(and(eq(insights.userId, user.id), eq(insights.rule, 'skipped-run')));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dismissedAt).not.toBeNull();
  });

  it('a new weekly target recomputes the insights that measure against it', async () => {
    const { browser, user } = await personWithHistory();
    await storeDays(t.deps.db, user.id, { '2026-04-06': { 1: done(20, '2026-04-06T09:00:00Z') } });
    await recomputeInsights(t.deps, user.id);
    expect(await shownRules(user.id)).toContain('low-focus');
    await browser.get('/settings');
    const saved = await browser.submit('/settings/preferences', {
      timeZone: 'UTC',
      sessionLengthMinutes: '45',
      weeklyFocusTargetMinutes: '30',
      weekStart: 'monday',
      theme: 'system',
    });
    expect(saved.status).toBe(303);
    await expect.poll(() => shownRules(user.id), POLL).not.toContain('low-focus');
  });
});
