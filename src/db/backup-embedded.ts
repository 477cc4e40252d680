import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { backupKindOf, fsyncPath, fsyncTree } from './backup-files.ts';
import { openPglite } from './client.ts';

/** A backup or restore that cannot go ahead, with a message the operator can act on. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/**
 * A gzipped tarball of the embedded database's directory (PGlite's `dumpDataDir`). A checkpoint
 * first writes every committed page to the data files; the dump then waits for running
 * transactions and queries and reads the files in one synchronous pass, so the copy is the state
 * between two transactions. Safe while the server keeps serving.
 */
export async function dumpEmbeddedDatabase(pglite: PGlite): Promise<Uint8Array> {
  await pglite.exec('CHECKPOINT');
  const blob = await pglite._runExclusiveTransaction(() => pglite.dumpDataDir('gzip'));
  return new Uint8Array(await blob.arrayBuffer());
}

/** Whether a directory exists and holds anything at all. */
export function isNonEmptyDir(path: string): boolean {
  try {
    return readdirSync(path).length > 0;
  } catch {
    return false;
  }
}

/**
 * Restores an embedded backup into `targetDir` (DATA_DIR/pg). The database is unpacked into a
 * staging directory beside it, opened once (which checks it is a Deepsheet database and lets
 * PostgreSQL finish any recovery), flushed to disk, and only then moved into place: an
 * interrupted restore leaves the old database or the new one, never a mixture. A database already
 * there is replaced only with `force`, and is kept aside; its new path is returned.
 * The caller holds the data-directory lock.
 */
export async function restoreEmbeddedDatabase(options: {
  file: string;
  targetDir: string;
  force: boolean;
  now: Date;
}): Promise<{ keptAside: string | undefined }> {
  const { file, targetDir } = options;
  const bytes = readBackupFile(file);
  const kind = backupKindOf(bytes);
  if (kind === 'postgres')
    throw new BackupError(
      `${file} is a PostgreSQL backup (pg_dump custom format). Set DATABASE_URL to restore it into PostgreSQL.`,
    );
  if (kind !== 'embedded') throw new BackupError(`${file} is not a Deepsheet backup.`);
  if (isNonEmptyDir(targetDir) && !options.force)
    throw new BackupError(
      `${targetDir} already holds a database. Pass --force to replace it (it is kept aside, not deleted).`,
    );

  const staging = `${targetDir}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await unpackAndCheck(bytes, staging, file);
    fsyncTree(staging);
    let keptAside: string | undefined;
    if (existsSync(targetDir)) {
      keptAside = `${targetDir}.before-restore-${options.now.toISOString().replace(/[:.]/g, '-')}`;
      renameSync(targetDir, keptAside);
    }
    renameSync(staging, targetDir);
    fsyncPath(dirname(targetDir));
    return { keptAside };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function readBackupFile(file: string): Uint8Array<ArrayBuffer> {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupError(`${file} does not exist.`);
    if (code === 'EISDIR') throw new BackupError(`${file} is a directory, not a backup file.`);
    throw error;
  }
}

/** The tarball inside a backup, unpacked here: PGlite's own unzip fails outside any promise on a broken file. */
function tarballOf(bytes: Uint8Array<ArrayBuffer>, file: string): Uint8Array<ArrayBuffer> {
  let tar: Uint8Array<ArrayBuffer> = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      tar = new Uint8Array(gunzipSync(bytes));
    } catch (error) {
      throw new BackupError(
        `${file} could not be opened as an embedded database (${(error as Error).message}).`,
      );
    }
  }
  if (Buffer.from(tar.subarray(257, 262)).toString('latin1') !== 'ustar')
    throw new BackupError(`${file} could not be opened as an embedded database (not a tar archive).`);
  return tar;
}

async function unpackAndCheck(bytes: Uint8Array<ArrayBuffer>, staging: string, file: string): Promise<void> {
  const tar = tarballOf(bytes, file);
  let pglite: PGlite;
  try {
    pglite = await openPglite(staging, { loadDataDir: new Blob([tar], { type: 'application/x-tar' }) });
  } catch (error) {
    throw new BackupError(
      `${file} could not be opened as an embedded database (${(error as Error).message}).`,
      {
        cause: error,
      },
    );
  }
  try {
    await pglite.query('select count(*) from drizzle.__drizzle_migrations');
    await pglite.exec('CHECKPOINT');
  } catch (error) {
    throw new BackupError(`${file} does not hold a Deepsheet database (${(error as Error).message}).`, {
      cause: error,
    });
  } finally {
    await pglite.close();
  }
}
