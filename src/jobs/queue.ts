import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/client.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { runExportJob } from '../services/exports/export-jobs.ts';
import type { AttachableJobSender, JobRequest } from '../services/job-sender.ts';
import { JOB_NAMES } from '../services/job-sender.ts';
import { pruneExpired } from '../services/prune-expired.ts';
import { REFRESH_INSIGHTS, workInsightJobs } from './insight-jobs.ts';
import { workIntegrationJobs } from './integration-jobs.ts';
import { workPushJobs } from './push-jobs.ts';
import { workSlackJobs } from './slack-jobs.ts';
import { workWebhookJobs } from './webhook-jobs.ts';

/** Every background job: its name, when it runs on its own, and the service it calls. */
export const JOBS = {
  pruneExpired: { name: 'prune-expired', cron: '17 * * * *' },
  refreshInsights: REFRESH_INSIGHTS,
} as const;

/** How long a job whose worker stopped waits before it runs again, unless configured. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

export type JobQueue = {
  boss: PgBoss;
  /** The schema of pg-boss's tables (tests move its jobs' due times along with the manual clock). */
  schema: string;
  runNow(job: keyof typeof JOBS): Promise<string | null>;
  stop(): Promise<void>;
};

/**
 * Starts pg-boss on the app's own database (PGlite through its adapter, or PostgreSQL), schedules
 * the recurring jobs and works them. Handlers must be idempotent: pg-boss may run a job twice.
 */
export async function startJobQueue(
  database: Database,
  deps: ServiceDeps,
  options: {
    url?: string;
    sender?: AttachableJobSender;
    retryAfterSeconds?: number;
    /** The schema of pg-boss's tables: queues in different schemas never see each other's jobs. */
    schema?: string;
  } = {},
): Promise<JobQueue> {
  const schema = options.schema ?? 'pgboss';
  // A worker that dies mid-export stops its heartbeat; the supervisor, passing at least as often,
  // then retries the export on a live worker (the handler starts over, storing the file once).
  const retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  const supervision = { superviseIntervalSeconds: Math.min(60, retryAfterSeconds) };
  // pg-boss takes ~0.1 s to import; the queue starts after the server answers, so load it then.
  const { fromPglite, PgBoss } = await import('pg-boss');
  const boss =
    database.kind === 'postgres'
      ? new PgBoss({ connectionString: options.url!, max: 3, schema, ...supervision })
      : new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema, ...supervision });
  boss.on('error', (error) => deps.logger.warn({ err: error }, 'job queue error'));
  await boss.start();
  await boss.createQueue(JOBS.pruneExpired.name, {
    policy: 'singleton',
    retryLimit: 3,
    expireInSeconds: 600,
  });
  await boss.schedule(JOBS.pruneExpired.name, JOBS.pruneExpired.cron);
  await boss.work(JOBS.pruneExpired.name, async () => {
    const counts = await pruneExpired(deps);
    // PGlite runs no autovacuum: without statistics the planner scans whole histories (the streak
    // query), and dead rows left by timer updates are never cleaned. PostgreSQL does this itself.
    if (database.kind !== 'postgres') await deps.db.execute(sql`vacuum analyze`);
    deps.logger.info({ job: JOBS.pruneExpired.name, ...counts }, 'pruned expired data');
    return counts;
  });
  // Exports a person asked for: made on demand, a few at a time; the handler skips finished ones.
  await boss.createQueue(JOB_NAMES.runExport, { retryLimit: 2, expireInSeconds: 1800 });
  await boss.work(JOB_NAMES.runExport, { batchSize: 1 }, async ([job]) => {
    if (job) await runExportJob(deps, job.data);
  });
  await workInsightJobs(boss, deps);
  // Webhooks (issue 15): the delivery sweep.
  await workWebhookJobs(boss, deps);
  await workSlackJobs(boss, deps);
  // Issue import (GitHub, GitLab): src/jobs/integration-jobs.ts.
  await workIntegrationJobs(boss, deps);
  // Web Push (issue 16): time's up on devices whose tab is closed.
  await workPushJobs(boss, deps);
  await options.sender?.attach((request) => sendJob(boss, request, retryAfterSeconds));
  return {
    boss,
    schema,
    runNow: (job) => boss.send(JOBS[job].name, {}),
    stop: () => boss.stop({ graceful: true, timeout: 5000 }),
  };
}

async function sendJob(boss: PgBoss, request: JobRequest, retryAfterSeconds: number): Promise<void> {
  // On the job rather than the queue: a queue's heartbeat cannot be changed once it exists.
  if (request.cancelQueued && request.singletonKey) {
    const queued = await boss.findJobs(request.name, { key: request.singletonKey, queued: true });
    if (queued.length > 0)
      await boss.cancel(
        request.name,
        queued.map((job) => job.id),
      );
  } else if (request.startAfterSeconds !== undefined && request.singletonKey)
    await boss.upsert(request.name, request.data, {
      singletonKey: request.singletonKey,
      startAfter: Math.max(0, Math.ceil(request.startAfterSeconds)),
    });
  else if (request.name === JOB_NAMES.runExport)
    await boss.send(request.name, request.data, { heartbeatSeconds: retryAfterSeconds });
  else if (request.debounce)
    await boss.sendDebounced(
      request.name,
      request.data,
      null,
      request.debounce.seconds,
      request.debounce.key,
    );
  else if (request.singletonKey)
    await boss.send(request.name, request.data, { singletonKey: request.singletonKey });
  else await boss.send(request.name, request.data);
}
