// Benchmark 4: 10,000 idle event streams on one process. A separate client process opens them
// (bare sockets), the server's RSS is read from /proc before and after, and every stream's first
// heartbeat (due 25 s after it opened) is timed. The same is done against a bare node:http SSE
// server, the floor any stream costs on this machine.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { HEARTBEAT_MS } from '../src/realtime/sse.ts';
import { startFloorServer } from './lib/floor.ts';
import { logIn } from './lib/http.ts';
import { ROOT, waitForQuiet } from './lib/machine.ts';
import { figure, missBy, startResult } from './lib/results.ts';
import { insertUsers, openSeedDatabase, PASSWORD } from './lib/seed.ts';
import {
  cpuMsOf,
  type DbMode,
  ensureBuilt,
  isPostgresReachable,
  rssOf,
  withAppServer,
} from './lib/server.ts';
import { openManySse } from './lib/sse-client.ts';
import { distribution, median, sleep } from './lib/stats.ts';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 10_000);

type Held = {
  opened: number;
  failed: number;
  requested: number;
  fileLimit: number;
  rssBefore: number;
  rssAtHalf: number;
  openedAtHalf: number;
  rssAfter: number;
  /** (RSS with all streams - RSS with half of them) / streams added: the idle server's own state cancels out. */
  perStreamBytes: number;
  /** (RSS with all streams - RSS of the idle server) / streams: also counts what the idle server had not yet given back. */
  perStreamFromIdleBytes: number;
  serverCpuShareWhileIdle?: number;
  healthMs?: ReturnType<typeof distribution>;
  heartbeats?: { due: number; heard: number; stillOpen: number; late: ReturnType<typeof distribution> };
};

async function steadyRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    samples.push(rssOf(pid));
    await sleep(500);
  }
  return median(samples);
}

/** Opens the streams from a child process, measures, and (with `holdSeconds`) waits for heartbeats. */
async function holdStreams(
  pid: number,
  origin: string,
  path: string,
  headers: Record<string, string>,
  holdSeconds: number,
): Promise<Held> {
  // Warm the server's code paths and pools first, so that RSS grows by streams, not by first use.
  const warm = await openManySse(`${origin}${path}`, 200, headers);
  for (const s of warm) s.close();
  await sleep(2000);
  await waitForQuiet();
  const rssBefore = await steadyRss(pid);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'bench/lib/stream-holder.ts'),
      JSON.stringify({
        pauseAtHalfMs: 6000,
        url: `${origin}${path}`,
        headers,
        count: STREAMS,
        concurrency: 100,
        holdSeconds,
        heartbeatMs: HEARTBEAT_MS,
      }),
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const messages: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d;
    let nl = buffer.indexOf('\n');
    while (nl !== -1) {
      const message = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
      if ('opened' in message) process.stdout.write(`  … ${message.opened} streams open\r`);
      messages.push(message);
      for (const w of waiters.splice(0)) w(message);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const nextMessage = (key: string, timeoutMs: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const found = messages.find((m) => key in m);
      if (found) return resolve(found[key] as Record<string, unknown>);
      const timer = setTimeout(
        () => reject(new Error(`stream holder sent no ${key} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const wait = (m: Record<string, unknown>) => {
        if (key in m) {
          clearTimeout(timer);
          resolve(m[key] as Record<string, unknown>);
        } else waiters.push(wait);
      };
      waiters.push(wait);
    });
  try {
    const half = (await nextMessage('half', 180_000)) as { opened: number };
    await sleep(2000);
    const rssAtHalf = await steadyRss(pid);
    const ready = (await nextMessage('ready', 180_000)) as {
      opened: number;
      failed: number;
      requested: number;
      fileLimit: number;
    };
    console.log(`  ${ready.opened} streams open (${ready.failed} failed)        `);
    await sleep(3000);
    const rssAfter = await steadyRss(pid);
    const held: Held = {
      ...ready,
      rssBefore,
      rssAtHalf,
      openedAtHalf: half.opened,
      rssAfter,
      perStreamBytes: (rssAfter - rssAtHalf) / Math.max(1, ready.opened - half.opened),
      perStreamFromIdleBytes: (rssAfter - rssBefore) / Math.max(1, ready.opened),
    };
    if (holdSeconds > 0) {
      const cpuBefore = cpuMsOf(pid);
      const idleFrom = performance.now();
      const health: number[] = [];
      for (let i = 0; i < 10; i++) {
        await sleep(1500);
        const started = performance.now();
        await (await fetch(`${origin}/health/ready`)).arrayBuffer();
        health.push(performance.now() - started);
      }
      const done = (await nextMessage('done', (holdSeconds + 60) * 1000)) as {
        due: number;
        heard: number;
        stillOpen: number;
        late: ReturnType<typeof distribution>;
      };
      held.serverCpuShareWhileIdle = (cpuMsOf(pid) - cpuBefore) / (performance.now() - idleFrom);
      held.healthMs = distribution(health);
      held.heartbeats = { due: done.due, heard: done.heard, stillOpen: done.stillOpen, late: done.late };
    }
    return held;
  } finally {
    child.stdin.end('stop\n');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
  }
}

await ensureBuilt();
const result = startResult('connections', `${STREAMS} idle event streams on one process`);
const mode: DbMode = (await isPostgresReachable()) ? 'postgres' : 'pglite';

const floorServer = await startFloorServer(['sse']);
let floor: Held;
try {
  floor = await holdStreams(floorServer.pid, floorServer.origin, '/stream', {}, 0);
} finally {
  await floorServer.stop();
}
console.log(`  bare node:http SSE: ${Math.round(floor.perStreamBytes / 102.4) / 10} KB RSS per stream`);
// The framework's share: an idle Hono streamSSE stream with nothing of the app in it.
const honoServer = await startFloorServer(['hono-sse']);
let hono: Held;
try {
  hono = await holdStreams(honoServer.pid, honoServer.origin, '/stream', {}, 0);
} finally {
  await honoServer.stop();
}
console.log(`  bare Hono streamSSE: ${Math.round(hono.perStreamBytes / 102.4) / 10} KB RSS per stream`);

let email = '';
const app = await withAppServer(
  mode,
  async (server) => {
    const { cookie } = await logIn(server.origin, email, PASSWORD);
    // Hold until every stream's first heartbeat is due, plus a margin.
    return holdStreams(server.pid, server.origin, '/events', { Cookie: cookie }, HEARTBEAT_MS / 1000 + 6);
  },
  {
    seed: async (target) => {
      const database = await openSeedDatabase({ mode, ...target });
      try {
        email = (await insertUsers(database, 'streams', 1))[0]!.email;
      } finally {
        await database.close();
      }
    },
  },
);

const kb = (bytes: number) => bytes / 1024;
const extrapolated = app.opened < STREAMS;
const perStream = result.add(
  figure(`RSS per idle stream (${mode})`, kb(app.perStreamBytes), 'KB', {
    budget: 'rssPerStream',
    ratio: { value: app.perStreamBytes / floor.perStreamBytes, of: 'bare node:http SSE stream' },
    note: `growth from ${app.openedAtHalf} to ${app.opened} streams (${Math.round(kb(app.rssAtHalf) / 1024)} -> ${Math.round(kb(app.rssAfter) / 1024)} MB); from the idle server (${Math.round(kb(app.rssBefore) / 1024)} MB) ${Math.round(kb(app.perStreamFromIdleBytes) * 10) / 10} KB each${
      extrapolated
        ? ` (the file limit ${app.fileLimit} allowed only these; per-stream figure extrapolates)`
        : ''
    }`,
  }),
);
if (perStream.status === 'miss') perStream.note += `; ${missBy(perStream.value, 'rssPerStream')}`;
result.add(
  figure('RSS per idle stream, bare node:http floor', kb(floor.perStreamBytes), 'KB', {
    note: `${floor.opened} streams`,
  }),
);
result.add(
  figure('RSS per idle stream, bare Hono streamSSE (no app)', kb(hono.perStreamBytes), 'KB', {
    ratio: { value: hono.perStreamBytes / floor.perStreamBytes, of: 'bare node:http SSE stream' },
    note: `${hono.opened} streams`,
  }),
);
const hb = app.heartbeats!;
result.add(
  figure('Streams that heard their heartbeat', hb.due ? hb.heard / hb.due : null, 'share', {
    budget: 'heartbeatsHeard',
    note: `${hb.heard} of ${hb.due} due; ${hb.stillOpen} still open`,
  }),
);
result.add(
  figure('Heartbeat lateness, p99', hb.late.p99, 'ms', {
    budget: 'heartbeatLateP99',
    note: `p50 ${hb.late.p50} ms, max ${hb.late.max} ms`,
  }),
);
result.add(
  figure(
    `Server CPU while holding ${app.opened} idle streams`,
    (app.serverCpuShareWhileIdle ?? 0) * 100,
    '% of a core',
    {
      note: `GET /health/ready meanwhile: p50 ${app.healthMs?.p50} ms, max ${app.healthMs?.max} ms`,
    },
  ),
);
result.details.app = app;
result.details.floor = floor;
result.details.honoFloor = hono;
result.finish(
  `${app.opened} streams: ${Math.round(kb(app.perStreamBytes) * 10) / 10} KB RSS each (floor ${Math.round(kb(floor.perStreamBytes) * 10) / 10} KB); ${hb.heard}/${hb.due} heartbeats, p99 ${hb.late.p99} ms late`,
);
