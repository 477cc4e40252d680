import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { JobQueue } from '../../src/jobs/queue.ts';
import { JOB_NAMES } from '../../src/services/job-sender.ts';
import type { TestApp } from './test-app.ts';

/**
 * Moves time forward for the app's manual clock and for the queue alike: pg-boss counts a job's
 * `startAfter` on the database's clock, so its waiting jobs are brought nearer by as much.
 */
export async function advanceTime(t: TestApp, queue: JobQueue, seconds: number): Promise<void> {
  await t.jobs.idle();
  t.clock.advance(seconds);
  await t.deps.db.execute(
    sql`update ${sql.identifier(queue.schema)}.job set start_after = start_after - make_interval(secs => ${seconds})
        where name = ${JOB_NAMES.pushTimeUp} and state in ('created', 'retry')`,
  );
}

/** The session's time's-up jobs by state. */
export async function pushJobStates(queue: JobQueue, sessionId: string): Promise<string[]> {
  const jobs = await queue.boss.findJobs(JOB_NAMES.pushTimeUp, { key: sessionId });
  return jobs.map((job) => job.state).sort();
}

const POLL = { timeout: 20_000, interval: 100 };

/** Waits until no job of the session's is waiting or running any more. */
export async function untilPushJobsSettle(queue: JobQueue, sessionId: string): Promise<string[]> {
  await expect
    .poll(
      async () =>
        (await pushJobStates(queue, sessionId)).some((s) => ['created', 'retry', 'active'].includes(s)),
      POLL,
    )
    .toBe(false);
  return pushJobStates(queue, sessionId);
}

/** Brings the session's retry forward to now, as the wait of its backoff passing would. */
export async function makeRetryDue(t: TestApp, queue: JobQueue, sessionId: string): Promise<void> {
  await t.deps.db.execute(
    sql`update ${sql.identifier(queue.schema)}.job set start_after = now()
        where name = ${JOB_NAMES.pushTimeUp} and singleton_key = ${sessionId} and state = 'retry'`,
  );
}
