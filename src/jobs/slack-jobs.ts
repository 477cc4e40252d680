import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { SlackError } from '../integrations/slack-client.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { JOB_NAMES } from '../services/job-sender.ts';
import { syncSlackStatus } from '../services/slack/sync-slack-status.ts';

/** The payload a Slack sync is queued with; the session id is for the logs, the state is read fresh. */
export const SyncSlackStatusPayload = z.object({ userId: z.uuid(), sessionId: z.string().max(100) }).strict();

/**
 * Registers the Slack status worker. The queue is 'stately' by person: one sync runs and one
 * waits per person, so a burst of timer actions makes at most two writes, in order. Slack's
 * 'ratelimited' comes back after its Retry-After; network failures retry with backoff.
 */
export async function workSlackJobs(boss: PgBoss, deps: ServiceDeps): Promise<void> {
  await boss.createQueue(JOB_NAMES.syncSlackStatus, {
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 120,
  });
  const options = { batchSize: 1, localConcurrency: 2, pollingIntervalSeconds: 0.5 };
  await boss.work<unknown>(JOB_NAMES.syncSlackStatus, options, async ([job]) => {
    if (!job) return;
    const payload = SyncSlackStatusPayload.safeParse(job.data);
    if (!payload.success) {
      deps.logger.warn({ job: job.name, id: job.id }, 'sync-slack-status: bad payload, dropped');
      return;
    }
    try {
      const result = await syncSlackStatus(deps, payload.data.userId);
      deps.logger.debug({ job: job.name, ...payload.data, result }, 'slack status synced');
    } catch (error) {
      if (!(error instanceof SlackError && error.isRateLimited)) throw error;
      // Slack said when to come back: a job of its own then, rather than the queue's backoff.
      await boss.send(JOB_NAMES.syncSlackStatus, payload.data, {
        singletonKey: payload.data.userId,
        startAfter: error.retryAfterSeconds ?? 30,
      });
    }
  });
}
