import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { focusSessions, insights, userEvents } from '../../src/db/schema/index.ts';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import { AppError } from '../../src/domain/errors.ts';
import { changeSession } from '../../src/services/change-session.ts';
import type { Actor } from '../../src/services/deps.ts';
import { dismissInsight, listInsights, recomputeInsights } from '../../src/services/insights.ts';
import { createPerson } from '../support/factories.ts';
import { done, skip, storeDays } from '../support/insight-history.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** Thursday 2026-04-09, 15:00 UTC; the people below live in UTC with weeks from Monday. */
const THURSDAY = new Date('2026-04-09T15:00:00Z');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: THURSDAY });
});

async function person(): Promise<Actor> {
  t.clock.set(THURSDAY);
  return createPerson(t);
}

/** Last week: three completed sessions; this week: Tuesday and Wednesday all skipped. */
async function storeSkippingWeek(userId: string) {
  await storeDays(t.deps.db, userId, {
    '2026-03-31': { 1: done(45, '2026-03-31T09:00:00Z'), 2: done(45, '2026-03-31T10:00:00Z') },
    '2026-04-01': { 1: done(45, '2026-04-01T09:00:00Z') },
    '2026-04-07': { 1: skip, 2: skip, 3: skip },
    '2026-04-08': { 1: skip, 2: skip, 3: skip },
  });
}

const eventsOf = async (userId: string) =>
  (await t.deps.db.select().from(userEvents).where(eq(userEvents.userId, userId))).filter(
    (e) => e.type === 'insights.updated',
  );

describe('insights', () => {
  it('records how often a session was paused and the focus before the first pause', async () => {
    const me = await person();
    const id = sessionIdFor(me.id, '2026-04-09', 1);
    await changeSession(t.deps, me, id, { action: 'start' });
    t.clock.advance(7 * 60);
    await changeSession(t.deps, me, id, { action: 'pause' });
    t.clock.advance(60);
    await changeSession(t.deps, me, id, { action: 'resume' });
    t.clock.advance(10 * 60);
    await changeSession(t.deps, me, id, { action: 'pause' });
    const [row] = await t.deps.db.select().from(focusSessions).where(eq(focusSessions.id, id));
    expect(row).toMatchObject({ pauseCount: 2, firstPauseFocusSeconds: 420 });
  });

  it('finds insights in a person’s own history, tells their pages once, and shows them to no one else', async () => {
    const me = await person();
    const stranger = await person();
    await storeSkippingWeek(me.id);
    expect(await recomputeInsights(t.deps, me.id)).toEqual({ changed: true, visible: 2 });
    const mine = await listInsights(t.deps, me);
    expect(mine.map((i) => [i.rule, i.severity, i.periodKey])).toEqual([
      ['low-focus', 'warning', '2026-04-06'],
      ['skipped-run', 'notice', '2026-04-06'],
    ]);
    expect(mine[1]!.message).toBe('Your last 6 personal sessions, over 2 days, were skipped.');
    expect(await listInsights(t.deps, stranger)).toEqual([]);
    expect(await eventsOf(me.id)).toHaveLength(1);

    // Nothing changed: no write, no event.
    expect(await recomputeInsights(t.deps, me.id)).toEqual({ changed: false, visible: 2 });
    expect(await eventsOf(me.id)).toHaveLength(1);
  });

  it('replaces what no longer holds and keeps a dismissed insight dismissed for its period', async () => {
    const me = await person();
    await storeSkippingWeek(me.id);
    await recomputeInsights(t.deps, me.id);
    const skipped = (await listInsights(t.deps, me)).find((i) => i.rule === 'skipped-run')!;
    await dismissInsight(t.deps, me, skipped.id);
    await dismissInsight(t.deps, me, skipped.id);
    expect((await listInsights(t.deps, me)).map((i) => i.rule)).toEqual(['low-focus']);

    // One more skip makes the run longer: the insight would change, but stays dismissed.
    await changeSession(t.deps, me, sessionIdFor(me.id, '2026-04-09', 1), { action: { type: 'skip' } });
    await recomputeInsights(t.deps, me.id);
    expect((await listInsights(t.deps, me)).map((i) => i.rule)).toEqual(['low-focus']);
    const stored = await t.deps.db
      .select()
      .from(insights)
      .where(and(eq(insights.userId, me.id), eq(insights.rule, 'skipped-run')));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.dismissedAt).not.toBeNull();
    expect(stored[0]!.message).toBe(skipped.message);

    // Enough focus today: low focus no longer holds and goes.
    await storeDays(t.deps.db, me.id, {
      '2026-04-06': { 1: done(200, '2026-04-06T08:00:00Z'), 2: done(200, '2026-04-06T12:00:00Z') },
    });
    await recomputeInsights(t.deps, me.id);
    expect(await listInsights(t.deps, me)).toEqual([]);
  });

  it('shows only the current period: last week’s insights are history', async () => {
    const me = await person();
    await storeSkippingWeek(me.id);
    await recomputeInsights(t.deps, me.id);
    t.clock.set(new Date('2026-04-13T08:00:00Z'));
    expect(await listInsights(t.deps, me)).toEqual([]);
    t.clock.set(THURSDAY);
  });

  it('refuses to dismiss another person’s insight, or no insight at all', async () => {
    const me = await person();
    const other = await person();
    await storeSkippingWeek(other.id);
    await recomputeInsights(t.deps, other.id);
    const [theirs] = await listInsights(t.deps, other);
    for (const id of [theirs!.id, 'not-an-id', '6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11']) {
      const error = await dismissInsight(t.deps, me, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('not_found');
    }
    expect(await listInsights(t.deps, other)).toHaveLength(2);
  });
});
