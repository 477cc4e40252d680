import { ConfigError, loadConfig } from '../config.ts';
import { DataDirLockedError, readLockHolder } from '../db/data-dir-lock.ts';
import { createLogger } from '../logger.ts';
import { openRuntime } from '../runtime.ts';
import { startServer } from '../server.ts';
import { runCommand, USAGE } from './commands.ts';
import { sendToControlSocket } from './control-socket.ts';

/** The `deepsheet` command line. Exit codes: 0 ok, 1 failed, 2 usage or configuration. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'serve'] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
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
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
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
  const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
  if (config.database.kind === 'embedded' && readLockHolder(config.dataDir) !== null) {
    const result = await sendToControlSocket(config.dataDir, argv).catch((error: Error) => {
      throw new Error(`A Deepsheet server holds ${config.dataDir} but did not answer on its socket (${error.message}).`);
    });
    if (result.stdout) process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    return result.code;
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
