import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type Database, openDatabase, openPglite, wrapPglite } from '../../src/db/client.ts';

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
