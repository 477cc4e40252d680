import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOOK_TIMEOUT_MS,
  killAllProcesses,
  makeMigratedDataDir,
  removeTempDirs,
  runCli,
  STRONG_PASSWORD,
  spawnServer,
} from './support.ts';

describe('deepsheet token create', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await makeMigratedDataDir();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await killAllProcesses();
    removeTempDirs();
  }, HOOK_TIMEOUT_MS);

  it('prints a token that works on the API, read-only unless asked, both directly and through a running server', async () => {
    const env = { DATA_DIR: dataDir };
    const email = 'ada@example.com';
    expect(
      (await runCli(['user', 'create', '--email', email, '--password', STRONG_PASSWORD], env)).code,
    ).toBe(0);
    const direct = await runCli(['token', 'create', '--email', email, '--name', 'backup script'], env);
    expect(direct.code).toBe(0);
    const readToken = direct.stdout.trim();
    expect(readToken).toMatch(/^ds_[A-Za-z0-9_-]{40,}$/);
    expect(direct.stderr).toContain('shown only once');

    const server = await spawnServer({ env });
    const viaServer = await runCli(
      ['token', 'create', '--email', email, '--name', 'widget', '--scope', 'write'],
      env,
    );
    expect(viaServer.code).toBe(0);
    const writeToken = viaServer.stdout.trim();

    const call = (token: string, path: string, method = 'GET') =>
      fetch(`${server.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    expect((await call(readToken, '/me')).status).toBe(200);
    const day = await (await call(readToken, '/days/today')).json();
    expect((await call(readToken, `/sessions/${day.sessions[0].id}/start`, 'POST')).status).toBe(403);
    expect((await call(writeToken, `/sessions/${day.sessions[0].id}/start`, 'POST')).status).toBe(200);

    const unknown = await runCli(['token', 'create', '--email', 'nobody@example.com', '--name', 'x'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account uses nobody@example.com');
    const bad = await runCli(['token', 'create', '--email', email, '--name', 'x', '--scope', 'admin'], env);
    expect(bad.code).toBe(2);
    await server.stop();
  });
});
