import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, onPostgres } from './restore-drill.ts';
import {
  HOOK_TIMEOUT_MS,
  killAllProcesses,
  makeMigratedDataDir,
  makeTempDir,
  removeTempDirs,
  runCli,
  STACK_TRACE,
  spawnServer,
} from './support.ts';

// The refusals that need a database: the settings-only ones are in config-refusals.test.ts.

const STRONG_SECRET = 'k3J9xQ2mV7pL5wR8tY1uZ4aB6cD0eF2gH7jK9mN3';
const SAFE_PRODUCTION = {
  NODE_ENV: 'production',
  SECRET: STRONG_SECRET,
  APP_URL: 'https://deepsheet.example.com',
  LOG_LEVEL: 'warn',
};

afterAll(async () => {
  await killAllProcesses();
  removeTempDirs();
}, HOOK_TIMEOUT_MS);

describe('production start on the embedded database', () => {
  it('refuses migrations left behind with MIGRATE_ON_START=false, and starts once they are applied', async () => {
    const env = {
      ...SAFE_PRODUCTION,
      DATA_DIR: makeTempDir(),
      ALLOW_EMBEDDED_IN_PRODUCTION: 'true',
      MIGRATE_ON_START: 'false',
    };
    const refused = await runCli(['serve'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^Deepsheet cannot start:\n {2}- Migrations: \d+ pending \(0000_foundation, .*\) and MIGRATE_ON_START=false; run `deepsheet migrate` first\n$/,
    );
    expect(refused.stderr).not.toMatch(STACK_TRACE);

    const doctor = await runCli(['doctor', '--production'], env);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('  FAIL  Migrations:');

    expect((await runCli(['migrate'], env)).code).toBe(0);
    const healthy = await runCli(['doctor', '--production'], env);
    expect(healthy.code, healthy.stdout).toBe(0);
    expect(healthy.stdout).toContain('  ok    fsync: on');
    expect(healthy.stdout).toContain('  ok    synchronous_commit: on');
    expect(healthy.stdout).toMatch(/ {2}ok {4}Migrations: at head/);
    expect(healthy.stdout).not.toContain('FAIL');
    expect(healthy.stdout).not.toContain(STRONG_SECRET);

    const server = await spawnServer({ env });
    expect(server.stdout()).toContain('Deepsheet is running at https://deepsheet.example.com');
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('reports every failing check from doctor --production without refusing to run it', async () => {
    const doctor = await runCli(['doctor', '--production'], {
      NODE_ENV: 'production',
      APP_URL: 'http://deepsheet.example.com',
      ALLOW_EMBEDDED_IN_PRODUCTION: 'true',
      DATA_DIR: await makeMigratedDataDir(),
      LOG_LEVEL: 'warn',
    });
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toBe('');
    expect(doctor.stdout).toContain('Production checks (what a start with NODE_ENV=production requires):');
    expect(doctor.stdout).toContain('  FAIL  SECRET: required in production');
    expect(doctor.stdout).toContain('  FAIL  APP_URL: must use https:// in production');
    expect(doctor.stdout).toContain(
      '  ok    Rate limits: counted in the database, so every instance shares the same counts',
    );
    expect(doctor.stdout).toContain('  ok    Security headers: always sent (no setting turns them off)');
    expect(doctor.stdout).toContain('  ok    Database: on disk (embedded PGlite)');
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('production start on PostgreSQL (TEST_DATABASE_URL)', () => {
  const name = `deepsheet_production_${process.pid}`;
  afterAll(() => onPostgres(adminUrl!, `drop database if exists ${name} with (force)`), HOOK_TIMEOUT_MS);

  /** The test database's URL with synchronous_commit turned off for every connection it opens. */
  function withoutSynchronousCommit(url: string): string {
    const u = new URL(url);
    u.searchParams.set('options', '-c synchronous_commit=off');
    return u.toString();
  }

  it('refuses synchronous_commit=off when everything else is right', async () => {
    await onPostgres(adminUrl!, `create database ${name}`);
    const env = {
      ...SAFE_PRODUCTION,
      DATA_DIR: makeTempDir(),
      DATABASE_URL: withoutSynchronousCommit(databaseUrl(adminUrl!, name)),
    };
    const refused = await runCli(['serve'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'Deepsheet cannot start:\n  - PostgreSQL synchronous_commit is off: acknowledged writes can be lost in a crash. Remove it from postgresql.conf, the role or database settings, or the options in DATABASE_URL\n',
    );
    // The same database without the option starts.
    const server = await spawnServer({ env: { ...env, DATABASE_URL: databaseUrl(adminUrl!, name) } });
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('lists problems in the settings and in the database in one message', async () => {
    const refused = await runCli(['serve'], {
      NODE_ENV: 'production',
      SECRET: 'changeme',
      DATA_DIR: makeTempDir(),
      DATABASE_URL: withoutSynchronousCommit(adminUrl!),
      LOG_LEVEL: 'warn',
    });
    expect(refused.code).toBe(2);
    const lines = refused.stderr.trim().split('\n');
    expect(lines[0]).toBe('Deepsheet cannot start:');
    expect(lines.slice(1)).toEqual([
      expect.stringContaining('- SECRET: too short or a placeholder'),
      expect.stringContaining('- APP_URL: required in production'),
      expect.stringContaining('- PostgreSQL synchronous_commit is off'),
    ]);
  });
});
