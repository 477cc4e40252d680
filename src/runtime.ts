import type { Logger } from 'pino';
import { ManualClock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { acquireDataDirLock, type DataDirLock } from './db/data-dir-lock.ts';
import { migrateDatabase } from './db/migrate.ts';
import type { Clock } from './domain/clock.ts';
import { createOutboxMailer, createSmtpMailer } from './mail/mailer.ts';
import { createEventBus, type EventBus } from './realtime/event-bus.ts';
import type { ServiceDeps } from './services/deps.ts';
import { type AttachableJobSender, createJobSender } from './services/job-sender.ts';

export type Runtime = {
  deps: ServiceDeps;
  database: Database;
  manualClock: ManualClock | undefined;
  bus: EventBus;
  /** Holds job requests until the queue starts (see server.ts). */
  jobs: AttachableJobSender;
  close(): Promise<void>;
};

/**
 * Opens everything a process needs: the data-directory lock (embedded mode), the database with
 * migrations applied (unless MIGRATE_ON_START=false), the clock and the mailer. Used by the server
 * and the command line alike.
 */
export async function openRuntime(
  config: Config,
  logger: Logger,
  options: { migrate?: boolean } = {},
): Promise<Runtime> {
  let lock: DataDirLock | undefined;
  if (config.database.kind === 'embedded') lock = acquireDataDirLock(config.dataDir);
  let database: Database;
  try {
    database = await openDatabase(config.database);
    if (options.migrate ?? config.migrateOnStart) await migrateDatabase(database);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const manualClock = config.manualClock ? new ManualClock(new Date(), true) : undefined;
  const clock: Clock = manualClock ?? systemClock;
  const mailer = config.smtpUrl
    ? createSmtpMailer(config.smtpUrl, config.mailFrom)
    : createOutboxMailer(config.dataDir, config.mailFrom, logger);
  let bus: EventBus;
  try {
    bus = await createEventBus(database, {
      logger,
      ...(config.database.kind === 'postgres'
        ? { url: config.database.listenUrl ?? config.database.url }
        : {}),
    });
  } catch (error) {
    await database.close();
    lock?.release();
    throw error;
  }
  const jobs = createJobSender(logger);
  return {
    deps: { db: database.db, clock, config, logger, mailer, jobs },
    jobs,
    database,
    manualClock,
    bus,
    async close() {
      await bus.close();
      await database.close();
      lock?.release();
    },
  };
}
