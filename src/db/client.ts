import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string }
  | {
      kind: 'postgres';
      url: string;
      poolSize: number;
      /** PostgreSQL itself, when `url` goes through a pooler: LISTEN, pg-boss and migrations need a session. */
      listenUrl?: string | undefined;
      /** false: every statement unnamed, for a pooler in transaction mode without prepared-statement support. */
      namedStatements?: boolean | undefined;
    }
  | { kind: 'memory' };

export type Database =
  | { kind: 'embedded' | 'memory'; db: Db; pglite: PGlite; close(): Promise<void> }
  | {
      kind: 'postgres';
      db: Db;
      pool: pg.Pool;
      /** Where session-bound work connects: PostgreSQL directly (DATABASE_LISTEN_URL), else the pool's URL. */
      sessionUrl?: string | undefined;
      close(): Promise<void>;
    };

/**
 * PGlite's defaults start PostgreSQL with fsync off (-F). We start it with fsync on and a
 * synchronous WAL so that an acknowledged commit is on disk, not only in the page cache.
 * See docs/decisions/0002-embedded-durability.md.
 */
export const DURABLE_PGLITE_PARAMS = [
  '--single',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'io_method=sync',
  '-c',
  'max_parallel_maintenance_workers=0',
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=open_datasync',
  '-c',
  'synchronous_commit=on',
];

export async function openPglite(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
): Promise<PGlite> {
  return PGlite.create(dataDir, {
    ...(dataDir ? { startParams: DURABLE_PGLITE_PARAMS } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
}

export function wrapPglite(pglite: PGlite, kind: 'embedded' | 'memory'): Database {
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { kind, db, pglite, close: () => pglite.close() };
}

// Databases served by a PostgreSQL server (not PGlite): only there may a commit skip its WAL flush.
const serverDatabases = new WeakSet<Db>();

// The PostgreSQL driver and its Drizzle adapter load only when a PostgreSQL URL is configured:
// an embedded start does not pay the ~0.1 s they take to import.
export async function wrapPool(pool: pg.Pool): Promise<Extract<Database, { kind: 'postgres' }>> {
  const { drizzle: drizzlePg } = await import('drizzle-orm/node-postgres');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  serverDatabases.add(db);
  return { kind: 'postgres', db, pool, close: () => pool.end() };
}

/**
 * Runs `work` in a transaction that commits without waiting for the disk, on a PostgreSQL server;
 * on PGlite simply on `db`. Only for writes whose loss in a crash is harmless (rate-limit counters,
 * the API request log): such a commit is visible to every connection at once, and a crash can lose
 * at most the last fraction of a second of them, never corrupt anything. Every other commit still
 * waits for its flush (and so flushes these too).
 */
export async function withoutWaitingForDisk<T>(db: Db, work: (tx: Executor) => Promise<T>): Promise<T> {
  // (For one statement, `skipDiskWaitCondition` does the same without a transaction around it.)
  if (!serverDatabases.has(db)) return work(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    return work(tx);
  });
}

/**
 * Drops the names Drizzle gives prepared statements (`.prepare(name)`), so each is parsed on its
 * own: PgBouncer before 1.21 in transaction mode runs consecutive statements on different server
 * connections, where a statement prepared on one is unknown on the next.
 */
function sendStatementsUnnamed(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, ...rest: unknown[]) => {
    const isPlain =
      typeof config === 'object' && config !== null && Object.getPrototypeOf(config) === Object.prototype;
    return query(isPlain && 'name' in config ? { ...config, name: undefined } : config, ...rest);
  }) as typeof client.query;
}

/** Opens the configured database. The caller owns the data-directory lock for embedded mode. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  switch (target.kind) {
    case 'postgres': {
      const { default: pg } = await import('pg');
      const pool = new pg.Pool({
        connectionString: target.url,
        max: target.poolSize,
        connectionTimeoutMillis: 5000,
        idleTimeoutMillis: 30_000,
      });
      // A dropped idle connection (database restart) must not crash the process.
      pool.on('error', () => {});
      // Nor one dropped while checked out: the pool takes its idle listener off a client it hands
      // out, and a connection cut between a transaction's statements then emits 'error' with no
      // one listening, which ends the process. The statement in flight (or the next) fails with
      // the error anyway, and the pool discards the dead client when it is released.
      pool.on('connect', (client) => {
        client.on('error', () => {});
        if (target.namedStatements === false) sendStatementsUnnamed(client);
      });
      const database = await wrapPool(pool);
      return target.listenUrl ? { ...database, sessionUrl: target.listenUrl } : database;
    }
    case 'embedded':
      return wrapPglite(await openPglite(target.dataDir), 'embedded');
    case 'memory':
      return wrapPglite(await openPglite(undefined), 'memory');
  }
}

/**
 * A condition that is always true and, on a PostgreSQL server, makes the statement's own implicit
 * transaction commit without waiting for the disk (set_config(..., is_local) lasts until its
 * commit): `withoutWaitingForDisk` for a single statement, saving the begin, set and commit round
 * trips. Put it in the WHERE of an INSERT ... SELECT.
 */
export function skipDiskWaitCondition(db: Db): SQL {
  return serverDatabases.has(db) ? sql`set_config('synchronous_commit', 'off', true) = 'off'` : sql`true`;
}

/**
 * A statement prepared once per database and then only executed: no query building on each call,
 * and on PostgreSQL parsed and planned once per connection instead of every time. For the few
 * statements every request sends (the sign-in lookup, the sheet's reads).
 */
export function preparedPerDatabase<T>(build: (db: Executor) => T): (db: Executor) => T {
  const prepared = new WeakMap<Executor, T>();
  return (db) => {
    let statement = prepared.get(db);
    if (!statement) {
      statement = build(db);
      prepared.set(db, statement);
    }
    return statement;
  };
}

/** Runs raw SQL and returns its rows (both drivers answer with `{ rows }`). */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
