import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Migrates once per run: on PGlite into a template whose data directory each test file loads
 * (about 0.35 s instead of 2 s for initdb); on PostgreSQL into TEST_DATABASE_URL, shared by all
 * files, which isolate themselves by creating their own users.
 */
export default async function setup(project: TestProject) {
  if (project.name === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
    project.provide('pgliteTemplate', '');
    return;
  }
  const database = await openDatabase({ kind: 'memory' });
  if (database.kind === 'postgres') throw new Error('unexpected');
  await migrateDatabase(database);
  const dump = await database.pglite.dumpDataDir('gzip');
  await database.close();
  const dir = join(tmpdir(), 'deepsheet-tests');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `template-${process.pid}.tar.gz`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
}
