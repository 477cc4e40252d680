import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import type { ServiceDeps } from '../services/deps.ts';
import { JOB_NAMES } from '../services/job-sender.ts';
import { PushRetry, sendTimeUpPush } from '../services/web-push/send-time-up-push.ts';

/** The payload a time's-up push is queued with; the session's state is read fresh by the handler. */
export const TimeUpPushPayload = z.object({ userId: z.uuid(), sessionId: z.uuid() }).strict();

/**
 * Registers the time's-up push worker. The queue is 'short': one queued job per session (its
 * singletonKey), which a resume or keep-going moves (upsert) and a pause cancels. A push service
 * that is down is retried with backoff (10, 20, 40, 80 s: within the push's five-minute TTL; the
 * handler itself gives up once the TTL has passed).
 */
export async function workPushJobs(boss: PgBoss, deps: ServiceDeps): Promise<void> {
  await boss.createQueue(JOB_NAMES.pushTimeUp, {
    policy: 'short',
    retryLimit: 4,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 60,
  });
  const options = { batchSize: 1, localConcurrency: 2, pollingIntervalSeconds: 0.5 };
  await boss.work<unknown>(JOB_NAMES.pushTimeUp, options, async ([job]) => {
    if (!job) return;
    const payload = TimeUpPushPayload.safeParse(job.data);
    if (!payload.success) {
      deps.logger.warn({ job: job.name, id: job.id }, 'push-time-up: bad payload, dropped');
      return;
    }
    try {
      const result = await sendTimeUpPush(deps, payload.data);
      if (result.kind === 'not-due') {
        // Run early (another instance's clock, or a move that raced this run): due again then.
        await boss.upsert(JOB_NAMES.pushTimeUp, payload.data, {
          singletonKey: payload.data.sessionId,
          startAfter: Math.ceil(result.inSeconds),
        });
      }
      deps.logger.debug({ job: job.name, ...payload.data, result }, "time's-up push");
    } catch (error) {
      if (error instanceof PushRetry) deps.logger.info({ job: job.name, ...payload.data }, error.message);
      throw error;
    }
  });
}
