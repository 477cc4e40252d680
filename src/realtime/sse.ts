import { and, asc, eq, gt, max } from 'drizzle-orm';
import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { Db } from '../db/client.ts';
import { userEvents } from '../db/schema/index.ts';
import type { EventBus } from './event-bus.ts';
import type { PushedEvent } from './events.ts';

export const HEARTBEAT_MS = 25_000;
const REPLAY_LIMIT = 1000;

/** How events are named on the wire: pages listen for one `change` event; API clients get the type. */
export type StreamFormat = 'page' | 'api';

type Outgoing = { id: number; type: string; data: Record<string, unknown> };

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
  return rows.map((r) => ({ id: r.id, type: r.type, data: r.payload as Record<string, unknown> }));
}

/**
 * Streams one person's events: first what they missed since Last-Event-ID, then live ones from
 * the bus, with heartbeats. The database is read on (re)connect and after a bus gap, never polled.
 */
export function streamUserEvents(
  c: Context,
  deps: {
    db: Db;
    bus: EventBus;
    userId: string;
    format: StreamFormat;
    /** Whether the credentials that opened the stream still hold (asked when some of them end). */
    isStillAuthorized: () => Promise<boolean>;
    /** How long those credentials hold at most; the stream ends then and the client reconnects. */
    closeAfterMs?: number | undefined;
  },
) {
  const { db, bus, userId, format } = deps;
  const resumeFrom = parseLastEventId(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
  c.header('Cache-Control', 'no-store');
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let lastSent = resumeFrom ?? 0;
    let queue: Outgoing[] | null = [];
    let writing = Promise.resolve();
    const send = (event: Outgoing) => {
      if (event.id <= lastSent) return;
      lastSent = event.id;
      writing = writing.then(() => writeEvent(stream, event, format)).catch(() => {});
    };
    const replay = async () => {
      const missed = await eventsAfter(db, userId, lastSent);
      if (missed.length === REPLAY_LIMIT) {
        lastSent = missed.at(-1)!.id;
        writing = writing.then(() => writeEvent(stream, { id: lastSent, type: 'resync', data: {} }, format));
        return;
      }
      for (const event of missed) send(event);
    };
    const unsubscribe = bus.subscribe(userId, {
      onEvent: (event: PushedEvent) => (queue ? queue.push(event) : send(event)),
      onGap: () => {
        replay().catch(() => {});
      },
      onAuthChange: () => {
        deps.isStillAuthorized().then(
          (isValid) => {
            if (!isValid) stream.abort();
          },
          () => stream.abort(),
        );
      },
    });
    // A timer longer than 2^31 ms fires at once; beyond about 24 days the idle expiry wins anyway.
    const expiry =
      deps.closeAfterMs !== undefined
        ? setTimeout(() => stream.abort(), Math.min(Math.max(0, deps.closeAfterMs), 2 ** 31 - 1))
        : undefined;
    expiry?.unref();
    const heartbeat = setInterval(() => {
      writing = writing
        .then(() => stream.write(': heartbeat\n\n'))
        .then(() => {})
        .catch(() => {});
    }, HEARTBEAT_MS);
    stream.onAbort(() => {
      clearInterval(heartbeat);
      clearTimeout(expiry);
      unsubscribe();
    });

    await stream.write('retry: 2000\n\n');
    if (resumeFrom === undefined) {
      lastSent = await latestEventId(db, userId);
      await writeEvent(stream, { id: lastSent, type: 'hello', data: {} }, format);
    } else {
      await replay();
    }
    const buffered = queue;
    queue = null;
    for (const event of buffered) send(event);
    // Keep the stream open until the client goes away.
    await new Promise<void>((resolve) => stream.onAbort(resolve));
    clearInterval(heartbeat);
    unsubscribe();
  });
}

function writeEvent(stream: SSEStreamingApi, event: Outgoing, format: StreamFormat): Promise<void> {
  return stream.writeSSE({
    id: String(event.id),
    event: format === 'page' ? (event.type === 'hello' ? 'hello' : 'change') : event.type,
    data: JSON.stringify({ type: event.type, ...event.data }),
  });
}
