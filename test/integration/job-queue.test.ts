import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequests, users } from '../../src/db/schema/index.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/queue.ts';
import { createUser } from '../../src/services/create-user.ts';
import { testDatabase } from '../support/database.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
let queue: JobQueue;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
  const database = await testDatabase();
  queue = await startJobQueue(
    database,
    t.deps,
    database.kind === 'postgres' ? { url: process.env.TEST_DATABASE_URL! } : {},
  );
});
afterAll(async () => {
  await queue?.stop();
});

describe('background jobs', () => {
  it('prunes API calls older than the retention through the job queue, keeping recent ones', async () => {
    const user = await createUser(t.deps, { email: uniqueEmail(), password: 'a calm and long passphrase' });
    const entry = {
      userId: user.id,
      tokenId: null,
      method: 'GET',
      route: '/api/v1/me',
      status: 200,
      durationMs: 3,
      userAgent: 'test',
      ip: '203.0.113.0',
    };
    await t.deps.db.insert(apiRequests).values([
      { ...entry, createdAt: new Date('2026-02-01T00:00:00Z') },
      { ...entry, createdAt: new Date('2026-04-05T00:00:00Z') },
    ]);
    expect(await queue.runNow('pruneExpired')).toBeTruthy();
    await expect
      .poll(
        async () =>
          (await t.deps.db.select().from(apiRequests).where(eq(apiRequests.userId, user.id))).map((r) =>
            r.createdAt.toISOString(),
          ),
        {
          timeout: 15_000,
          interval: 200,
        },
      )
      .toEqual(['2026-04-05T00:00:00.000Z']);
    expect((await t.deps.db.select().from(users).where(eq(users.id, user.id))).length).toBe(1);
  });
});
