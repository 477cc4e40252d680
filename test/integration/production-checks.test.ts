import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase, openPglite, wrapPglite } from '../../src/db/client.ts';
import { checkDatabase } from '../../src/db/database-checks.ts';
import { problemsOf } from '../../src/production-checks.ts';
import { testDatabase, testDbKind } from '../support/database.ts';

// The database half of the production start checks, asked of real databases: the embedded one
// on disk as the server opens it, the in-memory one the tests use, and PostgreSQL.

const opened: Database[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A database opened the way `deepsheet serve` opens it, already migrated. */
async function durableDatabase(): Promise<Database> {
  if (testDbKind === 'postgres') return testDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'deepsheet-checks-'));
  dirs.push(dir);
  const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const database = wrapPglite(await openPglite(join(dir, 'pg'), { loadDataDir: template }), 'embedded');
  opened.push(database);
  return database;
}

describe('production database checks on a real database', () => {
  it('pass a database that keeps what it acknowledged, migrated to head', async () => {
    const checks = await checkDatabase(await durableDatabase(), { migrateOnStart: false });
    expect(problemsOf(checks)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual([
      'Database storage',
      'fsync',
      'synchronous_commit',
      'Migrations',
    ]);
  });

  it('refuse a database that could lose acknowledged writes', async () => {
    if (testDbKind === 'pglite') {
      // The tests' own PGlite lives in memory, with PGlite's default of fsync off.
      const problems = problemsOf(await checkDatabase(await testDatabase(), { migrateOnStart: true }));
      expect(problems).toEqual([
        'Database: in memory only; everything is lost when the process stops',
        expect.stringContaining('fsync is off'),
      ]);
      return;
    }
    // PostgreSQL takes synchronous_commit per connection, for instance from DATABASE_URL.
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set('options', '-c synchronous_commit=off');
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1 });
    opened.push(database);
    expect(problemsOf(await checkDatabase(database, { migrateOnStart: true }))).toEqual([
      expect.stringContaining('PostgreSQL synchronous_commit is off'),
    ]);
  });
});
