import type { PgBoss } from 'pg-boss';
import type { ServiceDeps } from '../services/deps.ts';
import { JOB_NAMES } from '../services/job-sender.ts';
import { deliverDueWebhooks } from '../services/webhooks/deliver-webhooks.ts';

/** Every minute the worker sweeps due webhook deliveries; "send a test" and "resend" wake it at once. */
export const SWEEP_WEBHOOKS = { name: JOB_NAMES.deliverWebhooks, cron: '* * * * *' } as const;

/**
 * Registers the webhook delivery worker. A singleton queue keeps one sweep queued at a time; the
 * rows themselves are claimed with `for update skip locked`, so instances never share an attempt.
 */
export async function workWebhookJobs(boss: PgBoss, deps: ServiceDeps): Promise<void> {
  await boss.createQueue(SWEEP_WEBHOOKS.name, { policy: 'singleton', retryLimit: 1, expireInSeconds: 300 });
  await boss.schedule(SWEEP_WEBHOOKS.name, SWEEP_WEBHOOKS.cron);
  await boss.work(SWEEP_WEBHOOKS.name, async () => {
    // Sweep until nothing is due, in batches, so a backlog drains in one run.
    while ((await deliverDueWebhooks(deps)) > 0) {}
  });
}
