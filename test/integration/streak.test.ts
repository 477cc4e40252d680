import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, type LocalDate } from '../../src/domain/local-date.ts';
import { streakFor } from '../../src/services/summaries.ts';
import { insertUserRow } from '../support/factories.ts';
import { insertDays } from '../support/report-history.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const today: LocalDate = '2026-04-08';

async function personWith(focused: LocalDate[], extra: Parameters<typeof insertDays>[2] = []) {
  const user = await insertUserRow(t, { email: uniqueEmail('streak') });
  await insertDays(t.deps.db, { id: user.id, timeZone: 'UTC' }, [
    ...focused.map((date) => ({ date, plans: { 2: { state: 'completed' as const, minutes: 45 } } })),
    ...extra,
  ]);
  return user.id;
}

/** `length` consecutive days ending on `last`. */
const run = (last: LocalDate, length: number) => Array.from({ length }, (_, i) => addDays(last, -i));

describe('streak', () => {
  it('counts a run that ends exactly where one range of dates read ends', async () => {
    const id = await personWith([...run(today, 32), ...run(addDays(today, -40), 5)]);
    expect(await streakFor(t.deps.db, id, today)).toEqual({
      length: 32,
      includesToday: true,
      needsToday: false,
    });
  });

  it('follows a run of almost two years through several ranges, and keeps it alive until today ends', async () => {
    const id = await personWith(run(addDays(today, -1), 700));
    expect(await streakFor(t.deps.db, id, today)).toEqual({
      length: 700,
      includesToday: false,
      needsToday: true,
    });
  }, 60_000);

  it('counts only days with a completed personal session', async () => {
    const yesterday = addDays(today, -1);
    const id = await personWith(
      [today],
      [
        { date: yesterday, plans: { 4: { state: 'completed', minutes: 45 }, 1: { state: 'skipped' } } },
        { date: addDays(today, -2), plans: { 1: { state: 'completed', minutes: 45 } } },
      ],
    );
    expect(await streakFor(t.deps.db, id, today)).toEqual({
      length: 1,
      includesToday: true,
      needsToday: false,
    });
    expect(await streakFor(t.deps.db, await personWith([]), today)).toEqual({
      length: 0,
      includesToday: false,
      needsToday: false,
    });
  });
});
