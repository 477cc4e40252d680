import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, safetySettingsOf } from './config.ts';
import { checkDatabaseFacts, type DatabaseFacts } from './db/database-checks.ts';
import { checkSettings, formatChecks, problemsOf, type SafetySettings } from './production-checks.ts';

const SAFE: SafetySettings = {
  secret: 'k3J9xQ2mV7pL5wR8tY1uZ4aB6cD0eF2gH7jK9mN3',
  appUrl: 'https://deepsheet.example.com',
  databaseKind: 'postgres',
  allowEmbedded: false,
  manualClock: false,
};

const HEALTHY_DATABASE: DatabaseFacts = {
  kind: 'postgres',
  fsync: 'on',
  synchronousCommit: 'on',
  migrations: { applied: 6, known: 6, pending: [], unknown: 0, atHead: true },
};

describe('production settings checks', () => {
  it('passes safe settings, including the two checks that are constant by design', () => {
    const checks = checkSettings(SAFE);
    expect(problemsOf(checks)).toEqual([]);
    const lines = formatChecks(checks);
    expect(lines).toContain(
      '  ok    Rate limits: counted in the database, so every instance shares the same counts',
    );
    expect(lines).toContain('  ok    Security headers: always sent (no setting turns them off)');
    expect(lines.join('\n')).not.toContain(SAFE.secret!);
  });

  it.each([
    [{ secret: undefined }, 'SECRET: required in production'],
    [{ secret: 'short' }, 'SECRET: too short or a placeholder'],
    [{ secret: 'changeme-changeme-changeme-changeme-1234' }, 'SECRET: too short or a placeholder'],
    [{ secret: 'a'.repeat(40) }, 'SECRET: too short or a placeholder'],
    [{ appUrl: undefined }, 'APP_URL: required in production'],
    [{ appUrl: 'http://deepsheet.example.com' }, 'APP_URL: must use https://'],
    [{ databaseKind: 'embedded' as const }, 'DATABASE_URL: production needs PostgreSQL'],
    [{ manualClock: true }, 'CLOCK: manual is for tests'],
  ])('refuses %o', (change, problem) => {
    const problems = problemsOf(checkSettings({ ...SAFE, ...change }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('allows the embedded database only when the operator says so', () => {
    expect(problemsOf(checkSettings({ ...SAFE, databaseKind: 'embedded', allowEmbedded: true }))).toEqual([]);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf(
      checkSettings({ ...SAFE, secret: undefined, appUrl: 'http://x.example', manualClock: true }),
    );
    expect(problems).toHaveLength(3);
  });
});

describe('production database checks', () => {
  it('passes a durable database at head', () => {
    expect(problemsOf(checkDatabaseFacts(HEALTHY_DATABASE, { migrateOnStart: true }))).toEqual([]);
  });

  it('refuses fsync off, which no connection can set for itself', () => {
    const problems = problemsOf(
      checkDatabaseFacts({ ...HEALTHY_DATABASE, fsync: 'off' }, { migrateOnStart: true }),
    );
    expect(problems).toEqual([expect.stringContaining('fsync is off')]);
  });

  it('refuses synchronous_commit off but accepts local and remote variants', () => {
    const off = { ...HEALTHY_DATABASE, synchronousCommit: 'off' };
    expect(problemsOf(checkDatabaseFacts(off, { migrateOnStart: true }))).toEqual([
      expect.stringContaining('synchronous_commit is off'),
    ]);
    for (const value of ['local', 'remote_write', 'remote_apply'])
      expect(
        problemsOf(
          checkDatabaseFacts({ ...HEALTHY_DATABASE, synchronousCommit: value }, { migrateOnStart: true }),
        ),
      ).toEqual([]);
  });

  it('refuses an in-memory database', () => {
    const problems = problemsOf(
      checkDatabaseFacts({ ...HEALTHY_DATABASE, kind: 'memory' }, { migrateOnStart: true }),
    );
    expect(problems).toEqual([expect.stringContaining('in memory only')]);
  });

  it('refuses pending migrations only when the server will not apply them itself', () => {
    const behind = {
      ...HEALTHY_DATABASE,
      migrations: { applied: 5, known: 6, pending: ['0005_reflection'], unknown: 0, atHead: false },
    };
    expect(problemsOf(checkDatabaseFacts(behind, { migrateOnStart: true }))).toEqual([]);
    expect(problemsOf(checkDatabaseFacts(behind, { migrateOnStart: false }))).toEqual([
      expect.stringContaining('1 pending (0005_reflection) and MIGRATE_ON_START=false'),
    ]);
  });

  it('refuses a pooler in front of PostgreSQL without a direct DATABASE_LISTEN_URL', () => {
    const pooled = { ...HEALTHY_DATABASE, pooler: { serverPort: 5432, urlPort: 6432, hasListenUrl: false } };
    expect(problemsOf(checkDatabaseFacts(pooled, { migrateOnStart: true }))).toEqual([
      expect.stringContaining('through a pooler (the URL names port 6432, PostgreSQL answers on 5432)'),
    ]);
    const bypassed = { ...pooled, pooler: { ...pooled.pooler, hasListenUrl: true } };
    expect(problemsOf(checkDatabaseFacts(bypassed, { migrateOnStart: true }))).toEqual([]);
  });

  it('refuses a database a newer release has migrated', () => {
    const ahead = {
      ...HEALTHY_DATABASE,
      migrations: { ...HEALTHY_DATABASE.migrations, applied: 7, unknown: 1 },
    };
    expect(problemsOf(checkDatabaseFacts(ahead, { migrateOnStart: true }))).toEqual([
      expect.stringContaining('a newer release of Deepsheet used it'),
    ]);
  });
});

describe('rate limits set by the operator', () => {
  const base = { DATA_DIR: '/tmp/deepsheet-unit-unused', SECRET: 'k3J9xQ2mV7pL5wR8tY1uZ4aB6cD0eF2gH7jK9mN3' };

  it("keeps today's limits unless told otherwise", () => {
    const config = loadConfig(base, '/');
    expect(config.apiRateLimits).toEqual({ perCaller: 600, perAddress: 1200 });
    expect(config.signInRateLimits).toEqual({ perAccountAndAddress: 10, perAddress: 50, perAccount: 200 });
  });

  it('takes new limits, and refuses to turn one off', () => {
    const config = loadConfig(
      { ...base, API_RATE_LIMIT_PER_CALLER: '5000', SIGN_IN_RATE_LIMIT_PER_ADDRESS: '500' },
      '/',
    );
    expect(config.apiRateLimits.perCaller).toBe(5000);
    expect(config.signInRateLimits.perAddress).toBe(500);
    for (const name of ['API_RATE_LIMIT_PER_ADDRESS', 'SIGN_IN_RATE_LIMIT_PER_ACCOUNT'])
      expect(() => loadConfig({ ...base, [name]: '0' }, '/'), name).toThrow(new RegExp(name));
  });
});

describe('loading the configuration in production', () => {
  const production = {
    NODE_ENV: 'production',
    DATA_DIR: '/tmp/deepsheet-unit-unused',
    APP_URL: 'http://deepsheet.example.com',
  };

  it('refuses unsafe settings by default, listing them all', () => {
    expect(() => loadConfig(production, '/')).toThrow(ConfigError);
    try {
      loadConfig(production, '/');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringContaining('SECRET'),
        expect.stringContaining('APP_URL'),
        expect.stringContaining('DATABASE_URL'),
      ]);
    }
  });

  it('loads them for a report without taking a secret it was not given', () => {
    const config = loadConfig(production, '/', { refuseUnsafe: false });
    expect(config.secretSource).toBe('none');
    expect(problemsOf(checkSettings(safetySettingsOf(config)))).toHaveLength(3);
  });

  it('reads MIGRATE_ON_START, on by default', () => {
    const env = { NODE_ENV: 'test', SECRET: SAFE.secret, DATA_DIR: '/tmp/deepsheet-unit-unused' };
    expect(loadConfig(env, '/').migrateOnStart).toBe(true);
    expect(loadConfig({ ...env, MIGRATE_ON_START: 'false' }, '/').migrateOnStart).toBe(false);
  });
});
