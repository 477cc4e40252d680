import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokens, insertUsers, openSeedDatabase, seedHistory } from '../../bench/lib/seed.ts';
import { queryRows } from '../../src/db/client.ts';
import {
  HOOK_TIMEOUT_MS,
  killAllProcesses,
  makeMigratedDataDir,
  removeTempDirs,
  spawnServer,
  waitFor,
} from './support.ts';

// A background export whose worker is killed (SIGKILL) in the middle of making the file: after a
// restart the job runs again and the person gets one complete archive, each session in it once.
// JOB_RETRY_AFTER_SECONDS=10 (the shortest) lets the dead worker's silence show in seconds.

const HISTORY_DAYS = 3 * 365;
const adminUrl = process.env.TEST_DATABASE_URL;

type ExportJob = { id: string; status: string; progress: number };
type Target = { mode: 'pglite' | 'postgres'; dataDir: string; databaseUrl?: string };

/** Runs one statement on the PostgreSQL server's maintenance database. */
async function onServer(statement: string): Promise<void> {
  const url = new URL(adminUrl!);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function prepare(mode: Target['mode']): Promise<Target & { drop(): Promise<void> }> {
  const dataDir = await makeMigratedDataDir();
  if (mode === 'pglite') return { mode, dataDir, drop: async () => {} };
  const name = `deepsheet_worker_crash_${process.pid}_${Date.now()}`;
  await onServer(`create database ${name}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return {
    mode,
    dataDir,
    databaseUrl: url.toString(),
    drop: () => onServer(`drop database if exists ${name} with (force)`),
  };
}

/** A person with years of history and a write token. */
async function seedPerson(target: Target): Promise<{ token: string; sessionCount: number }> {
  const database = await openSeedDatabase(target);
  try {
    const [user] = await insertUsers(database, 'worker-crash', 1);
    const [token] = await createTokens(database, user!, 1);
    const history = await seedHistory(database, user!, { days: HISTORY_DAYS, seed: 8 });
    return { token: token!, sessionCount: history.sessions.length };
  } finally {
    await database.close();
  }
}

describe('a job worker killed mid-job', () => {
  afterAll(async () => {
    await killAllProcesses();
    removeTempDirs();
  }, HOOK_TIMEOUT_MS);

  // PostgreSQL too when TEST_DATABASE_URL is set, as the other PostgreSQL suites.
  const modes = [{ mode: 'pglite' as const }, ...(adminUrl ? [{ mode: 'postgres' as const }] : [])];
  it.each(modes)(
    'runs the export again after a restart and stores its file once ($mode)',
    async ({ mode }) => {
      const target = await prepare(mode);
      try {
        const { token, sessionCount } = await seedPerson(target);
        const env = {
          DATA_DIR: target.dataDir,
          DATABASE_URL: target.databaseUrl,
          LOG_LEVEL: 'error',
          JOB_RETRY_AFTER_SECONDS: '10',
        };
        const server = await spawnServer({ env });
        const api = (url: string, path: string, init: RequestInit = {}) =>
          fetch(`${url}/api/v1${path}`, {
            ...init,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          });
        const queued = await api(server.url, '/exports', {
          method: 'POST',
          body: JSON.stringify({ kind: 'account', format: 'json' }),
        });
        expect(queued.status).toBe(202);
        const { id } = (await queued.json()) as ExportJob;
        const status = async (url: string, init: RequestInit = {}) =>
          (await (await api(url, `/exports/${id}`, init)).json()) as ExportJob;

        // Killed while the archive is being made: seen running, or (the embedded database works in
        // the server's own thread) seen by the server being too busy with it to answer for a second.
        await waitFor(
          async () => {
            try {
              const job = await status(server.url, { signal: AbortSignal.timeout(1000) });
              if (job.status === 'ready') throw new Error('the export finished before the kill');
              return job.status === 'running' ? job : undefined;
            } catch (error) {
              if ((error as Error).name === 'TimeoutError') return { status: 'busy' };
              throw error;
            }
          },
          'the export to be under way',
          30_000,
        );
        server.child.kill('SIGKILL');
        expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });

        const restarted = await spawnServer({ env });
        const done = await waitFor(
          async () => {
            const job = await status(restarted.url);
            return job.status === 'ready' || job.status === 'failed' ? job : undefined;
          },
          'the export to run again and finish',
          90_000,
        );
        expect(done).toMatchObject({ status: 'ready', progress: 100 });
        const download = await api(restarted.url, `/exports/${id}/download`);
        expect(download.status).toBe(200);
        const archive = (await download.json()) as { sessions: { id: string }[] };
        const ids = archive.sessions.map((session) => session.id);
        expect(ids.length).toBe(sessionCount);
        expect(new Set(ids).size).toBe(ids.length);
        expect(await restarted.stop()).toEqual({ code: 0, signal: null });

        // One export, one job: the job that was cut off is the one that ran again, and finished.
        const database = await openSeedDatabase(target);
        try {
          const stored = await queryRows<{ n: number }>(
            database.db,
            sql`select count(*)::int as n from export_jobs`,
          );
          expect(stored[0]!.n).toBe(1);
          const jobs = await queryRows<{ state: string; retry_count: number }>(
            database.db,
            sql`select state, retry_count from pgboss.job where name = 'run-export'`,
          );
          expect(jobs).toEqual([{ state: 'completed', retry_count: 1 }]);
        } finally {
          await database.close();
        }
      } finally {
        await killAllProcesses();
        await target.drop();
      }
    },
    240_000,
  );
});
