import { ConfigError, loadConfig } from '../config.ts';
import { DataDirLockedError, readLockHolder } from '../db/data-dir-lock.ts';
import { createLogger } from '../logger.ts';
import { openRuntime } from '../runtime.ts';
import { ServerStartError, startServer } from '../server.ts';
import { parseCommand, rootCauseMessage, runCommand, USAGE } from './commands.ts';
import { type CommandResult, sendToControlSocket } from './control-socket.ts';

/** The `deepsheet` command line. Exit codes: 0 ok, 1 failed, 2 usage or configuration. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'serve'] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (command !== 'serve') {
    const parsed = parseCommand(argv);
    if ('usageError' in parsed) {
      console.error(`${parsed.usageError}\n\n${USAGE}`);
      return 2;
    }
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  return command === 'serve' ? serve(config) : runOnce(config, argv);
}

async function serve(config: ReturnType<typeof loadConfig>): Promise<number> {
  const logger = createLogger(config.logLevel);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, logger);
  } catch (error) {
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
  logger.info({ url: server.url, database: config.database.kind }, 'ready');
  console.log(`Deepsheet is running at ${server.url} on ${where}. Press Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
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
  logger.flush();
  return 0;
}

async function runOnce(config: ReturnType<typeof loadConfig>, argv: string[]): Promise<number> {
  try {
    return await runHereOrOnServer(config, argv);
  } catch (error) {
    // An operator needs the reason, not a stack trace; LOG_LEVEL=debug shows the details.
    console.error(`deepsheet ${argv[0]}: ${rootCauseMessage(error)}`);
    if (config.logLevel === 'debug' || config.logLevel === 'trace') console.error(error);
    return 1;
  }
}

async function runHereOrOnServer(config: ReturnType<typeof loadConfig>, argv: string[]): Promise<number> {
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
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 2);
  // `migrate` applies migrations itself; other commands need them applied first too.
  const runtime = await openRuntime(config, logger, { migrate: argv[0] !== 'doctor' });
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
