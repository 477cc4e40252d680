import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { basename, dirname, join } from 'node:path';
import type { Database } from '../db/client.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { runCommand } from './commands.ts';

export function controlSocketPath(dataDir: string): string {
  return join(dataDir, 'deepsheet.sock');
}

export type CommandResult = { code: number; stdout: string; stderr: string };

// A unix socket address holds at most 107 bytes on Linux (103 on macOS).
const MAX_SOCKET_PATH_BYTES = 100;

/**
 * Runs `use` with a socket address for `path` that fits the kernel's limit: for a long DATA_DIR,
 * the path relative to the data directory, made current just for the synchronous bind/connect.
 */
function withSocketAddress<T>(path: string, use: (address: string) => T): T {
  if (Buffer.byteLength(path) <= MAX_SOCKET_PATH_BYTES) return use(path);
  const previous = process.cwd();
  process.chdir(dirname(path));
  try {
    return use(`./${basename(path)}`);
  } finally {
    process.chdir(previous);
  }
}

/**
 * While a server holds the embedded database, the command line cannot open it. Instead it hands
 * its command to the server over this socket, which only the data directory's owner can use.
 */
export async function startControlSocket(
  dataDir: string,
  target: { deps: ServiceDeps; database: Database },
  serverUrl: string,
): Promise<{ close(): Promise<void> }> {
  const path = controlSocketPath(dataDir);
  if (existsSync(path)) unlinkSync(path); // left by a crashed process; we hold the lock now
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/command') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      let result: CommandResult;
      try {
        const { argv } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { argv: string[] };
        result = await captureCommand(argv, target, serverUrl);
      } catch (error) {
        result = { code: 1, stdout: '', stderr: `${(error as Error).message}\n` };
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Binding happens synchronously inside listen(), so a relative address is resolved right here.
    withSocketAddress(path, (address) => server.listen(address, () => resolve()));
  });
  chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function captureCommand(
  argv: string[],
  target: { deps: ServiceDeps; database: Database },
  serverUrl: string,
): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(
    argv,
    target,
    {
      out: (line) => {
        stdout += `${line}\n`;
      },
      err: (line) => {
        stderr += `${line}\n`;
      },
    },
    { viaServer: true, serverUrl },
  );
  return { code, stdout, stderr };
}

/** Sends a command to the running server; resolves with its output. */
export function sendToControlSocket(dataDir: string, argv: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const req = withSocketAddress(controlSocketPath(dataDir), (socketPath) =>
      request(
        { socketPath, path: '/command', method: 'POST', headers: { 'Content-Type': 'application/json' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as CommandResult);
            } catch (error) {
              reject(error);
            }
          });
        },
      ),
    );
    req.on('error', reject);
    req.end(JSON.stringify({ argv }));
  });
}
