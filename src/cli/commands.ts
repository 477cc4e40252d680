import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { safetySettingsOf } from '../config.ts';
import type { Database } from '../db/client.ts';
import { checkDatabase } from '../db/database-checks.ts';
import { migrateDatabase, readMigrationState } from '../db/migrate.ts';
import { isAppError } from '../domain/errors.ts';
import { checkSettings, formatChecks } from '../production-checks.ts';
import { createApiTokenForEmail } from '../services/api-tokens.ts';
import { createUser, findUserByEmail, setUserPassword } from '../services/create-user.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { BackupError, backupDatabase } from './backup-commands.ts';

export type Output = { out(line: string): void; err(line: string): void };

export const USAGE = `Usage: deepsheet <command> [options]

Commands:
  serve                                   start the web server (default)
  migrate                                 apply database migrations
  user create --email E --password P [--timezone Z]
  user set-password --email E --password P
  token create --email E --name N [--scope read|write] [--expires-in-days D]
                                          print a new personal access token for the API
  doctor [--production]                   show the database, migrations and configuration;
                                          --production: the checks a production start makes
  backup <file>                           write a backup of the database to <file>
  restore <file> [--force]                replace the database with a backup (server stopped)
  help                                    show this text`;

/** Where a command runs: in the command-line process, or handed to the server at `serverUrl`. */
export type CommandContext = { viaServer: false } | { viaServer: true; serverUrl: string };

export type ParsedCommand =
  | { name: 'migrate' }
  | { name: 'doctor'; production: boolean }
  | { name: 'backup'; file: string }
  | { name: 'restore'; file: string; force: boolean }
  | { name: 'user create'; email: string; password: string; timeZone: string }
  | { name: 'user set-password'; email: string; password: string }
  | {
      name: 'token create';
      email: string;
      tokenName: string;
      scopes: ('read' | 'write')[];
      expiresInDays?: number;
    };

/**
 * Reads a command line without touching the database, so a typo is reported at once and never
 * creates or opens a data directory. Returns the usage problem as a string.
 */
export function parseCommand(argv: string[]): ParsedCommand | { usageError: string } {
  const [command, sub, ...rest] = argv;
  if (command === 'migrate') {
    if (argv.length > 1) return { usageError: 'migrate takes no arguments.' };
    return { name: command };
  }
  if (command === 'doctor') {
    if (argv.length > 2 || (sub !== undefined && sub !== '--production'))
      return { usageError: 'doctor takes only --production.' };
    return { name: 'doctor', production: sub === '--production' };
  }
  if (command === 'backup' || command === 'restore') return parseBackupCommand(command, argv.slice(1));
  if (command === 'token') return parseTokenCommand(sub, rest);
  if (command !== 'user') return { usageError: `Unknown command: ${argv.join(' ')}` };
  if (sub !== 'create' && sub !== 'set-password')
    return { usageError: `Unknown user command: ${sub ?? '(none)'}` };
  let values: { email?: string | undefined; password?: string | undefined; timezone?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, password: { type: 'string' }, timezone: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    return { usageError: (error as Error).message };
  }
  if (!values.email || !values.password) return { usageError: '--email and --password are required.' };
  if (sub === 'set-password' && values.timezone !== undefined) {
    return { usageError: '--timezone applies to user create only.' };
  }
  return sub === 'create'
    ? {
        name: 'user create',
        email: values.email,
        password: values.password,
        timeZone: values.timezone ?? 'UTC',
      }
    : { name: 'user set-password', email: values.email, password: values.password };
}

function parseBackupCommand(
  command: 'backup' | 'restore',
  args: string[],
): ParsedCommand | { usageError: string } {
  let parsed: { values: { force?: boolean | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: command === 'restore' ? { force: { type: 'boolean' } } : {},
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return { usageError: (error as Error).message };
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) return { usageError: `${command} takes one file name.` };
  // Absolute here, so a command handed to a running server means the same file.
  return command === 'backup'
    ? { name: 'backup', file: resolve(file) }
    : { name: 'restore', file: resolve(file), force: parsed.values.force === true };
}

function parseTokenCommand(sub: string | undefined, rest: string[]): ParsedCommand | { usageError: string } {
  if (sub !== 'create') return { usageError: `Unknown token command: ${sub ?? '(none)'}` };
  let values: {
    email?: string | undefined;
    name?: string | undefined;
    scope?: string | undefined;
    'expires-in-days'?: string | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        scope: { type: 'string' },
        'expires-in-days': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    return { usageError: (error as Error).message };
  }
  if (!values.email || !values.name) return { usageError: '--email and --name are required.' };
  const scope = values.scope ?? 'read';
  if (scope !== 'read' && scope !== 'write') return { usageError: '--scope is read or write.' };
  const days = values['expires-in-days'];
  if (days !== undefined && !/^\d{1,4}$/.test(days))
    return { usageError: '--expires-in-days takes a whole number of days.' };
  return {
    name: 'token create',
    email: values.email,
    tokenName: values.name,
    // The write scope includes reading: a script that changes things must also see them.
    scopes: scope === 'write' ? ['read', 'write'] : ['read'],
    ...(days !== undefined ? { expiresInDays: Number(days) } : {}),
  };
}

/**
 * Runs one command-line command against open dependencies: either this process's own (when it
 * could open the database) or the running server's (handed over the control socket).
 */
export async function runCommand(
  argv: string[],
  target: { deps: ServiceDeps; database: Database },
  io: Output,
  context: CommandContext,
): Promise<number> {
  const command = parseCommand(argv);
  if ('usageError' in command) {
    io.err(`${command.usageError}\n\n${USAGE}`);
    return 2;
  }
  const { deps, database } = target;
  try {
    switch (command.name) {
      case 'migrate':
        await migrateDatabase(database);
        io.out(
          context.viaServer
            ? 'Migrations are applied (handed to the running server).'
            : 'Migrations are applied.',
        );
        return 0;
      case 'doctor': {
        const report = await doctorReport(deps, database, context);
        for (const line of report.lines) io.out(line);
        if (!command.production) return report.isHealthy ? 0 : 1;
        const checks = await productionChecks(deps, database);
        io.out('Production checks (what a start with NODE_ENV=production requires):');
        for (const line of formatChecks(checks)) io.out(line);
        return report.isHealthy && checks.every((c) => c.ok) ? 0 : 1;
      }
      case 'backup':
        io.out(await backupDatabase(database, deps.config, command.file));
        return 0;
      case 'restore':
        // The command line restores by itself; a running server holding the data is refused there.
        io.err('restore replaces the whole database; stop the server and run it again.');
        return 1;
      case 'user create': {
        const user = await createUser(deps, command);
        io.out(`Created ${user.email}${user.isAdmin ? ' (instance admin)' : ''}.`);
        return 0;
      }
      case 'token create': {
        const { token, secret } = await createApiTokenForEmail(deps, command.email, {
          name: command.tokenName,
          scopes: command.scopes,
          ...(command.expiresInDays !== undefined ? { expiresInDays: command.expiresInDays } : {}),
        });
        io.out(secret);
        io.err(
          `Created token "${token.name}" (${token.scopes.join(', ')}) for ${command.email}. It is shown only once.`,
        );
        return 0;
      }
      case 'user set-password': {
        const user = await findUserByEmail(deps.db, command.email);
        if (!user) {
          io.err(`No account uses ${command.email}.`);
          return 1;
        }
        await setUserPassword(deps, deps.db, user, command.password);
        io.out(`Password changed for ${user.email}.`);
        return 0;
      }
    }
  } catch (error) {
    if (isAppError(error)) {
      io.err(error.fields ? Object.values(error.fields).join('\n') : error.message);
      return 1;
    }
    if (error instanceof BackupError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

/** What `deepsheet doctor` prints once configuration has loaded: where data lives and its state. */
async function doctorReport(
  deps: ServiceDeps,
  database: Database,
  context: CommandContext,
): Promise<{ lines: string[]; isHealthy: boolean }> {
  const { config } = deps;
  const where =
    config.database.kind === 'postgres'
      ? `PostgreSQL at ${redactUrl(config.database.url)}`
      : `embedded PGlite in ${config.database.dataDir}${context.viaServer ? ' (held by the running server; asked it)' : ''}`;
  let migrations: string;
  let isHealthy = true;
  try {
    const state = await readMigrationState(database);
    migrations = `${state.applied} of ${state.known} applied${state.atHead ? ' (at head)' : `; pending: ${state.pending.join(', ')}`}`;
  } catch (error) {
    isHealthy = false;
    migrations = `unknown, the database did not answer (${rootCauseMessage(error)})`;
  }
  const address = context.viaServer
    ? (config.appUrl ?? context.serverUrl)
    : (config.appUrl ?? `http://localhost:${config.port} (APP_URL not set)`);
  const lines = [
    'Configuration: ok',
    `Mode: ${config.nodeEnv}`,
    `Database: ${where}`,
    `Migrations: ${migrations}`,
    `Mail: ${config.smtpUrl ? `SMTP at ${redactUrl(config.smtpUrl)}` : `written to ${config.dataDir}/outbox (no SMTP_URL)`}`,
    `Sign-up: ${config.allowSignup ? 'open' : 'closed'}`,
    `Address: ${address}`,
  ];
  return { lines, isHealthy };
}

/** The settings and database checks of a production start, for `doctor --production`. */
async function productionChecks(deps: ServiceDeps, database: Database) {
  const settings = checkSettings(safetySettingsOf(deps.config));
  try {
    return [...settings, ...(await checkDatabase(database, { migrateOnStart: deps.config.migrateOnStart }))];
  } catch (error) {
    return [
      ...settings,
      {
        name: 'Database',
        ok: false as const,
        problem: `Database: did not answer (${rootCauseMessage(error)})`,
      },
    ];
  }
}

/** Drizzle wraps driver errors as "Failed query: ..."; the driver's own message says what went wrong. */
export function rootCauseMessage(error: unknown): string {
  let e = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  return e.message || (typeof code === 'string' ? code : e.name);
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
