import { sql } from 'drizzle-orm';
import type { CheckResult } from '../production-checks.ts';
import { type Database, queryRows } from './client.ts';
import { type MigrationState, readMigrationState } from './migrate.ts';

/** What the production checks need to know about the open database. */
export type DatabaseFacts = {
  kind: Database['kind'];
  /** `SHOW fsync` and `SHOW synchronous_commit`, as the server answers them for our connection. */
  fsync: string;
  synchronousCommit: string;
  migrations: MigrationState;
  /**
   * On PostgreSQL: the port the server says it answers on, and the one DATABASE_URL names. When
   * they differ, something (PgBouncer) is in between; whether DATABASE_LISTEN_URL bypasses it.
   */
  pooler?: { serverPort: number; urlPort: number; hasListenUrl: boolean } | undefined;
};

export async function readDatabaseFacts(database: Database): Promise<DatabaseFacts> {
  const show = async (setting: 'fsync' | 'synchronous_commit') => {
    const rows = await queryRows<Record<string, string>>(database.db, sql.raw(`show ${setting}`));
    return String(Object.values(rows[0] ?? {})[0] ?? '').toLowerCase();
  };
  return {
    kind: database.kind,
    fsync: await show('fsync'),
    synchronousCommit: await show('synchronous_commit'),
    migrations: await readMigrationState(database),
    pooler: database.kind === 'postgres' ? await readPooler(database) : undefined,
  };
}

async function readPooler(
  database: Extract<Database, { kind: 'postgres' }>,
): Promise<DatabaseFacts['pooler']> {
  const rows = await queryRows<{ port: number | null }>(database.db, sql`select inet_server_port() as port`);
  const serverPort = rows[0]?.port;
  if (serverPort === null || serverPort === undefined) return undefined; // a Unix socket: nothing between
  const url = new URL(database.pool.options.connectionString ?? 'postgres://localhost');
  const urlPort = Number(url.port || 5432);
  if (serverPort === urlPort) return undefined;
  return { serverPort: Number(serverPort), urlPort, hasListenUrl: database.sessionUrl !== undefined };
}

/**
 * Judges the database for production: it must keep what it acknowledged (on disk, flushed at
 * commit) and carry the schema this release expects. With MIGRATE_ON_START (the default) the
 * server applies pending migrations before this runs, so "behind" can only happen when it is off.
 */
export function checkDatabaseFacts(
  facts: DatabaseFacts,
  options: { migrateOnStart: boolean },
): CheckResult[] {
  const checks: CheckResult[] = [];
  if (facts.kind === 'memory')
    checks.push({
      name: 'Database storage',
      ok: false,
      problem: 'Database: in memory only; everything is lost when the process stops',
    });
  else
    checks.push({
      name: 'Database storage',
      ok: true,
      detail: `Database: on disk (${facts.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'})`,
    });

  if (facts.fsync === 'off')
    checks.push({
      name: 'fsync',
      ok: false,
      problem:
        'PostgreSQL fsync is off: a crash or power cut can corrupt the database. Turn it on in postgresql.conf',
    });
  else checks.push({ name: 'fsync', ok: true, detail: `fsync: ${facts.fsync}` });

  if (facts.synchronousCommit === 'off')
    checks.push({
      name: 'synchronous_commit',
      ok: false,
      problem:
        'PostgreSQL synchronous_commit is off: acknowledged writes can be lost in a crash. Remove it from postgresql.conf, the role or database settings, or the options in DATABASE_URL',
    });
  else
    checks.push({
      name: 'synchronous_commit',
      ok: true,
      detail: `synchronous_commit: ${facts.synchronousCommit}`,
    });

  if (facts.pooler && !facts.pooler.hasListenUrl)
    checks.push({
      name: 'Connection pooler',
      ok: false,
      problem: `DATABASE_URL reaches PostgreSQL through a pooler (the URL names port ${facts.pooler.urlPort}, PostgreSQL answers on ${facts.pooler.serverPort}): live updates (LISTEN/NOTIFY), the job queue and migrations need a session of their own. Set DATABASE_LISTEN_URL to PostgreSQL itself`,
    });
  else if (facts.pooler)
    checks.push({
      name: 'Connection pooler',
      ok: true,
      detail: 'Connection pooler: in between; live updates, jobs and migrations use DATABASE_LISTEN_URL',
    });

  checks.push(migrationCheck(facts.migrations, options.migrateOnStart));
  return checks;
}

function migrationCheck(state: MigrationState, migrateOnStart: boolean): CheckResult {
  const name = 'Migrations';
  if (state.unknown > 0)
    return {
      name,
      ok: false,
      problem: `Migrations: the database has ${state.unknown} migration(s) this release does not know; a newer release of Deepsheet used it`,
    };
  if (state.atHead)
    return { name, ok: true, detail: `Migrations: at head (${state.applied} of ${state.known})` };
  if (migrateOnStart)
    return {
      name,
      ok: true,
      detail: `Migrations: ${state.pending.length} pending, applied when the server starts (MIGRATE_ON_START)`,
    };
  return {
    name,
    ok: false,
    problem: `Migrations: ${state.pending.length} pending (${state.pending.join(', ')}) and MIGRATE_ON_START=false; run \`deepsheet migrate\` first`,
  };
}

/** Reads and judges the database in one go. */
export async function checkDatabase(
  database: Database,
  options: { migrateOnStart: boolean },
): Promise<CheckResult[]> {
  return checkDatabaseFacts(await readDatabaseFacts(database), options);
}
