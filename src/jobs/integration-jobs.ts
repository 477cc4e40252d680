import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { allConnectionIds } from '../db/stores/integration-store.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { syncConnection } from '../services/integrations/sync-connection.ts';
import { JOB_NAMES } from '../services/job-sender.ts';

export const SyncIntegrationPayload = z.object({ connectionId: z.uuid() }).strict();

/** Every 15 minutes each working connection is synced: one job per connection, at most one queued. */
export const SYNC_INTEGRATIONS = { name: 'sync-integrations', cron: '*/15 * * * *' } as const;

/** Registers the issue-import workers: a sync per connection, and the schedule that fans them out. */
export async function workIntegrationJobs(boss: PgBoss, deps: ServiceDeps): Promise<void> {
  // Stately: per connection one queued and one running; a killed run's retry resumes its progress.
  await boss.createQueue(JOB_NAMES.syncIntegration, {
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 1800,
  });
  await boss.work<unknown>(JOB_NAMES.syncIntegration, { batchSize: 1 }, async ([job]) => {
    const payload = SyncIntegrationPayload.safeParse(job?.data);
    if (!payload.success) return;
    return { outcome: await syncConnection(deps, payload.data.connectionId) };
  });
  await boss.createQueue(SYNC_INTEGRATIONS.name, {
    policy: 'singleton',
    retryLimit: 2,
    expireInSeconds: 600,
  });
  await boss.schedule(SYNC_INTEGRATIONS.name, SYNC_INTEGRATIONS.cron);
  await boss.work(SYNC_INTEGRATIONS.name, async () => {
    const ids = await allConnectionIds(deps.db);
    for (const connectionId of ids) {
      await boss.send(JOB_NAMES.syncIntegration, { connectionId }, { singletonKey: connectionId });
    }
    return { connections: ids.length };
  });
}
