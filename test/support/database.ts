import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, openPglite, wrapPglite } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

export type TestDbKind = 'pglite' | 'postgres';
export const testDbKind: TestDbKind = process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite';

let shared: Promise<Database> | undefined;

/**
 * The database for this test file: a PGlite loaded from the migrated template, or a small pool on
 * TEST_DATABASE_URL. Tests isolate themselves by their own users and data, never by order.
 */
export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    if (testDbKind === 'postgres') {
      return openDatabase({ kind: 'postgres', url: process.env.TEST_DATABASE_URL!, poolSize: 5 });
    }
    const template = inject('pgliteTemplate');
    const blob = new Blob([readFileSync(template)]);
    return wrapPglite(await openPglite(undefined, { loadDataDir: blob }), 'memory');
  })();
  return shared;
}

/**
 * A database of its own for a test about an empty instance: a fresh copy of the PGlite template,
 * or a new PostgreSQL database next to TEST_DATABASE_URL (migrated, and dropped on close).
 */
export async function freshDatabase(): Promise<Database> {
  if (testDbKind === 'pglite') {
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    return wrapPglite(await openPglite(undefined, { loadDataDir: blob }), 'memory');
  }
  const created = await createPostgresDatabase();
  const database = await openDatabase({ kind: 'postgres', url: created.url, poolSize: 4 });
  await migrateDatabase(database);
  const close = database.close;
  database.close = async () => {
    await close();
    await created.drop();
  };
  return database;
}

let createdCount = 0;

/**
 * A new, empty PostgreSQL database next to TEST_DATABASE_URL, for a server of its own. Servers
 * that share one database also share its job queue, so one file's server would run another's
 * jobs with its own clock and settings (a webhook sweep, a killed process's claimed attempt).
 */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `deepsheet_fresh_${process.pid}_${Date.now()}_${++createdCount}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: base.toString() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
