import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../paths.ts';
import { type Database, queryRows } from './client.ts';

// Any constant works; it only has to be the same for every instance of Deepsheet.
const MIGRATION_LOCK_ID = 4_172_026_001;

type Journal = { entries: { idx: number; tag: string; when: number }[] };

export function readJournal(): Journal {
  return JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

/**
 * Applies pending migrations. On PostgreSQL an advisory lock on one dedicated connection makes
 * several instances starting at once apply them exactly once.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind !== 'postgres') {
    await migratePglite(database.db as unknown as PgliteDatabase<Record<string, never>>, {
      migrationsFolder,
    });
    return;
  }
  const [{ drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  // The lock lasts as long as its session, so behind a pooler in transaction mode the migration
  // takes a connection of its own straight to PostgreSQL (DATABASE_LISTEN_URL).
  const { default: pg } = await import('pg');
  const direct = database.sessionUrl ? new pg.Client({ connectionString: database.sessionUrl }) : undefined;
  await direct?.connect();
  const client = direct ?? (await database.pool.connect());
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    if (direct) await direct.end();
    else (client as import('pg').PoolClient).release();
  }
}

export type MigrationState = {
  applied: number;
  known: number;
  pending: string[];
  /** Applied migrations this release does not know: a newer release used the database. */
  unknown: number;
  atHead: boolean;
};

/** What `deepsheet doctor` reports: how many migrations are applied and which are pending. */
export async function readMigrationState(database: Database): Promise<MigrationState> {
  const journal = readJournal();
  let appliedAt: number[] = [];
  try {
    const rows = await queryRows<{ created_at: string }>(
      database.db,
      sql`select created_at from drizzle.__drizzle_migrations order by created_at`,
    );
    appliedAt = rows.map((r) => Number(r.created_at));
  } catch (error) {
    // No migrations table yet means none applied; anything else (an unreachable database) is a
    // real failure and must not be reported as "pending".
    if (!isMissingRelation(error)) throw error;
    appliedAt = [];
  }
  const applied = new Set(appliedAt);
  const pending = journal.entries.filter((e) => !applied.has(e.when)).map((e) => e.tag);
  const known = new Set(journal.entries.map((e) => e.when));
  const unknown = appliedAt.filter((when) => !known.has(when)).length;
  return {
    applied: appliedAt.length,
    known: journal.entries.length,
    pending,
    unknown,
    atHead: pending.length === 0,
  };
}

function isMissingRelation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (code === '42P01' || code === '3F000') return true;
  }
  return false;
}
