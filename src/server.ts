import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, Server as NetServer } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app.tsx';
import { type Config, ConfigError } from './config.ts';
import { checkDatabase } from './db/database-checks.ts';
import { startJobQueue } from './jobs/queue.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { createSpanExporter } from './metrics/span-exporter.ts';
import { problemsOf } from './production-checks.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { flushApiRequestLog } from './services/api-request-log.ts';
import { vapidKeysOf } from './services/web-push/vapid-keys.ts';

/** How long a stopping server waits for requests on connections it accepted before it stopped. */
const IDLE_GRACE_MS = 1000;

/** Starting failed for a reason an operator can fix (the port is taken, the socket cannot be made). */
export class ServerStartError extends Error {
  override name = 'ServerStartError';
}

function describeStartError(error: unknown, config: Config): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return `Port ${config.port} is already in use on ${config.host}. Set PORT to a free port.`;
  if (code === 'EACCES')
    return `Not allowed to listen on ${config.host}:${config.port}. Set PORT to a port above 1023.`;
  if (code === 'EADDRNOTAVAIL') return `HOST ${config.host} is not an address of this machine.`;
  return `Deepsheet could not start: ${(error as Error).message}`;
}

/**
 * In production, the database must keep what it acknowledges and carry this release's schema
 * (src/db/database-checks.ts). Elsewhere only a schema left behind (MIGRATE_ON_START=false) stops
 * the start: every request would fail on it.
 */
async function refuseUnsafeDatabase(config: Config, runtime: Runtime): Promise<void> {
  if (!config.isProduction && config.migrateOnStart) return; // nothing to refuse: spare the start-up
  let problems: string[];
  try {
    const checks = await checkDatabase(runtime.database, { migrateOnStart: config.migrateOnStart });
    problems = problemsOf(config.isProduction ? checks : checks.filter((c) => c.name === 'Migrations'));
  } catch (error) {
    await runtime.close();
    throw error;
  }
  if (problems.length > 0) {
    await runtime.close();
    throw new ConfigError(problems);
  }
}

export type RunningServer = {
  url: string;
  runtime: Runtime;
  /** Where GET /metrics answers without a token, when METRICS_PORT is set. */
  metricsUrl?: string | undefined;
  close(): Promise<void>;
};

/**
 * METRICS_PORT: /metrics alone, without a token, on METRICS_HOST (loopback unless the operator
 * opens it to the network Prometheus scrapes from); every other path answers 404.
 */
async function listenForMetrics(metrics: Metrics, config: Config): Promise<Server> {
  const server = createHttpServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Only /metrics is here.');
      return;
    }
    metrics.render().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`METRICS_PORT ${config.metrics.port} is already in use on ${config.metrics.host}.`)
          : error,
      ),
    );
    server.listen(config.metrics.port, config.metrics.host, () => resolve());
  });
  return server;
}

/**
 * Opens the command line's control socket (src/cli/control-socket.ts) beside the HTTP server once
 * it listens, given the open runtime and the server's address. The command line hands it in, so
 * the server does not depend on the command line.
 */
export type OpenControlSocket = (runtime: Runtime, url: string) => Promise<{ close(): Promise<void> }>;

/**
 * Starts the HTTP server and then, if given, `options.openControlSocket` (the command line passes
 * it for the embedded database); a control socket that cannot be opened fails the start, and it
 * is closed before the server stops.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  options: { openControlSocket?: OpenControlSocket } = {},
): Promise<RunningServer> {
  const runtime = await openRuntime(config, logger);
  await refuseUnsafeDatabase(config, runtime);
  // Made at the first start, not at the first push: so a backup taken before anyone subscribed
  // already carries the pair the restored server must sign with.
  try {
    await vapidKeysOf(runtime.deps);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const metrics =
    config.metrics.token || config.metrics.port !== undefined
      ? createMetrics({ bus: runtime.bus, database: runtime.database })
      : undefined;
  const spans = config.tracing.endpoint
    ? createSpanExporter({
        endpoint: config.tracing.endpoint,
        serviceName: config.tracing.serviceName,
        logger,
      })
    : undefined;
  const app = createApp(runtime.deps, {
    manualClock: runtime.manualClock,
    bus: runtime.bus,
    metrics,
    spans,
  });
  const server: Server = createHttpServer(getRequestListener(app.fetch));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  let url: string;
  let control: { close(): Promise<void> } | undefined;
  let metricsServer: Server | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    if (metrics && config.metrics.port !== undefined) metricsServer = await listenForMetrics(metrics, config);
    const port = (server.address() as AddressInfo).port;
    url = config.appUrl ?? `http://localhost:${port}`;
    control = await options.openControlSocket?.(runtime, url);
  } catch (error) {
    // Release the data directory and the database before reporting, e.g. a port already in use.
    server.close();
    metricsServer?.close();
    await runtime.close();
    throw new ServerStartError(describeStartError(error, config), { cause: error });
  }

  // The job queue starts after the server answers: only clean-up jobs depend on it, and its start
  // (creating or checking pg-boss's schema) would otherwise delay readiness by a few hundred ms.
  const jobs = startJobQueue(runtime.database, runtime.deps, {
    // pg-boss holds sessions (LISTEN, advisory locks): PostgreSQL itself when a pooler is in between.
    ...(config.database.kind === 'postgres' ? { url: config.database.listenUrl ?? config.database.url } : {}),
    sender: runtime.jobs,
    retryAfterSeconds: config.jobRetryAfterSeconds,
  })
    .then((queue) => {
      metrics?.watchJobQueue(queue.boss);
      return queue;
    })
    .catch((error: unknown) => {
      logger.error({ err: error }, 'the background job queue did not start; clean-up jobs will not run');
      return undefined;
    });
  let closing: Promise<void> | undefined;
  const metricsAddress = metricsServer?.address() as AddressInfo | undefined;
  return {
    url,
    runtime,
    metricsUrl: metricsAddress ? `http://${config.metrics.host}:${metricsAddress.port}/metrics` : undefined,
    close() {
      closing ??= (async () => {
        const queue = await jobs;
        await queue
          ?.stop()
          .catch((error: unknown) => logger.warn({ err: error }, 'job queue did not stop cleanly'));
        await control?.close();
        await new Promise<void>((resolve) =>
          metricsServer ? metricsServer.close(() => resolve()) : resolve(),
        );
        await new Promise<void>((resolve) => {
          // Stop accepting, but serve what was already accepted. http's own close() also closes
          // idle connections at once, and a connection whose request is still on its way counts
          // as idle: a proxy that has just sent a POST on it gets a reset, a 502 it must not retry.
          NetServer.prototype.close.call(server, () => resolve());
          setTimeout(() => server.closeIdleConnections(), IDLE_GRACE_MS).unref();
          // Open event streams and idle keep-alive sockets would hold the close forever.
          setTimeout(() => server.closeAllConnections(), 5000).unref();
        });
        await spans?.close();
        // Answered API calls still waiting for the request log are written before the database closes.
        await flushApiRequestLog(runtime.deps.db);
        await runtime.close();
      })();
      return closing;
    },
  };
}
