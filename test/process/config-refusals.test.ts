import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  HOOK_TIMEOUT_MS,
  killAllProcesses,
  makeTempDir,
  removeTempDirs,
  runCli,
  STACK_TRACE,
  spawnServer,
} from './support.ts';

const STRONG_SECRET = 'k3J9xQ2mV7pL5wR8tY1uZ4aB6cD0eF2gH7jK9mN3';

describe('configuration refused at start', () => {
  afterAll(async () => {
    await killAllProcesses();
    removeTempDirs();
  }, HOOK_TIMEOUT_MS);

  it('lists every missing production setting in one message and touches nothing', async () => {
    const dataDir = makeTempDir();
    const result = await runCli(['serve'], { NODE_ENV: 'production', DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Deepsheet cannot start:');
    expect(result.stderr).toMatch(/- SECRET: required in production/);
    expect(result.stderr).toMatch(/- APP_URL: required in production/);
    expect(result.stderr).toMatch(/- DATABASE_URL: production needs PostgreSQL/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).toBe('');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses the manual clock in production even when everything else is set', async () => {
    const result = await runCli(['serve'], {
      NODE_ENV: 'production',
      DATA_DIR: makeTempDir(),
      SECRET: STRONG_SECRET,
      APP_URL: 'https://deepsheet.example.com',
      ALLOW_EMBEDDED_IN_PRODUCTION: 'true',
      CLOCK: 'manual',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CLOCK: manual is for tests and refused in production');
    expect(result.stderr).not.toMatch(/SECRET|APP_URL|DATABASE_URL/);
  });

  it('refuses a malformed setting by name, for commands as well as the server', async () => {
    const result = await runCli(['doctor'], {
      DATA_DIR: makeTempDir(),
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/- PORT: /);
    expect(result.stderr).toMatch(/- DATABASE_URL: must start with postgres:\/\//);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('the test clock', () => {
  afterAll(async () => {
    await killAllProcesses();
    removeTempDirs();
  }, HOOK_TIMEOUT_MS);

  it('moves server time with CLOCK=manual, to a given instant or by a number of seconds', async () => {
    const server = await spawnServer({
      env: { DATA_DIR: makeTempDir(), CLOCK: 'manual', LOG_LEVEL: 'warn' },
    });
    const post = (body: unknown) =>
      fetch(`${server.url}/__test/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const set = await post({ now: '2031-03-04T08:30:00+01:00' });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ now: '2031-03-04T07:30:00.000Z' });
    const advanced = await post({ advanceSeconds: 90 });
    expect(await advanced.json()).toEqual({ now: '2031-03-04T07:31:30.000Z' });
    const read = await fetch(`${server.url}/__test/clock`);
    expect(await read.json()).toEqual({ now: '2031-03-04T07:31:30.000Z' });
    // Without a request time passes only when told to.
    expect(await (await fetch(`${server.url}/__test/clock`)).json()).toEqual({
      now: '2031-03-04T07:31:30.000Z',
    });

    const invalid = await post({ now: 'tomorrow' });
    expect(invalid.status).toBe(422);
  });
});
