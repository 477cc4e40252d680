// The machine's own limits, served by plain node:http so that every Deepsheet figure has a floor
// measured in the same run:
//   hello            a fixed 12-byte body
//   select <url|->   one primary-key SELECT per request through Drizzle (PostgreSQL url, or - for PGlite)
//   sse              Server-sent events: GET /stream subscribes, GET /publish?n=N writes `data: N` to all
//   hono-sse         GET /stream: an idle Hono streamSSE stream on @hono/node-server, as the app serves them
// Prints `listening <port>` once ready; ends on SIGTERM.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { users } from '../../src/db/schema/index.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const hello = Buffer.from('Hello world!');
const helloHandler: Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': hello.length });
  res.end(hello);
};

async function selectHandler(
  target: string,
  dataDir: string | undefined,
): Promise<{ handler: Handler; database: Database }> {
  const database =
    target === '-'
      ? await openDatabase({ kind: 'embedded', dataDir: dataDir! })
      : await openDatabase({ kind: 'postgres', url: target, poolSize: 10 });
  await migrateDatabase(database);
  const now = new Date();
  const [user] = await database.db
    .insert(users)
    .values({
      email: `floor-${Date.now()}@bench.local`,
      passwordHash: 'x',
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
    })
    .returning();
  const handler: Handler = (_req, res) => {
    database.db
      .select()
      .from(users)
      .where(eq(users.id, user!.id))
      .then(
        (rows) => {
          const body = JSON.stringify(rows[0]);
          res.writeHead(200, {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          });
          res.end(body);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
  };
  return { handler, database };
}

function sseHandler(): Handler {
  const streams = new Set<ServerResponse>();
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/stream') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      res.write('retry: 2000\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === '/publish') {
      const message = `id: ${url.searchParams.get('n')}\ndata: ${url.searchParams.get('n')}\n\n`;
      for (const stream of streams) stream.write(message);
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(404);
    res.end();
  };
}

function honoSseHandler(): Handler {
  const app = new Hono();
  app.get('/stream', (c) =>
    streamSSE(c, async (stream) => {
      await stream.write('retry: 2000\n\n');
      await new Promise<void>((resolve) => stream.onAbort(resolve));
    }),
  );
  return getRequestListener(app.fetch);
}

const [kind, target, dataDir] = process.argv.slice(2);
let database: Database | undefined;
let handler: Handler;
if (kind === 'hello') handler = helloHandler;
else if (kind === 'sse') handler = sseHandler();
else if (kind === 'hono-sse') handler = honoSseHandler();
else if (kind === 'select' && target) ({ handler, database } = await selectHandler(target, dataDir));
else
  throw new Error('usage: floor-server.ts hello | sse | hono-sse | select <postgres-url | -> [pglite-dir]');

const server = createServer(handler);
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    void (database?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  });
});
