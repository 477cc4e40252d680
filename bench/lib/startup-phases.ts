// Times each step of a start on an existing embedded data directory, in the order src/server.ts
// takes them, so a slow start can be traced to its step; and, apart, how long importing the built
// bundle takes. Run as its own process:
//   node --import tsx bench/lib/startup-phases.ts <DATA_DIR>   -> one JSON line of milliseconds
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './machine.ts';

const dataDir = process.argv[2]!;
const phases: Record<string, number> = {};

// A fresh process, as `deepsheet serve` has: how long the bundle and its packages take to load.
const bundle = pathToFileURL(join(ROOT, 'dist', 'deepsheet.js')).href;
const imported = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `const t = performance.now(); await import(${JSON.stringify(bundle)}); console.log(performance.now() - t);`,
  ],
  { encoding: 'utf8' },
);
phases['import the bundle (fresh process)'] = Math.round(Number(imported.stdout.trim()) * 10) / 10;

const { getRequestListener } = await import('@hono/node-server');
const { createApp } = await import('../../src/app.tsx');
const { loadConfig } = await import('../../src/config.ts');
const { createLogger } = await import('../../src/logger.ts');
const { openDatabase } = await import('../../src/db/client.ts');
const { acquireDataDirLock } = await import('../../src/db/data-dir-lock.ts');
const { migrateDatabase } = await import('../../src/db/migrate.ts');
const { createEventBus } = await import('../../src/realtime/event-bus.ts');
const { startJobQueue } = await import('../../src/jobs/queue.ts');
const { startControlSocket } = await import('../../src/cli/control-socket.ts');
const { systemClock } = await import('../../src/clock.ts');
const { createOutboxMailer } = await import('../../src/mail/mailer.ts');
const { createJobSender } = await import('../../src/services/job-sender.ts');

let mark = performance.now();
const lap = (name: string) => {
  const now = performance.now();
  phases[name] = Math.round((now - mark) * 10) / 10;
  mark = now;
};
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const logger = createLogger('silent');
const lock = acquireDataDirLock(dataDir);
lap('config and data-directory lock');
const database = await openDatabase({ kind: 'embedded', dataDir: join(dataDir, 'pg') });
lap('open PGlite (PGlite.create)');
await migrateDatabase(database);
lap('check migrations');
const bus = await createEventBus(database, { logger });
lap('event bus (LISTEN)');
const deps = {
  db: database.db,
  clock: systemClock,
  config,
  logger,
  mailer: createOutboxMailer(dataDir, config.mailFrom, logger),
  jobs: createJobSender(logger),
};
const app = createApp(deps, { bus });
lap('create app (routes; static files read and compressed)');
const server = createServer(getRequestListener(app.fetch));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
lap('listen');
const control = await startControlSocket(dataDir, { deps, database }, 'http://127.0.0.1');
lap('command socket');
const jobs = await startJobQueue(database, deps);
lap('job queue (after ready, not counted in the start)');
console.log(JSON.stringify(phases));
server.close();
await control.close();
await jobs.stop();
await bus.close();
await database.close();
lock.release();
process.exit(0);
