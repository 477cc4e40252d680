import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { BackupError, dumpEmbeddedDatabase, restoreEmbeddedDatabase } from '../db/backup-embedded.ts';
import { writeFileAtomically } from '../db/backup-files.ts';
import { dumpPostgresDatabase } from '../db/backup-postgres.ts';
import type { Database } from '../db/client.ts';
import { acquireDataDirLock, readLockHolder } from '../db/data-dir-lock.ts';
import { restorePostgresDatabase } from '../db/restore-postgres.ts';

/**
 * `deepsheet backup <file>` and `deepsheet restore <file> [--force]`. Backup runs beside a live
 * server (handed to it over the control socket for the embedded database); restore replaces the
 * whole database and so needs every server stopped.
 */

export { BackupError };

function sizeOf(file: string): string {
  const bytes = statSync(file).size;
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Before opening the embedded database just to back it up: is there one at all? */
export function assertEmbeddedDatabaseExists(config: Config): void {
  if (config.database.kind === 'embedded' && !existsSync(join(config.database.dataDir, 'PG_VERSION')))
    throw new BackupError(`There is no database in ${config.database.dataDir} to back up.`);
}

/** Writes a backup of the open database to `file` (an absolute path); returns what to print. */
export async function backupDatabase(database: Database, config: Config, file: string): Promise<string> {
  if (config.database.kind === 'postgres') {
    await dumpPostgresDatabase(config.database.url, file);
    return `Backed up the PostgreSQL database to ${file} (${sizeOf(file)}, pg_dump custom format).`;
  }
  if (database.kind === 'postgres') throw new Error('expected the embedded database');
  writeFileAtomically(file, await dumpEmbeddedDatabase(database.pglite));
  return `Backed up the embedded database to ${file} (${sizeOf(file)}).`;
}

/** Restores `file` into the configured database. Never handed to a server: it must be stopped. */
export async function restoreDatabase(
  config: Config,
  file: string,
  options: { force: boolean; now: Date },
): Promise<string[]> {
  if (config.database.kind === 'postgres') {
    const { keptAside } = await restorePostgresDatabase(config.database.url, file, options);
    return [
      `Restored ${file} into PostgreSQL.`,
      ...(keptAside
        ? [
            `The database it replaced is kept as ${keptAside}; drop it once you are sure (dropdb ${keptAside}).`,
          ]
        : []),
      'Start Deepsheet: it applies any migrations newer than the backup.',
    ];
  }
  const holder = readLockHolder(config.dataDir);
  if (holder !== null)
    throw new BackupError(
      `A Deepsheet server (pid ${holder}) is using ${config.dataDir}. Stop it first: restore replaces the whole database.`,
    );
  const lock = acquireDataDirLock(config.dataDir);
  try {
    const { keptAside } = await restoreEmbeddedDatabase({
      file,
      targetDir: config.database.dataDir,
      force: options.force,
      now: options.now,
    });
    return [
      `Restored ${file} into ${config.database.dataDir}.`,
      ...(keptAside
        ? [`The database it replaced is kept in ${keptAside}; delete it once you are sure.`]
        : []),
      'Start Deepsheet: it applies any migrations newer than the backup.',
    ];
  } finally {
    lock.release();
  }
}
