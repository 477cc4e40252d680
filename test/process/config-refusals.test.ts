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

  it('refuses half a sign-in provider, naming the missing half', async () => {
    const result = await runCli(['doctor'], {
      DATA_DIR: makeTempDir(),
      OAUTH_GITHUB_CLIENT_ID: 'Iv1.only-the-id',
      OAUTH_GOOGLE_CLIENT_SECRET: 'only-the-secret',
      OIDC_ISSUER: 'https://sso.example.com',
      OIDC_CLIENT_ID: 'deepsheet',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Deepsheet cannot start:');
    expect(result.stderr).toMatch(
      /- OAUTH_GITHUB_CLIENT_SECRET: GitHub sign-in needs it too \(OAUTH_GITHUB_CLIENT_ID is set\)/,
    );
    expect(result.stderr).toMatch(/- OAUTH_GOOGLE_CLIENT_ID: Google sign-in needs it too/);
    expect(result.stderr).toMatch(/- OIDC_CLIENT_SECRET: OpenID Connect sign-in needs it too/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('refuses half a VAPID configuration, and a subject push services cannot reach', async () => {
    const half = await runCli(['doctor'], {
      DATA_DIR: makeTempDir(),
      VAPID_PUBLIC_KEY:
        'BFjzDQ2A2KMCGo84L9qe03U9Z7q5MbdcSBrzZ9ermtIHO65V359l_dZwmgsvtZiIGJwg246DaO6rsZlE542VLm0',
    });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain(
      'VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT: set all three or none',
    );
    const subject = await runCli(['doctor'], {
      DATA_DIR: makeTempDir(),
      VAPID_PUBLIC_KEY:
        'BFjzDQ2A2KMCGo84L9qe03U9Z7q5MbdcSBrzZ9ermtIHO65V359l_dZwmgsvtZiIGJwg246DaO6rsZlE542VLm0',
      VAPID_PRIVATE_KEY: 'xZnZrzqG0MjC5xfmErT1q1LBk5maA7oKcbBd6-647yE',
      VAPID_SUBJECT: 'http://localhost',
    });
    expect(subject.code).toBe(2);
    expect(subject.stderr).toMatch(/- VAPID_SUBJECT: must be a mailto: address or an https: URL/);
    expect(subject.stderr).not.toMatch(STACK_TRACE);
  });

  it('says in one line that PostgreSQL cannot be reached, without a stack trace on stderr', async () => {
    const result = await runCli(['serve'], {
      DATA_DIR: makeTempDir(),
      DATABASE_URL: 'postgres://deepsheet:hunter2-secret@127.0.0.1:1/deepsheet',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Deepsheet could not start: connect ECONNREFUSED 127.0.0.1:1\n');
    expect(result.stdout + result.stderr).not.toContain('hunter2-secret');
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

    // The manual clock keeps flowing from where it was placed (browsers count down in real time),
    // so each reading is the placed instant plus the little real time since.
    const readingOf = async (response: Response) => {
      expect(response.status).toBe(200);
      const { now } = (await response.json()) as { now: string };
      return Date.parse(now);
    };
    const placed = Date.parse('2031-03-04T07:30:00.000Z');
    const SLACK_MS = 5_000;

    const set = await readingOf(await post({ now: '2031-03-04T08:30:00+01:00' }));
    expect(set - placed).toBeGreaterThanOrEqual(0);
    expect(set - placed).toBeLessThan(SLACK_MS);
    const advanced = await readingOf(await post({ advanceSeconds: 90 }));
    expect(advanced - (placed + 90_000)).toBeGreaterThanOrEqual(0);
    expect(advanced - (placed + 90_000)).toBeLessThan(SLACK_MS);
    const read = await readingOf(await fetch(`${server.url}/__test/clock`));
    expect(read).toBeGreaterThanOrEqual(advanced);
    expect(read - advanced).toBeLessThan(SLACK_MS);

    const invalid = await post({ now: 'tomorrow' });
    expect(invalid.status).toBe(422);
  });
});
