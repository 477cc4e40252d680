import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { localDateOf } from '../domain/local-date.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { recomputeInsights } from '../services/insights.ts';
import { JOB_NAMES } from '../services/job-sender.ts';
import { listRecentlyActiveUsers } from '../services/queue-insights.ts';

/** The payload a recompute is queued with; anything else is refused rather than guessed at. */
export const RecomputeInsightsPayload = z.object({ userId: z.uuid() }).strict();

/**
 * Hourly, everyone with a session in the last 35 days gets a recompute: that is the nightly
 * refresh, and it keeps time-dependent insights (streak risk late in the day) current.
 */
export const REFRESH_INSIGHTS = { name: 'refresh-insights', cron: '7 * * * *' } as const;

/** Registers the insight workers: a recompute per person, and the hourly refresh that queues them. */
export async function workInsightJobs(boss: PgBoss, deps: ServiceDeps): Promise<void> {
  await boss.createQueue(JOB_NAMES.recomputeInsights, { retryLimit: 3, expireInSeconds: 120 });
  // Batches, fetched back to back while they come full: the hourly refresh queues everyone at once.
  // A second's poll otherwise, so a person who just acted sees the result soon after.
  const options = { batchSize: 10, burstWhenBatchFull: true, localConcurrency: 2, pollingIntervalSeconds: 1 };
  await boss.work<unknown>(JOB_NAMES.recomputeInsights, options, async (jobs) => {
    let failure: unknown;
    for (const job of jobs) {
      const payload = RecomputeInsightsPayload.safeParse(job.data);
      if (!payload.success) {
        deps.logger.warn({ job: job.name, id: job.id }, 'recompute-insights: bad payload, dropped');
        continue;
      }
      // One person's failure does not hold back the rest of the batch; the batch is retried after
      // (recomputing is idempotent, so the others only repeat cheap work).
      await recomputeInsights(deps, payload.data.userId).catch((error: unknown) => {
        deps.logger.warn({ err: error, userId: payload.data.userId }, 'recompute-insights failed');
        failure = error;
      });
    }
    if (failure) throw failure;
  });
  await boss.createQueue(REFRESH_INSIGHTS.name, { policy: 'singleton', retryLimit: 2, expireInSeconds: 600 });
  await boss.schedule(REFRESH_INSIGHTS.name, REFRESH_INSIGHTS.cron);
  await boss.work(REFRESH_INSIGHTS.name, async () => {
    const today = localDateOf(deps.clock.now(), 'UTC');
    const people = await listRecentlyActiveUsers(deps, today);
    // One insert for everyone; a recompute queued by a change meanwhile runs too, harmlessly.
    if (people.length > 0) {
      await boss.insert(
        JOB_NAMES.recomputeInsights,
        people.map((userId) => ({ data: { userId } })),
      );
    }
    deps.logger.info({ job: REFRESH_INSIGHTS.name, people: people.length }, 'queued insight refreshes');
    return { people: people.length };
  });
}
