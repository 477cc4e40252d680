import { existsSync, statSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  canLogIn,
  getJson,
  HOOK_TIMEOUT_MS,
  killAllProcesses,
  makeMigratedDataDir,
  makeTempDir,
  removeTempDirs,
  runCli,
  STACK_TRACE,
  STRONG_PASSWORD,
  spawnServer,
  waitFor,
} from './support.ts';

describe('starting and stopping the server', () => {
  afterAll(async () => {
    await killAllProcesses();
    removeTempDirs();
  }, HOOK_TIMEOUT_MS);

  it('stops on SIGTERM with exit code 0, releasing the data directory for the next server', async () => {
    const dataDir = await makeMigratedDataDir();
    const env = { DATA_DIR: dataDir };
    const first = await spawnServer({ env });
    expect(
      (await runCli(['user', 'create', '--email', 'term@example.com', '--password', STRONG_PASSWORD], env))
        .code,
    ).toBe(0);
    // An idle keep-alive connection from a browser must not hold the shutdown open.
    expect((await getJson(`${first.url}/health/ready`)).status).toBe(200);

    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(first.stdout()).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/);
    expect(existsSync(join(dataDir, 'deepsheet.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'deepsheet.sock'))).toBe(false);

    const second = await spawnServer({ env });
    expect(await canLogIn(second.url, 'term@example.com', STRONG_PASSWORD)).toBe(true);
    // Ctrl+C in a terminal stops it the same way.
    expect(await second.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'deepsheet.lock'))).toBe(false);
  });

  it('has a command wait for a server that is still starting, then hand it over', async () => {
    // A long data directory path also checks that the socket works beyond the 107-byte limit of
    // a unix socket address.
    const dataDir = join(makeTempDir(), 'a-rather-long-directory-name-for-deepsheet-data'.repeat(2));
    const env = { DATA_DIR: dataDir };
    const starting = spawnServer({ env });
    // The server takes the lock before it creates its database; its socket comes later.
    await waitFor(
      () => (existsSync(join(dataDir, 'deepsheet.lock')) ? true : undefined),
      'the lock file',
      20_000,
    );

    const doctor = await runCli(['doctor'], env);
    expect(doctor.stderr).toBe('');
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('(held by the running server; asked it)');
    const server = await starting;
    expect(doctor.stdout).toContain(`Address: ${server.url}`);
    expect(statSync(join(dataDir, 'deepsheet.sock')).mode & 0o777).toBe(0o600);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('reports a port that is already taken in one readable line and releases the data directory', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = String((holder.address() as AddressInfo).port);
    const dataDir = await makeMigratedDataDir();
    try {
      const result = await runCli(['serve'], { DATA_DIR: dataDir, PORT: port });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} is already in use`);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(existsSync(join(dataDir, 'deepsheet.lock'))).toBe(false);
      expect(existsSync(join(dataDir, 'deepsheet.sock'))).toBe(false);
    } finally {
      holder.close();
    }
  });
});
