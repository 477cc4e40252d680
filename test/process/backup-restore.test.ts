import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, expectSameOnBoth, onPostgres, populate } from './restore-drill.ts';
import {
  HOOK_TIMEOUT_MS,
  killAllProcesses,
  makeTempDir,
  removeTempDirs,
  runCli,
  STACK_TRACE,
  spawnServer,
} from './support.ts';

// A drill runs two servers, a backup and a restore, and reads everything twice.
const DRILL_TIMEOUT_MS = 180_000;

afterAll(async () => {
  await killAllProcesses();
  removeTempDirs();
}, HOOK_TIMEOUT_MS);

describe('backup and restore on the embedded database', () => {
  it(
    'backs up a running server and restores it into a fresh data directory with every person’s data',
    async () => {
      const source = { DATA_DIR: makeTempDir(), CLOCK: 'manual', LOG_LEVEL: 'warn' };
      const original = await spawnServer({ env: source });
      const people = await populate(original.url, source);

      // The server holds the data directory, so the command line hands the backup to it.
      const file = join(makeTempDir(), 'deepsheet.backup');
      const backup = await runCli(['backup', file], source);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/Backed up the embedded database to .*deepsheet\.backup/);
      expect(statSync(file).mode & 0o777).toBe(0o600);

      // Restore refuses while a server uses the directory, and refuses to overwrite without --force.
      const busy = await runCli(['restore', file, '--force'], source);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/A Deepsheet server \(pid \d+\) is using .*Stop it first/);

      const target = { DATA_DIR: makeTempDir(), CLOCK: 'manual', LOG_LEVEL: 'warn' };
      const restored = await runCli(['restore', file], target);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain(`Restored ${file} into ${join(target.DATA_DIR, 'pg')}`);
      const again = await runCli(['restore', file], target);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already holds a database. Pass --force to replace it');

      const copy = await spawnServer({ env: target });
      await expectSameOnBoth(original.url, copy.url, people);
      await Promise.all([original.stop(), copy.stop()]);
    },
    DRILL_TIMEOUT_MS,
  );

  it('replaces a database only with --force, keeps the old one aside, and leaves it untouched on a bad file', async () => {
    const env = { DATA_DIR: makeTempDir(), LOG_LEVEL: 'warn' };
    const made = await runCli(
      ['user', 'create', '--email', 'kept@example.com', '--password', 'a calm and long passphrase'],
      env,
    );
    expect(made.code, made.stderr).toBe(0);
    const file = join(makeTempDir(), 'first.backup');
    expect((await runCli(['backup', file], env)).code).toBe(0);

    // A broken file fails before anything is swapped: the database stays as it was.
    const broken = join(makeTempDir(), 'broken.backup');
    writeFileSync(broken, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8]));
    const failed = await runCli(['restore', broken, '--force'], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('could not be opened as an embedded database');
    expect(failed.stderr).not.toMatch(STACK_TRACE);
    expect(readdirSync(env.DATA_DIR).filter((name) => name.startsWith('pg'))).toEqual(['pg']);
    const doctor = await runCli(['doctor'], env);
    expect(doctor.stdout).toMatch(/Migrations: (\d+) of \1 applied \(at head\)/);
    const duplicate = await runCli(
      ['user', 'create', '--email', 'kept@example.com', '--password', 'another calm passphrase'],
      env,
    );
    expect(duplicate.stderr).toContain('An account with these details cannot be created.');

    const forced = await runCli(['restore', file, '--force'], env);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/The database it replaced is kept in .*pg\.before-restore-/);
    expect(readdirSync(env.DATA_DIR).filter((name) => name.startsWith('pg.before-restore-'))).toHaveLength(1);
  });

  it('explains a file that is no backup, a PostgreSQL dump, and a data directory with nothing to back up', async () => {
    const env = { DATA_DIR: makeTempDir(), LOG_LEVEL: 'warn' };
    const dir = makeTempDir();
    writeFileSync(join(dir, 'notes.txt'), 'not a backup');
    writeFileSync(join(dir, 'pg.dump'), 'PGDMP\x01\x0f\x00rest');
    const notBackup = await runCli(['restore', join(dir, 'notes.txt')], env);
    expect(notBackup).toMatchObject({
      code: 1,
      stderr: `${join(dir, 'notes.txt')} is not a Deepsheet backup.\n`,
    });
    const wrongKind = await runCli(['restore', join(dir, 'pg.dump')], env);
    expect(wrongKind.stderr).toContain('is a PostgreSQL backup (pg_dump custom format). Set DATABASE_URL');
    const missing = await runCli(['restore', join(dir, 'nothing.backup')], env);
    expect(missing.stderr).toContain('does not exist');
    const nothing = await runCli(['backup', join(dir, 'empty.backup')], env);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('There is no database in');
    expect(existsSync(join(env.DATA_DIR, 'pg'))).toBe(false);
    const usage = await runCli(['backup'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('backup takes one file name.');
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('backup and restore on PostgreSQL (TEST_DATABASE_URL)', () => {
  const names = [`deepsheet_drill_source_${process.pid}`, `deepsheet_drill_target_${process.pid}`];

  const keptAside: string[] = [];

  afterAll(async () => {
    await killAllProcesses();
    for (const name of [...names, ...keptAside])
      await onPostgres(adminUrl!, `drop database if exists ${name} with (force)`);
  }, HOOK_TIMEOUT_MS);

  it(
    'restores a custom-format dump into a fresh database with every person’s data',
    async () => {
      for (const name of names) await onPostgres(adminUrl!, `create database ${name}`);
      const source = {
        DATABASE_URL: databaseUrl(adminUrl!, names[0]!),
        DATA_DIR: makeTempDir(),
        CLOCK: 'manual',
        LOG_LEVEL: 'warn',
      };
      const target = { ...source, DATABASE_URL: databaseUrl(adminUrl!, names[1]!) };
      const original = await spawnServer({ env: source });
      const people = await populate(original.url, source);

      const file = join(makeTempDir(), 'deepsheet.dump');
      const backup = await runCli(['backup', file], source);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toContain('pg_dump custom format');

      // Refused while an instance is connected to the database it would replace.
      const busy = await runCli(['restore', file, '--force'], source);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(
        /other connection\(s\) use this database\. Stop every Deepsheet instance first/,
      );

      const restored = await runCli(['restore', file], target);
      expect(restored.code, restored.stderr).toBe(0);
      const again = await runCli(['restore', file], target);
      expect(again.stderr).toMatch(/already holds \d+ tables\. Pass --force/);
      const forced = await runCli(['restore', file, '--force'], target);
      expect(forced.code, forced.stderr).toBe(0);
      const aside = /kept as (\S+);/.exec(forced.stdout)?.[1];
      expect(aside).toMatch(new RegExp(`^${names[1]}_before_restore_\\d{14}$`));
      keptAside.push(aside!);

      const copy = await spawnServer({ env: target });
      await expectSameOnBoth(original.url, copy.url, people);
      await Promise.all([original.stop(), copy.stop()]);
    },
    DRILL_TIMEOUT_MS,
  );

  it('says clearly when pg_dump is missing or older than the server', async () => {
    // Both are found out before anything is written; the server is only asked for its version.
    const env = { DATABASE_URL: adminUrl!, DATA_DIR: makeTempDir(), LOG_LEVEL: 'warn' };
    const file = join(makeTempDir(), 'never.dump');
    const noTools = await runCli(['backup', file], { ...env, PATH: makeTempDir() });
    expect(noTools.code).toBe(1);
    expect(noTools.stderr).toContain('pg_dump was not found. Install the PostgreSQL client tools');
    expect(noTools.stderr).not.toMatch(STACK_TRACE);

    const fakeBin = makeTempDir();
    writeFileSync(join(fakeBin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n');
    chmodSync(join(fakeBin, 'pg_dump'), 0o755);
    const old = await runCli(['backup', file], { ...env, PATH: `${fakeBin}:${process.env.PATH}` });
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/pg_dump 9 cannot back up PostgreSQL \d+\. Install pg_dump \d+ or newer/);
    expect(existsSync(file)).toBe(false);
  });
});
