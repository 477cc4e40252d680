// Diagnostic, not a benchmark: what one idle event stream costs in memory, split by where it
// lives. Serves the app in this process (started with --expose-gc), has bench/lib/stream-holder.ts
// open N streams, collects garbage, and compares process.memoryUsage() before and after.
// Usage: node --expose-gc --import tsx bench/lib/stream-cost.ts [streams] [postgres|pglite] [--snapshot]
// (--snapshot also lists which objects the streams keep, from two heap snapshots.)

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getHeapSnapshot } from 'node:v8';
import { getRequestListener } from '@hono/node-server';
import { createAuthSession } from '../../src/services/auth-sessions.ts';
import { inProcessApp } from './in-process-app.ts';
import { ROOT } from './machine.ts';
import { insertUsers, openSeedDatabase } from './seed.ts';
import { createScratchDatabase, type DbMode, makeTempDir } from './server.ts';

const count = Number(process.argv[2] ?? 5000);
const mode = (process.argv[3] ?? 'postgres') as DbMode;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const scratch = mode === 'postgres' ? await createScratchDatabase() : undefined;
const dir = makeTempDir('stream-cost');
const database = await openSeedDatabase({
  mode,
  dataDir: dir.path,
  ...(scratch ? { databaseUrl: scratch.url } : {}),
});
const { deps, bus, app } = await inProcessApp(database, dir.path, scratch?.url);
const server = createServer(getRequestListener(app.fetch));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const [user] = await insertUsers(database, 'stream-cost', 1);
const { token } = await createAuthSession(deps, database.db, user!.id, {
  remember: true,
  userAgent: 'b',
  ip: '127.0.0.1',
});

/** Self size by constructor name over the whole JS heap (a heap snapshot, aggregated). */
async function heapByConstructor(): Promise<Map<string, { count: number; bytes: number }>> {
  const chunks: string[] = [];
  const snapshot = getHeapSnapshot();
  for await (const chunk of snapshot) chunks.push(String(chunk));
  const data = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = data.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = data.snapshot.meta.node_types[0];
  const totals = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < data.nodes.length; i += width) {
    const type = types[data.nodes[i + typeAt]!]!;
    const name =
      type === 'object' || type === 'closure' ? data.strings[data.nodes[i + nameAt]!]! : `(${type})`;
    const key = type === 'closure' ? `closure ${name}` : name;
    const entry = totals.get(key) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += data.nodes[i + sizeAt]!;
    totals.set(key, entry);
  }
  return totals;
}

const usage = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
  };
};

const holder = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    join(ROOT, 'bench/lib/stream-holder.ts'),
    JSON.stringify({
      url: `${origin}/events`,
      headers: { Cookie: `ds_session=${token}` },
      count: 200,
      concurrency: 50,
      holdSeconds: 0,
      heartbeatMs: 25_000,
    }),
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
// Warm-up: the first streams load code and fill pools; measure from after them.
await new Promise<void>((resolve) =>
  holder.stdout.on('data', (d: Buffer) => String(d).includes('ready') && resolve()),
);
holder.stdin.end('stop\n');
await new Promise((resolve) => holder.once('exit', resolve));
await new Promise((resolve) => setTimeout(resolve, 1000));
const before = await usage();
const withSnapshots = process.argv.includes('--snapshot');
const heapBefore = withSnapshots ? await heapByConstructor() : undefined;

const main = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    join(ROOT, 'bench/lib/stream-holder.ts'),
    JSON.stringify({
      url: `${origin}/events`,
      headers: { Cookie: `ds_session=${token}` },
      count,
      concurrency: 100,
      holdSeconds: 0,
      heartbeatMs: 25_000,
    }),
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
let opened = 0;
await new Promise<void>((resolve) =>
  main.stdout.on('data', (d: Buffer) => {
    const m = /"ready":\{"opened":(\d+)/.exec(String(d));
    if (m) {
      opened = Number(m[1]);
      resolve();
    }
  }),
);
await new Promise((resolve) => setTimeout(resolve, 2000));
const after = await usage();
const per = Object.fromEntries(
  Object.entries(after).map(([k, v]) => [
    k,
    Math.round(((v - before[k as keyof typeof before]) / opened / 1024) * 100) / 100,
  ]),
);
console.log(JSON.stringify({ mode, opened, kbPerStreamAfterGc: per, before, after }, null, 1));
if (heapBefore) {
  const heapAfter = await heapByConstructor();
  const growth = [...heapAfter.entries()]
    .map(([name, a]) => {
      const b = heapBefore.get(name) ?? { count: 0, bytes: 0 };
      return { name, perStream: (a.count - b.count) / opened, bytesPerStream: (a.bytes - b.bytes) / opened };
    })
    .filter((g) => g.bytesPerStream > 100)
    .sort((x, y) => y.bytesPerStream - x.bytesPerStream);
  const total = growth.reduce((n, g) => n + g.bytesPerStream, 0);
  console.log(
    `\nJS heap growth per stream by constructor (entries over 100 B; ${Math.round(total)} B listed):`,
  );
  for (const g of growth.slice(0, 40)) {
    console.log(
      `  ${String(Math.round(g.bytesPerStream)).padStart(6)} B  ${g.perStream.toFixed(1).padStart(6)} objects  ${g.name}`,
    );
  }
}
main.stdin.end('stop\n');
await new Promise((resolve) => main.once('exit', resolve));
server.closeAllConnections();
server.close();
await bus.close();
await database.close();
await scratch?.drop();
dir.remove();
process.exit(0);
