import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * File handling shared by backup and restore: a backup appears complete under its name or not
 * at all, and a restored data directory is on disk before it replaces the old one.
 */

/** A partial file next to `path`: same directory, so the final rename is atomic. */
export function partialPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
}

/** Flushes a file or directory to disk. Some file systems refuse fsync on directories; that is fine. */
export function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM') throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Flushes every file under `dir`, then the directories themselves. */
export function fsyncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) fsyncTree(path);
    else if (entry.isFile()) fsyncPath(path);
  }
  fsyncPath(dir);
}

/** Moves a finished partial file to its name and makes the rename itself durable. */
export function publishFile(partial: string, path: string): void {
  fsyncPath(partial);
  renameSync(partial, path);
  fsyncPath(dirname(path));
}

/** Writes `data` so that `path` is either the old file or the complete new one, readable by its owner only. */
export function writeFileAtomically(path: string, data: Uint8Array): void {
  const partial = partialPathFor(path);
  try {
    writeFileSync(partial, data, { mode: 0o600 });
    publishFile(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

export type BackupKind = 'postgres' | 'embedded' | 'unknown';

/** Tells the two backup formats apart by their first bytes: pg_dump's "PGDMP", or a (gzipped) tar. */
export function backupKindOf(head: Uint8Array): BackupKind {
  if (Buffer.from(head.subarray(0, 5)).toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  if (Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar') return 'embedded';
  return 'unknown';
}
