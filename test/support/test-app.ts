import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { ManualClock } from '../../src/clock.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/queue.ts';
import type { Mailer, MailMessage } from '../../src/mail/mailer.ts';
import { createEventBus, type EventBus } from '../../src/realtime/event-bus.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { type AttachableJobSender, createJobSender } from '../../src/services/job-sender.ts';
import { testDatabase } from './database.ts';

/** Captures mail in memory; tests read the last message to follow links. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
  lastTo(email: string): MailMessage | undefined {
    return this.sent.filter((m) => m.to === email).at(-1);
  }
}

/** The VAPID key pair of the tests (never used anywhere else). */
export const TEST_VAPID = {
  publicKey: 'BFjzDQ2A2KMCGo84L9qe03U9Z7q5MbdcSBrzZ9ermtIHO65V359l_dZwmgsvtZiIGJwg246DaO6rsZlE542VLm0',
  privateKey: 'xZnZrzqG0MjC5xfmErT1q1LBk5maA7oKcbBd6-647yE',
  subject: 'mailto:tests@deepsheet.example',
} as const;

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig(
    {
      NODE_ENV: 'test',
      SECRET: 'test-secret-that-is-long-enough-0123456789',
      DATA_DIR: '/tmp/deepsheet-tests/unused',
      TRUST_PROXY_HEADER: 'X-Test-Client-IP',
      // The webhook receivers of the tests listen on 127.0.0.1.
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // Web Push (issue 16): a fixed pair, so no test writes a generated one; the push fakes check it.
      VAPID_PUBLIC_KEY: TEST_VAPID.publicKey,
      VAPID_PRIVATE_KEY: TEST_VAPID.privateKey,
      VAPID_SUBJECT: TEST_VAPID.subject,
    },
    process.cwd(),
  );
  return { ...base, ...overrides };
}

export type TestApp = {
  app: ReturnType<typeof createApp>;
  deps: ServiceDeps;
  clock: ManualClock;
  mailer: MemoryMailer;
  bus: EventBus;
  /** Job requests wait here until a test starts the queue with `startJobQueue(..., { sender: jobs })`. */
  jobs: AttachableJobSender;
};

/** The real application in-process on the test database, with a manual clock and captured mail. */
export async function createTestApp(
  options: { config?: Partial<Config>; now?: Date } = {},
): Promise<TestApp> {
  const database = await testDatabase();
  const clock = new ManualClock(options.now ?? new Date('2026-04-06T09:00:00Z'));
  const mailer = new MemoryMailer();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const jobs = createJobSender(logger);
  const deps: ServiceDeps = {
    db: database.db,
    clock,
    config: testConfig(options.config),
    logger,
    mailer,
    jobs,
  };
  const bus = await createEventBus(database, {
    logger: deps.logger,
    ...(database.kind === 'postgres' ? { url: process.env.TEST_DATABASE_URL! } : {}),
  });
  afterAll(() => bus.close());
  return { app: createApp(deps, { manualClock: clock, bus }), deps, clock, mailer, bus, jobs };
}

let counter = 0;
/** A unique email for this test, so files sharing one PostgreSQL database never collide. */
export function uniqueEmail(prefix = 'person'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@example.test`;
}

/**
 * The real pg-boss queue on the test's database, working the app's job requests (`t.jobs`). On
 * PostgreSQL every test file shares one database, so each queue gets a schema of its own: another
 * file's workers, running beside it with their own app, must not take its jobs.
 */
export async function startTestJobQueue(t: TestApp): Promise<JobQueue> {
  const database = await testDatabase();
  if (database.kind !== 'postgres') return startJobQueue(database, t.deps, { sender: t.jobs });
  return startJobQueue(database, t.deps, {
    url: process.env.TEST_DATABASE_URL!,
    sender: t.jobs,
    schema: `pgboss_${randomBytes(6).toString('hex')}`,
  });
}
