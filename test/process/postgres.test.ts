import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canLogIn,
  getJson,
  HOOK_TIMEOUT_MS,
  killAllProcesses,
  makeTempDir,
  type RunningServer,
  removeTempDirs,
  runCli,
  STACK_TRACE,
  STRONG_PASSWORD,
  spawnServer,
} from './support.ts';

const adminUrl = process.env.TEST_DATABASE_URL;
const journal = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '..', '..', 'src', 'db', 'migrations', 'meta', '_journal.json'),
    'utf8',
  ),
) as { entries: unknown[] };

/** Runs one statement on the server's maintenance database (create/drop database cannot run in a transaction). */
async function onServer(statement: string): Promise<void> {
  const url = new URL(adminUrl!);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe.skipIf(!adminUrl)('deepsheet on PostgreSQL (TEST_DATABASE_URL)', () => {
  const database = `deepsheet_process_${process.pid}_${Date.now()}`;
  // With trust authentication any password is accepted; one is set so that redaction shows.
  const password = new URL(adminUrl ?? 'postgres://x').password || 'pw-that-must-not-show';
  let databaseUrl: string;
  let dataDir: string;
  let servers: RunningServer[];
  const env = () => ({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

  beforeAll(async () => {
    await onServer(`create database ${database}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${database}`;
    url.password = password;
    databaseUrl = url.toString();
    // Both instances share one directory for the generated secret, as two processes from the
    // same checkout would.
    dataDir = makeTempDir();
    servers = await Promise.all([spawnServer({ env: env() }), spawnServer({ env: env() })]);
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await killAllProcesses();
    removeTempDirs();
    await onServer(`drop database if exists ${database} with (force)`);
  }, HOOK_TIMEOUT_MS);

  it('starts two servers on one database at once, with migrations applied exactly once', async () => {
    for (const server of servers) {
      expect(server.stdout()).toContain('on PostgreSQL');
      expect((await getJson(`${server.url}/health/ready`)).body).toEqual({ status: 'ok', database: 'ok' });
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(rows[0].n).toBe(journal.entries.length);
    } finally {
      await client.end();
    }
    // No lock or socket: PostgreSQL serves any number of processes.
    expect(existsSync(join(dataDir, 'deepsheet.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'deepsheet.sock'))).toBe(false);
  });

  it('creates a user from the command line who can log in on either server', async () => {
    const created = await runCli(
      ['user', 'create', '--email', 'pg@example.com', '--password', STRONG_PASSWORD],
      env(),
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    for (const server of servers)
      expect(await canLogIn(server.url, 'pg@example.com', STRONG_PASSWORD)).toBe(true);
  });

  it('reports PostgreSQL with the password redacted and migrations at head from doctor', async () => {
    const doctor = await runCli(['doctor'], env());
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain(`Database: PostgreSQL at postgres://`);
    expect(doctor.stdout).toContain(`:***@`);
    expect(doctor.stdout).toContain(`/${database}`);
    expect(doctor.stdout).not.toContain(password);
    expect(doctor.stdout).toMatch(/Migrations: (\d+) of \1 applied \(at head\)/);
  });

  it('reports an unreachable database from doctor with a non-zero exit', async () => {
    const url = new URL(databaseUrl);
    url.port = '1';
    const doctor = await runCli(['doctor'], { ...env(), DATABASE_URL: url.toString() });
    expect(doctor.code).toBe(1);
    const output = doctor.stdout + doctor.stderr;
    expect(output).toMatch(/ECONNREFUSED 127\.0\.0\.1:1\b/);
    expect(output).not.toMatch(STACK_TRACE);
    expect(output).not.toContain(password);
    expect(output).not.toMatch(/Migrations: \d+ of/);
  });

  it('stops both servers on SIGTERM with exit code 0', async () => {
    const exits = await Promise.all(servers.map((server) => server.stop('SIGTERM')));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  });
});
