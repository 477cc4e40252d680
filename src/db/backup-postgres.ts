import { spawn } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import type pg from 'pg';
import { BackupError } from './backup-embedded.ts';
import { partialPathFor, publishFile } from './backup-files.ts';

/**
 * Backup on PostgreSQL with its own tool, `pg_dump --format=custom`, found on PATH (restore is
 * in restore-postgres.ts). The password travels in PGPASSWORD, never on a command line that
 * `ps` would show.
 */

type ToolResult = { code: number | null; stdout: string; stderr: string };

export function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new BackupError(
              `${tool} was not found. Install the PostgreSQL client tools (for example apt-get install postgresql-client) in the version of your server or newer, and put ${tool} on PATH.`,
            )
          : error,
      );
    });
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The major version of a client tool: "pg_dump (PostgreSQL) 15.20 (Debian ...)" -> 15. */
export function majorVersionOf(versionLine: string): number | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(versionLine);
  return match ? Number(match[1]) : undefined;
}

async function toolMajorVersion(tool: string): Promise<number | undefined> {
  return majorVersionOf((await runTool(tool, ['--version'])).stdout);
}

/** The URL without its password, and the password for PGPASSWORD. */
export function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  // Imported here: an embedded start does not load the PostgreSQL driver at all.
  const { default: driver } = await import('pg');
  const client = new driver.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`PostgreSQL could not be reached: ${(error as Error).message}.`, { cause: error });
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function serverMajorVersion(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
  return Math.floor(Number(rows[0]!.server_version_num) / 10_000);
}

export function lastLines(text: string, count = 5): string {
  return text.trim().split('\n').slice(-count).join('\n');
}

/** Writes a custom-format dump of the database to `file` (complete under its name, or absent). */
export async function dumpPostgresDatabase(databaseUrl: string, file: string): Promise<void> {
  const client = await toolMajorVersion('pg_dump');
  const server = await withClient(databaseUrl, serverMajorVersion);
  if (client !== undefined && client < server)
    throw new BackupError(
      `pg_dump ${client} cannot back up PostgreSQL ${server}. Install pg_dump ${server} or newer and put it first on PATH.`,
    );
  const { url, env } = splitPassword(databaseUrl);
  const partial = partialPathFor(file);
  try {
    const result = await runTool(
      'pg_dump',
      ['--format=custom', '--no-password', `--file=${partial}`, `--dbname=${url}`],
      env,
    );
    if (result.code !== 0) throw new BackupError(`pg_dump failed:\n${lastLines(result.stderr)}`);
    chmodSync(partial, 0o600);
    publishFile(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
