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
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `deepsheet_fresh_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  await migrateDatabase(database);
  const close = database.close;
  database.close = async () => {
    await close();
    const cleanup = new pg.Client({ connectionString: base.toString() });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
  return database;
}
