// A separate client process for benchmark 4: opens many idle event streams with bare sockets (the
// cheapest client there is), holds them, and notes when each stream's heartbeats arrive.
// Input: one JSON argument {url, headers, count, concurrency, holdSeconds, heartbeatMs}.
// Output (stdout, one JSON object a line): {"opened": n} while opening, {"ready": {...}} once all are
// open, {"done": {...}} after holding.
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { distribution } from './stats.ts';

type Input = {
  url: string;
  headers: Record<string, string>;
  count: number;
  concurrency: number;
  /** How long to hold after the last stream opened (0: until told on stdin to stop). */
  holdSeconds: number;
  heartbeatMs: number;
  pauseAtHalfMs?: number;
};

const input = JSON.parse(process.argv[2]!) as Input;
const url = new URL(input.url);
const request = `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n${Object.entries({
  Accept: 'text/event-stream',
  ...input.headers,
})
  .map(([k, v]) => `${k}: ${v}\r\n`)
  .join('')}\r\n`;

function openFileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? Number.POSITIVE_INFINITY);
}

const limit = openFileLimit();
// Keep a margin for the process's own descriptors.
const count = Math.min(input.count, Math.max(0, limit - 200));

type Held = { socket: Socket; openedAt: number; heartbeats: number[] };
const held: Held[] = [];
let failed = 0;
const emit = (message: Record<string, unknown>, then?: () => void) =>
  process.stdout.write(`${JSON.stringify(message)}\n`, then);

function openOne(): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const entry: Held = { socket, openedAt: 0, heartbeats: [] };
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      if (ok) held.push(entry);
      else {
        failed++;
        socket.destroy();
      }
      resolve();
    };
    socket.setTimeout(30_000, () => settle(false));
    socket.on('data', (chunk: Buffer) => {
      const now = performance.now();
      const text = chunk.toString('latin1');
      if (!entry.openedAt) {
        if (!text.startsWith('HTTP/1.1 200')) return settle(false);
        entry.openedAt = now;
        socket.setTimeout(0);
        settle(true);
      }
      if (text.includes(': heartbeat')) entry.heartbeats.push(now);
    });
    socket.on('error', () => settle(false));
    socket.on('close', () => settle(false));
    socket.write(request);
  });
}

let next = 0;
let lastReport = 0;
const openUpTo = (target: number) =>
  Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (next < target) {
        next++;
        await openOne();
        if (held.length - lastReport >= 1000) {
          lastReport = held.length;
          emit({ opened: held.length });
        }
      }
    }),
  );
// Half way, pause for `pauseAtHalfMs` so the server's memory can be read with half the streams open:
// the growth from half to all is the cost of a stream, whatever the idle server's memory was.
await openUpTo(Math.floor(count / 2));
if (input.pauseAtHalfMs) {
  emit({ half: { opened: held.length } });
  await new Promise((resolve) => setTimeout(resolve, input.pauseAtHalfMs));
}
await openUpTo(count);
const allOpenAt = performance.now();
emit({ ready: { opened: held.length, failed, requested: input.count, fileLimit: limit } });

if (input.holdSeconds > 0) await new Promise((resolve) => setTimeout(resolve, input.holdSeconds * 1000));
else await new Promise((resolve) => process.stdin.once('data', resolve));

// A stream's first heartbeat is due heartbeatMs after it opened; only judge those due before now.
const end = performance.now();
const due = held.filter((h) => h.openedAt + input.heartbeatMs < end - 1000);
const late = due
  .filter((h) => h.heartbeats.length > 0)
  .map((h) => h.heartbeats[0]! - h.openedAt - input.heartbeatMs);
const stillOpen = held.filter((h) => !h.socket.destroyed).length;
emit(
  {
    done: {
      opened: held.length,
      stillOpen,
      due: due.length,
      heard: late.length,
      late: distribution(late),
      heldSeconds: Math.round((end - allOpenAt) / 100) / 10,
    },
  },
  () => {
    // Exit only once the line is out: a pipe write may still be queued.
    for (const h of held) h.socket.destroy();
    process.exit(0);
  },
);
