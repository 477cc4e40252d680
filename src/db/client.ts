import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'postgres'; url: string; poolSize: number }
  | { kind: 'memory' };

export type Database =
  | { kind: 'embedded' | 'memory'; db: Db; pglite: PGlite; close(): Promise<void> }
  | { kind: 'postgres'; db: Db; pool: pg.Pool; close(): Promise<void> };

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

export function wrapPool(pool: pg.Pool): Database {
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { kind: 'postgres', db, pool, close: () => pool.end() };
}

/** Opens the configured database. The caller owns the data-directory lock for embedded mode. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  switch (target.kind) {
    case 'postgres': {
      const pool = new pg.Pool({
        connectionString: target.url,
        max: target.poolSize,
        connectionTimeoutMillis: 5000,
        idleTimeoutMillis: 30_000,
      });
      // A dropped idle connection (database restart) must not crash the process.
      pool.on('error', () => {});
      return wrapPool(pool);
    }
    case 'embedded':
      return wrapPglite(await openPglite(target.dataDir), 'embedded');
    case 'memory':
      return wrapPglite(await openPglite(undefined), 'memory');
  }
}

/** Runs raw SQL and returns its rows (both drivers answer with `{ rows }`). */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
