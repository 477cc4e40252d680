import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canLogIn,
  HOOK_TIMEOUT_MS,
  killAllProcesses,
  makeTempDir,
  removeTempDirs,
  runCli,
  STACK_TRACE,
  STRONG_PASSWORD,
  spawnServer,
} from './support.ts';

describe('deepsheet commands without a running server', () => {
  let dataDir: string;
  const env = () => ({ DATA_DIR: dataDir });

  beforeAll(() => {
    dataDir = makeTempDir();
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await killAllProcesses();
    removeTempDirs();
  }, HOOK_TIMEOUT_MS);

  it('reports the embedded database and its pending migrations from doctor', async () => {
    const doctor = await runCli(['doctor'], env());
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('Configuration: ok');
    expect(doctor.stdout).toContain(`Database: embedded PGlite in ${join(dataDir, 'pg')}\n`);
    expect(doctor.stdout).toMatch(/Migrations: 0 of \d+ applied; pending: 0000_/);
  });

  it('applies migrations itself, after which doctor reports them at head', async () => {
    const migrate = await runCli(['migrate'], env());
    expect(migrate).toMatchObject({ code: 0, stdout: 'Migrations are applied.\n' });
    const doctor = await runCli(['doctor'], env());
    expect(doctor.stdout).toMatch(/Migrations: (\d+) of \1 applied \(at head\)/);
  });

  it('creates a user and changes their password, then leaves the directory free for a server', async () => {
    const email = 'linus@example.com';
    const created = await runCli(['user', 'create', '--email', email, '--password', STRONG_PASSWORD], env());
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain(`Created ${email} (instance admin).`);
    const changed = await runCli(
      ['user', 'set-password', '--email', email, '--password', 'another fine passphrase'],
      env(),
    );
    expect(changed).toMatchObject({ code: 0, stdout: `Password changed for ${email}.\n` });
    expect(existsSync(join(dataDir, 'deepsheet.lock'))).toBe(false);

    const server = await spawnServer({ env: env() });
    expect(await canLogIn(server.url, email, 'another fine passphrase')).toBe(true);
    expect(await canLogIn(server.url, email, STRONG_PASSWORD)).toBe(false);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('refuses bad input with a readable message and no stack trace', async () => {
    const weak = await runCli(
      ['user', 'create', '--email', 'weak@example.com', '--password', 'short'],
      env(),
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 8 characters/);
    const invalid = await runCli(['user', 'create', '--email', 'nope', '--password', STRONG_PASSWORD], env());
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/email address/i);
    for (const result of [weak, invalid]) expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it.each([
    ['an unknown command', ['frobnicate'], 'Unknown command: frobnicate'],
    [
      'an unknown user command',
      ['user', 'delete', '--email', 'a@example.com', '--password', STRONG_PASSWORD],
      'Unknown user command: delete',
    ],
    [
      'an unknown option',
      ['user', 'create', '--email', 'a@example.com', '--password', STRONG_PASSWORD, '--admin'],
      "Unknown option '--admin'",
    ],
  ])('exits 2 with the usage text on %s', async (_, args, message) => {
    const result = await runCli(args, env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: deepsheet <command> [options]');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('prints the usage text for help and exits 0', async () => {
    const result = await runCli(['help'], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('user set-password --email E --password P');
  });
});
