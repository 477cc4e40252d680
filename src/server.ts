import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app.tsx';
import { startControlSocket } from './cli/control-socket.ts';
import type { Config } from './config.ts';
import { openRuntime, type Runtime } from './runtime.ts';

export type RunningServer = { url: string; runtime: Runtime; close(): Promise<void> };

/** Starts the HTTP server (and, in embedded mode, the command socket in DATA_DIR). */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const runtime = await openRuntime(config, logger);
  const app = createApp(runtime.deps, { manualClock: runtime.manualClock });
  const server: Server = createHttpServer(getRequestListener(app.fetch));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = config.appUrl ?? `http://localhost:${port}`;
  const control = config.database.kind === 'embedded' ? await startControlSocket(config.dataDir, runtime) : undefined;

  let closing: Promise<void> | undefined;
  return {
    url,
    runtime,
    close() {
      closing ??= (async () => {
        await control?.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Open event streams and idle keep-alive sockets would hold the close forever.
          setTimeout(() => server.closeAllConnections(), 5000).unref();
          server.closeIdleConnections();
        });
        await runtime.close();
      })();
      return closing;
    },
  };
}
