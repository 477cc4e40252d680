import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  canLogIn,
  HOOK_TIMEOUT_MS,
  HttpBrowser,
  killAllProcesses,
  makeMigratedDataDir,
  removeTempDirs,
  runCli,
  STRONG_PASSWORD,
  spawnServer,
} from './support.ts';

const SIGNUPS = 20;
const CLI_USERS = 3;

describe('acknowledged writes and SIGKILL', () => {
  afterAll(async () => {
    await killAllProcesses();
    removeTempDirs();
  }, HOOK_TIMEOUT_MS);

  it('keeps every acknowledged account and session when the server is killed right after the last write', async () => {
    const dataDir = await makeMigratedDataDir();
    // Sign-up allows 10 per address an hour: each sign-up comes from its own (trusted) address.
    const env = { DATA_DIR: dataDir, TRUST_PROXY_HEADER: 'X-Forwarded-For', LOG_LEVEL: 'warn' };
    const server = await spawnServer({ env });

    const emails: string[] = [];
    for (let i = 0; i < CLI_USERS; i++) {
      const email = `cli-${i}@example.com`;
      const created = await runCli(['user', 'create', '--email', email, '--password', STRONG_PASSWORD], env);
      expect(created.code, created.stderr).toBe(0);
      emails.push(email);
    }

    const signUp = async (i: number) => {
      const browser = new HttpBrowser(server.url, `203.0.113.${i + 1}`);
      const email = `signup-${i}@example.com`;
      const response = await browser.submit('/signup', {
        email,
        password: STRONG_PASSWORD,
        timeZone: 'Europe/Berlin',
      });
      await response.body?.cancel();
      return { email, browser, status: response.status, location: response.headers.get('location') };
    };
    // Four at a time, so commits also overlap; the last one alone, then the kill at once.
    const signedUp: Awaited<ReturnType<typeof signUp>>[] = [];
    for (let start = 0; start < SIGNUPS - 1; start += 4) {
      const batch = Array.from({ length: Math.min(4, SIGNUPS - 1 - start) }, (_, k) => signUp(start + k));
      signedUp.push(...(await Promise.all(batch)));
    }
    const last = await signUp(SIGNUPS - 1);
    server.child.kill('SIGKILL');
    signedUp.push(last);

    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    for (const result of signedUp) expect(result).toMatchObject({ status: 303, location: '/?welcome=1' });
    emails.push(...signedUp.map((r) => r.email));
    // The killed server could not clean up: its lock and socket are left behind.
    expect(readFileSync(join(dataDir, 'deepsheet.lock'), 'utf8')).toBe(String(server.pid));
    expect(existsSync(join(dataDir, 'deepsheet.sock'))).toBe(true);

    const restarted = await spawnServer({ env });
    expect(readFileSync(join(dataDir, 'deepsheet.lock'), 'utf8')).toBe(String(restarted.pid));
    for (const [i, email] of emails.entries()) {
      expect(await canLogIn(restarted.url, email, STRONG_PASSWORD, `198.51.100.${i + 1}`), email).toBe(true);
    }
    // The session created by the last sign-up before the kill still signs its browser in.
    expect(last.browser.cookie('ds_session')).toBeTruthy();
    last.browser.moveTo(restarted.url);
    const sheet = await last.browser.get('/');
    expect(sheet.status).toBe(200);
    expect(await restarted.stop()).toEqual({ code: 0, signal: null });
  });

  it('lets a command open the data directory directly after the server holding it was killed', async () => {
    const dataDir = await makeMigratedDataDir();
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const server = await spawnServer({ env });
    server.child.kill('SIGKILL');
    await server.exited;
    expect(existsSync(join(dataDir, 'deepsheet.lock'))).toBe(true);

    const created = await runCli(
      ['user', 'create', '--email', 'after-crash@example.com', '--password', STRONG_PASSWORD],
      env,
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain('Created after-crash@example.com');
    expect(existsSync(join(dataDir, 'deepsheet.lock'))).toBe(false);

    const restarted = await spawnServer({ env });
    expect(await canLogIn(restarted.url, 'after-crash@example.com', STRONG_PASSWORD)).toBe(true);
  });
});
