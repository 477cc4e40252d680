import { type Config, ConfigError, loadConfig, safetySettingsOf } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { DataDirLockedError, readLockHolder } from '../db/data-dir-lock.ts';
import { checkDatabase } from '../db/database-checks.ts';
import { createLogger } from '../logger.ts';
import { checkSettings, problemsOf } from '../production-checks.ts';
import { openRuntime } from '../runtime.ts';
import { type OpenControlSocket, ServerStartError, startServer } from '../server.ts';
import { assertEmbeddedDatabaseExists, BackupError, restoreDatabase } from './backup-commands.ts';
import { type ParsedCommand, parseCommand, rootCauseMessage, runCommand, USAGE } from './commands.ts';
import { type CommandResult, sendToControlSocket, startControlSocket } from './control-socket.ts';

/** The `deepsheet` command line. Exit codes: 0 ok, 1 failed, 2 usage or configuration. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'serve'] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  let parsed: ParsedCommand | undefined;
  if (command !== 'serve') {
    const result = parseCommand(argv);
    if ('usageError' in result) {
      console.error(`${result.usageError}\n\n${USAGE}`);
      return 2;
    }
    parsed = result;
  }
  // `serve` lists the settings' problems together with the database's; `doctor --production`
  // reports them. Both load the configuration without refusing it first.
  const isLenient = command === 'serve' || (parsed?.name === 'doctor' && parsed.production);
  let config: Config;
  try {
    config = loadConfig(process.env, process.cwd(), { refuseUnsafe: !isLenient });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (!parsed) return serve(config);
  if (parsed.name === 'restore') return restore(config, parsed);
  // The file name made absolute, so a server handed the command writes where it was asked.
  return runOnce(config, parsed.name === 'backup' ? ['backup', parsed.file] : argv);
}

/**
 * In production, the settings checks run before anything opens; when they fail on PostgreSQL the
 * database is asked too (read only), so the one refusal lists every problem. The embedded
 * database is not opened for that: it would create the data directory.
 */
async function refuseUnsafeSettings(config: Config): Promise<ConfigError | undefined> {
  if (!config.isProduction) return undefined;
  const problems = problemsOf(checkSettings(safetySettingsOf(config)));
  if (problems.length === 0) return undefined;
  if (config.database.kind === 'postgres') {
    const database = await openDatabase({ ...config.database, poolSize: 1 });
    try {
      problems.push(...problemsOf(await checkDatabase(database, { migrateOnStart: config.migrateOnStart })));
    } catch (error) {
      problems.push(`DATABASE_URL: PostgreSQL did not answer (${rootCauseMessage(error)})`);
    } finally {
      await database.close();
    }
  }
  return new ConfigError(problems);
}

async function restore(
  config: Config,
  command: Extract<ParsedCommand, { name: 'restore' }>,
): Promise<number> {
  try {
    const lines = await restoreDatabase(config, command.file, { force: command.force, now: new Date() });
    for (const line of lines) console.log(line);
    return 0;
  } catch (error) {
    if (error instanceof BackupError || error instanceof DataDirLockedError) console.error(error.message);
    else console.error(`deepsheet restore: ${rootCauseMessage(error)}`);
    return 1;
  }
}

async function serve(config: Config): Promise<number> {
  const refusal = await refuseUnsafeSettings(config);
  if (refusal) {
    console.error(refusal.message);
    return 2;
  }
  const logger = createLogger(config.logLevel);
  // While this server holds the embedded database, other `deepsheet` commands reach it through
  // the control socket in DATA_DIR; PostgreSQL they open themselves.
  const openControlSocket: OpenControlSocket | undefined =
    config.database.kind === 'embedded'
      ? (runtime, url) => startControlSocket(config.dataDir, runtime, url)
      : undefined;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, logger, { openControlSocket });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof DataDirLockedError || error instanceof ServerStartError) {
      console.error(error.message);
      return 1;
    }
    // Such as PostgreSQL being unreachable: one line for the operator, the stack in the JSON log.
    logger.error({ err: error }, 'start failed');
    logger.flush();
    console.error(`Deepsheet could not start: ${rootCauseMessage(error)}`);
    return 1;
  }
  const where =
    config.database.kind === 'postgres' ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  // Listen for the stop signals before announcing the address: a supervisor (or a test) that
  // reacts to the announcement at once must not hit the default action, an abrupt exit.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      server.close().then(resolve, (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  logger.info({ url: server.url, database: config.database.kind }, 'ready');
  console.log(`Deepsheet is running at ${server.url} on ${where}. Press Ctrl+C to stop.`);
  await stopped;
  logger.flush();
  return 0;
}

async function runOnce(config: Config, argv: string[]): Promise<number> {
  try {
    return await runHereOrOnServer(config, argv);
  } catch (error) {
    // An operator needs the reason, not a stack trace; LOG_LEVEL=debug shows the details.
    console.error(`deepsheet ${argv[0]}: ${rootCauseMessage(error)}`);
    if (config.logLevel === 'debug' || config.logLevel === 'trace') console.error(error);
    return 1;
  }
}

async function runHereOrOnServer(config: Config, argv: string[]): Promise<number> {
  const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
  if (config.database.kind === 'embedded' && readLockHolder(config.dataDir) !== null) {
    const result = await sendToServer(config.dataDir, argv);
    if (result) {
      if (result.stdout) process.stdout.write(result.stdout);
      if (result.stderr) process.stderr.write(result.stderr);
      return result.code;
    }
    // The server went away while we waited for it: the directory is ours to open.
  }
  if (argv[0] === 'backup') assertEmbeddedDatabaseExists(config);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 2);
  // `migrate` applies migrations itself; `doctor` and `backup` look at the database as it is;
  // other commands apply them first, unless MIGRATE_ON_START=false leaves that to `migrate`.
  const runtime = await openRuntime(config, logger, {
    migrate: argv[0] === 'migrate' || (argv[0] !== 'doctor' && argv[0] !== 'backup' && config.migrateOnStart),
  });
  try {
    return await runCommand(argv, runtime, io, { viaServer: false });
  } finally {
    await runtime.close();
  }
}

const SERVER_START_WAIT_MS = 30_000;

/**
 * Hands the command to the server holding the data directory. A server that is still starting
 * (creating or migrating its database) holds the lock before its socket exists, so wait for it.
 * Resolves undefined if the server exits meanwhile.
 */
async function sendToServer(dataDir: string, argv: string[]): Promise<CommandResult | undefined> {
  const deadline = Date.now() + SERVER_START_WAIT_MS;
  for (;;) {
    try {
      return await sendToControlSocket(dataDir, argv);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const isNotListening = code === 'ENOENT' || code === 'ECONNREFUSED';
      const holder = readLockHolder(dataDir);
      if (holder === null) return undefined;
      if (!isNotListening || Date.now() > deadline) {
        throw new Error(
          `a Deepsheet server (pid ${holder}) holds ${dataDir} but did not answer on its socket (${(error as Error).message}). Stop it and try again.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
