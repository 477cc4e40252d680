import { closeSync, openSync, readSync } from 'node:fs';
import type pg from 'pg';
import { BackupError } from './backup-embedded.ts';
import { backupKindOf } from './backup-files.ts';
import { lastLines, runTool, splitPassword, withClient } from './backup-postgres.ts';

/**
 * Restores a `pg_dump --format=custom` file with `pg_restore`. Into an empty database it runs
 * as one transaction: it all lands or nothing changes. Over a database that holds data
 * (`--force`) it restores into a new database beside it and then swaps the two by renaming,
 * keeping the old one under another name: never a half-restored database under the real name.
 */

function readHead(file: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupError(`${file} does not exist.`);
    throw error;
  }
  try {
    const head = Buffer.alloc(512);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function otherConnections(client: pg.Client, database: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    'select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [database],
  );
  return rows[0]!.n;
}

async function pgRestore(url: string, file: string): Promise<void> {
  const { url: bare, env } = splitPassword(url);
  const result = await runTool(
    'pg_restore',
    [
      '--single-transaction',
      '--exit-on-error',
      '--no-owner',
      '--no-acl',
      '--no-password',
      `--dbname=${bare}`,
      file,
    ],
    env,
  );
  if (result.code !== 0)
    throw new BackupError(`pg_restore failed; nothing was changed:\n${lastLines(result.stderr)}`);
}

/** Restores `file` into the database of `databaseUrl`; returns the name the old data was kept under, if any. */
export async function restorePostgresDatabase(
  databaseUrl: string,
  file: string,
  options: { force: boolean; now: Date },
): Promise<{ keptAside: string | undefined }> {
  const kind = backupKindOf(readHead(file));
  if (kind === 'embedded')
    throw new BackupError(
      `${file} is a backup of the embedded database. Unset DATABASE_URL to restore it into DATA_DIR.`,
    );
  if (kind !== 'postgres') throw new BackupError(`${file} is not a Deepsheet backup.`);
  const listed = await runTool('pg_restore', ['--list', file]);
  if (listed.code !== 0)
    throw new BackupError(`pg_restore cannot read ${file}:\n${lastLines(listed.stderr)}`);

  const { database, tables } = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ database: string; tables: number }>(
      `select current_database() as database, (select count(*)::int from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE') as tables`,
    );
    const { database } = rows[0]!;
    const others = await otherConnections(client, database);
    if (others > 0)
      throw new BackupError(
        `${others} other connection(s) use this database. Stop every Deepsheet instance first: restore replaces the whole database.`,
      );
    return rows[0]!;
  });
  if (tables === 0) {
    await pgRestore(databaseUrl, file);
    return { keptAside: undefined };
  }
  if (!options.force)
    throw new BackupError(
      `The database already holds ${tables} tables. Pass --force to replace them (the database is kept under another name), or restore into an empty database (createdb).`,
    );
  return swapInRestoredDatabase(databaseUrl, database, file, options.now);
}

async function swapInRestoredDatabase(
  databaseUrl: string,
  database: string,
  file: string,
  now: Date,
): Promise<{ keptAside: string }> {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const base = database.slice(0, 40);
  const staging = `${base}_restoring_${process.pid}`;
  const keptAside = `${base}_before_restore_${stamp}`;
  // Creating, renaming and dropping databases happens from the maintenance database.
  const maintenance = withDatabase(databaseUrl, 'postgres');
  await withClient(maintenance, async (client) => {
    try {
      await client.query(`create database ${quoteIdent(staging)}`);
    } catch (error) {
      throw new BackupError(
        `Could not create a database to restore into (${(error as Error).message}). --force needs the CREATEDB privilege; otherwise drop and re-create the database yourself and restore into the empty one.`,
        { cause: error },
      );
    }
  });
  try {
    await pgRestore(withDatabase(databaseUrl, staging), file);
  } catch (error) {
    await withClient(maintenance, (client) => client.query(`drop database if exists ${quoteIdent(staging)}`));
    throw error;
  }
  await withClient(maintenance, async (client) => {
    const others = await otherConnections(client, database);
    if (others > 0) {
      await client.query(`drop database if exists ${quoteIdent(staging)}`);
      throw new BackupError(
        `${others} connection(s) opened meanwhile; nothing was changed. Stop every instance first.`,
      );
    }
    await client.query(`alter database ${quoteIdent(database)} rename to ${quoteIdent(keptAside)}`);
    try {
      await client.query(`alter database ${quoteIdent(staging)} rename to ${quoteIdent(database)}`);
    } catch (error) {
      await client.query(`alter database ${quoteIdent(keptAside)} rename to ${quoteIdent(database)}`);
      throw error;
    }
  });
  return { keptAside };
}
