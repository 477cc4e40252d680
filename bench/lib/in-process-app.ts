// The app as the in-process diagnostics use it: real services, event bus and HTTP app on the seed
// database, without sockets (or with the caller's own), mail, or a job queue.
import pino from 'pino';
import { createApp } from '../../src/app.tsx';
import { systemClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { createEventBus } from '../../src/realtime/event-bus.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { createJobSender } from '../../src/services/job-sender.ts';

/** Deps, bus and app over `database`; `databaseUrl` when it is a PostgreSQL scratch database. */
export async function inProcessApp(database: Database, dataDir: string, databaseUrl?: string) {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const deps: ServiceDeps = {
    db: database.db,
    clock: systemClock,
    config,
    logger,
    mailer: {} as ServiceDeps['mailer'],
    jobs: createJobSender(logger),
  };
  const bus = await createEventBus(database, { logger, ...(databaseUrl ? { url: databaseUrl } : {}) });
  return { deps, bus, app: createApp(deps, { bus }) };
}
