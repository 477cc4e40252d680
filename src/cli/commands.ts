import { parseArgs } from 'node:util';
import { migrateDatabase, readMigrationState } from '../db/migrate.ts';
import { isAppError } from '../domain/errors.ts';
import { createUser, findUserByEmail, setUserPassword } from '../services/create-user.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { Database } from '../db/client.ts';

export type Output = { out(line: string): void; err(line: string): void };

export const USAGE = `Usage: deepsheet <command> [options]

Commands:
  serve                                   start the web server (default)
  migrate                                 apply database migrations
  user create --email E --password P [--timezone Z]
  user set-password --email E --password P
  doctor                                  show the database, migrations and configuration
  help                                    show this text`;

/**
 * Runs one command-line command against open dependencies: either this process's own (when it
 * could open the database) or the running server's (handed over the control socket).
 */
export async function runCommand(
  argv: string[],
  target: { deps: ServiceDeps; database: Database },
  io: Output,
  context: { viaServer: boolean },
): Promise<number> {
  const [command, sub, ...rest] = argv;
  const { deps, database } = target;
  try {
    switch (command) {
      case 'migrate':
        await migrateDatabase(database);
        io.out(context.viaServer ? 'Migrations are applied (handed to the running server).' : 'Migrations are applied.');
        return 0;
      case 'doctor':
        for (const line of await doctorReport(deps, database, context.viaServer)) io.out(line);
        return 0;
      case 'user':
        return await userCommand(sub, rest, deps, io);
      default:
        io.err(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (isAppError(error)) {
      io.err(error.fields ? Object.values(error.fields).join('\n') : error.message);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

async function userCommand(sub: string | undefined, args: string[], deps: ServiceDeps, io: Output): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      timezone: { type: 'string' },
    },
    strict: true,
  });
  if (!values.email || !values.password) {
    io.err(`--email and --password are required.\n\n${USAGE}`);
    return 2;
  }
  if (sub === 'create') {
    const user = await createUser(deps, { email: values.email, password: values.password, timeZone: values.timezone ?? 'UTC' });
    io.out(`Created ${user.email}${user.isAdmin ? ' (instance admin)' : ''}.`);
    return 0;
  }
  if (sub === 'set-password') {
    const user = await findUserByEmail(deps.db, values.email);
    if (!user) {
      io.err(`No account uses ${values.email}.`);
      return 1;
    }
    await setUserPassword(deps, deps.db, user, values.password);
    io.out(`Password changed for ${user.email}.`);
    return 0;
  }
  io.err(`Unknown user command: ${sub ?? '(none)'}\n\n${USAGE}`);
  return 2;
}

/** What `deepsheet doctor` prints once configuration has loaded: where data lives and its state. */
async function doctorReport(deps: ServiceDeps, database: Database, viaServer: boolean): Promise<string[]> {
  const { config } = deps;
  const state = await readMigrationState(database);
  const where =
    config.database.kind === 'postgres'
      ? `PostgreSQL at ${redactUrl(config.database.url)}`
      : `embedded PGlite in ${config.database.dataDir}${viaServer ? ' (held by the running server; asked it)' : ''}`;
  return [
    'Configuration: ok',
    `Mode: ${config.nodeEnv}`,
    `Database: ${where}`,
    `Migrations: ${state.applied} of ${state.known} applied${state.atHead ? ' (at head)' : `; pending: ${state.pending.join(', ')}`}`,
    `Mail: ${config.smtpUrl ? `SMTP at ${redactUrl(config.smtpUrl)}` : `written to ${config.dataDir}/outbox (no SMTP_URL)`}`,
    `Sign-up: ${config.allowSignup ? 'open' : 'closed'}`,
    `Address: ${config.appUrl ?? `http://localhost:${config.port} (APP_URL not set)`}`,
  ];
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
