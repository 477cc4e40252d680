import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canLogIn,
  getJson,
  HOOK_TIMEOUT_MS,
  HttpBrowser,
  killAllProcesses,
  makeTempDir,
  type RunningServer,
  removeTempDirs,
  runCli,
  STACK_TRACE,
  STRONG_PASSWORD,
  spawnServer,
} from './support.ts';

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('deepsheet serve on an empty data directory', () => {
  let dataDir: string;
  let server: RunningServer;
  const env = () => ({ DATA_DIR: dataDir });

  beforeAll(async () => {
    dataDir = makeTempDir();
    server = await spawnServer({ env: env() });
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await killAllProcesses();
    removeTempDirs();
  }, HOOK_TIMEOUT_MS);

  it('creates the database and prints the address it listens on', () => {
    expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(server.stdout()).toContain(
      `Deepsheet is running at ${server.url} on the embedded database in ${dataDir}`,
    );
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
  });

  it('answers liveness and readiness with JSON that names no version', async () => {
    const live = await getJson(`${server.url}/health/live`);
    const ready = await getJson(`${server.url}/health/ready`);
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok' } });
    for (const response of [live, ready]) {
      expect(response.contentType).toMatch(/^application\/json/);
      expect(JSON.stringify(response.body)).not.toMatch(/version|\d+\.\d+\.\d+|pglite|postgres|node/i);
    }
  });

  it('keeps its generated secret, lock and command socket readable by the owner only', () => {
    expect(modeOf(join(dataDir, 'secret'))).toBe(0o600);
    expect(readFileSync(join(dataDir, 'secret'), 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    expect(modeOf(join(dataDir, 'deepsheet.lock'))).toBe(0o600);
    expect(readFileSync(join(dataDir, 'deepsheet.lock'), 'utf8')).toBe(String(server.pid));
    const socket = statSync(join(dataDir, 'deepsheet.sock'));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
  });

  it('refuses a second server on the same data directory and leaves the first one serving', async () => {
    const second = await runCli(['serve'], env());
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(dataDir);
    expect(second.stderr).toMatch(/in use by another Deepsheet process \(pid \d+\)/);
    expect(second.stderr).not.toMatch(STACK_TRACE);
    expect((await getJson(`${server.url}/health/ready`)).status).toBe(200);
    expect(readFileSync(join(dataDir, 'deepsheet.lock'), 'utf8')).toBe(String(server.pid));
  });

  it('creates a user through the running server who can then log in over HTTP', async () => {
    const created = await runCli(
      ['user', 'create', '--email', 'Ada@Example.com', '--password', STRONG_PASSWORD],
      env(),
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain('Created ada@example.com (instance admin).');
    expect(await canLogIn(server.url, 'ada@example.com', STRONG_PASSWORD)).toBe(true);
    expect(await canLogIn(server.url, 'ada@example.com', 'not the password at all')).toBe(false);
  });

  it('changes a password through the running server: the old one stops working, the new one works', async () => {
    const email = 'grace@example.com';
    const newPassword = 'a different long passphrase';
    expect(
      (await runCli(['user', 'create', '--email', email, '--password', STRONG_PASSWORD], env())).code,
    ).toBe(0);
    const changed = await runCli(
      ['user', 'set-password', '--email', email, '--password', newPassword],
      env(),
    );
    expect(changed).toMatchObject({ code: 0, stdout: `Password changed for ${email}.\n` });

    const old = await new HttpBrowser(server.url).logIn(email, STRONG_PASSWORD);
    expect(old.status).toBe(401);
    expect(await canLogIn(server.url, email, newPassword)).toBe(true);
  });

  it('reports the embedded database held by the server and migrations at head from doctor', async () => {
    const doctor = await runCli(['doctor'], env());
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain(
      `Database: embedded PGlite in ${join(dataDir, 'pg')} (held by the running server`,
    );
    expect(doctor.stdout).toMatch(/Migrations: (\d+) of \1 applied \(at head\)/);
    expect(doctor.stdout).toContain(`Address: ${server.url}`);
  });

  it('applies migrations through the running server', async () => {
    const migrate = await runCli(['migrate'], env());
    expect(migrate).toMatchObject({ code: 0, stderr: '' });
    expect(migrate.stdout).toContain('Migrations are applied (handed to the running server).');
  });

  it('has no test clock route without CLOCK=manual', async () => {
    const post = await fetch(`${server.url}/__test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ advanceSeconds: 3600 }),
    });
    expect(post.status).toBe(404);
    const get = await fetch(`${server.url}/__test/clock`);
    expect(get.status).toBe(404);
    await Promise.all([post.body?.cancel(), get.body?.cancel()]);
  });

  it.each([
    ['a weak password', ['--email', 'weak@example.com', '--password', 'short'], /at least 8 characters/],
    ['an invalid email', ['--email', 'not-an-email', '--password', STRONG_PASSWORD], /email address/i],
    ['a taken email', ['--email', 'ada@example.com', '--password', STRONG_PASSWORD], /cannot be created/],
  ])('refuses to create a user with %s with a readable message', async (_, args, message) => {
    const result = await runCli(['user', 'create', ...args], env());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('refuses to set a weak password or one for an unknown account', async () => {
    const weak = await runCli(
      ['user', 'set-password', '--email', 'ada@example.com', '--password', 'short'],
      env(),
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 8 characters/);
    const unknown = await runCli(
      ['user', 'set-password', '--email', 'nobody@example.com', '--password', STRONG_PASSWORD],
      env(),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account uses nobody@example.com.');
    expect(await canLogIn(server.url, 'ada@example.com', STRONG_PASSWORD)).toBe(true);
  });

  it('reports a missing option as a usage error with exit code 2', async () => {
    const result = await runCli(['user', 'create', '--email', 'x@example.com'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--email and --password are required.');
    expect(result.stderr).toContain('Usage: deepsheet');
  });
});
