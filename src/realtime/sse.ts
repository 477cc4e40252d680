import { and, asc, eq, gt, max } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Db } from '../db/client.ts';
import { userEvents } from '../db/schema/index.ts';
import type { StreamMessage } from '../domain/events.ts';
import type { EventBus } from './event-bus.ts';
import { type PushedEvent, storedEvent } from './events.ts';
import { startHeartbeat } from './sse-heartbeat.ts';
import { openEventStream, type SseSink } from './sse-sink.ts';

export { HEARTBEAT_MS } from './sse-heartbeat.ts';

const REPLAY_LIMIT = 1000;

/** How events are named on the wire: pages listen for one `change` event; API clients get the type. */
export type StreamFormat = 'page' | 'api';

type Outgoing = { id: number; message: StreamMessage };

type StreamDeps = {
  db: Db;
  bus: EventBus;
  userId: string;
  format: StreamFormat;
  /** Whether the credentials that opened the stream still hold (asked when some of them end). */
  isStillAuthorized: () => Promise<boolean>;
  /** How long those credentials hold at most; the stream ends then and the client reconnects. */
  closeAfterMs?: number | undefined;
};

function parseLastEventId(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

async function latestEventId(db: Db, userId: string): Promise<number> {
  const rows = await db
    .select({ id: max(userEvents.id) })
    .from(userEvents)
    .where(eq(userEvents.userId, userId));
  return Number(rows[0]?.id ?? 0);
}

async function eventsAfter(db: Db, userId: string, afterId: number): Promise<Outgoing[]> {
  const rows = await db
    .select()
    .from(userEvents)
    .where(and(eq(userEvents.userId, userId), gt(userEvents.id, afterId)))
    .orderBy(asc(userEvents.id))
    .limit(REPLAY_LIMIT);
  return rows.map((r) => ({ id: r.id, message: storedEvent(r.type, r.payload) }));
}

/**
 * Streams one person's events: first what they missed since Last-Event-ID, then live ones from
 * the bus, with heartbeats. The database is read on (re)connect and after a bus gap, never polled.
 */
export function streamUserEvents(c: Context, deps: StreamDeps): Response {
  const resumeFrom = parseLastEventId(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
  c.header('Cache-Control', 'no-store');
  c.header('X-Accel-Buffering', 'no');
  return openEventStream(c, (sink) => runStream(sink, deps, resumeFrom));
}

/** What one open stream keeps: a few closures and ids, nothing of the request that opened it. */
function runStream(sink: SseSink, deps: StreamDeps, resumeFrom: number | undefined): void {
  const { db, bus, userId, format } = deps;
  let lastSent = resumeFrom ?? 0;
  let queue: Outgoing[] | null = [];
  const send = (event: Outgoing) => {
    if (event.id <= lastSent) return;
    lastSent = event.id;
    sink.write(formatEvent(event, format));
  };
  const replay = async () => {
    const missed = await eventsAfter(db, userId, lastSent);
    if (missed.length === REPLAY_LIMIT) {
      lastSent = missed.at(-1)!.id;
      sink.write(formatEvent({ id: lastSent, message: { type: 'resync' } }, format));
      return;
    }
    for (const event of missed) send(event);
  };
  const unsubscribe = bus.subscribe(userId, {
    onEvent: ({ id, event }: PushedEvent) => {
      const outgoing = { id, message: event };
      if (queue) queue.push(outgoing);
      else send(outgoing);
    },
    onGap: () => {
      replay().catch(() => {});
    },
    onAuthChange: () => {
      deps.isStillAuthorized().then(
        (isValid) => {
          if (!isValid) sink.close();
        },
        () => sink.close(),
      );
    },
  });
  // A timer longer than 2^31 ms fires at once; beyond about 24 days the idle expiry wins anyway.
  const expiry =
    deps.closeAfterMs !== undefined
      ? setTimeout(() => sink.close(), Math.min(Math.max(0, deps.closeAfterMs), 2 ** 31 - 1))
      : undefined;
  expiry?.unref();
  const stopHeartbeat = startHeartbeat(() => sink.write(': heartbeat\n\n'));
  sink.onClose(() => {
    stopHeartbeat();
    clearTimeout(expiry);
    unsubscribe();
  });

  sink.write('retry: 2000\n\n');
  const catchUp = async () => {
    if (resumeFrom === undefined) {
      lastSent = await latestEventId(db, userId);
      sink.write(formatEvent({ id: lastSent, message: { type: 'hello' } }, format));
    } else {
      await replay();
    }
    const buffered = queue ?? [];
    queue = null;
    for (const event of buffered) send(event);
  };
  catchUp().catch(() => sink.close());
}

function formatEvent(event: Outgoing, format: StreamFormat): string {
  const { type } = event.message;
  const name = format === 'page' ? (type === 'hello' ? 'hello' : 'change') : type;
  const data = JSON.stringify(event.message);
  return `event: ${name}\ndata: ${data}\nid: ${event.id}\n\n`;
}
