import { eq } from 'drizzle-orm';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';
import { userEvents } from '../db/schema/index.ts';
import { AUTH_CHANNEL, EVENTS_CHANNEL, type PushedEvent, storedEvent } from './events.ts';

export type Subscriber = {
  onEvent(event: PushedEvent): void;
  /** The bus lost its connection for a while: events may have been missed; replay from the log. */
  onGap(): void;
  /** Some of this person's sessions or tokens ended: re-check the stream's own credentials. */
  onAuthChange?(): void;
};

export interface EventBus {
  subscribe(userId: string, subscriber: Subscriber): () => void;
  subscriberCount(): number;
  /** Since start: events announced by any instance and heard here, and their deliveries to streams. */
  counts(): { heard: number; delivered: number };
  close(): Promise<void>;
}

// What recordEvent announces; `data` is left out when too large for a notification.
type Notice = { id: number; userId: string; type: string; data?: unknown };

/**
 * Fans database notifications out to the devices connected to this process. PGlite delivers
 * NOTIFY in-process; on PostgreSQL one dedicated LISTEN connection per instance hears every
 * instance's events, and reconnects on its own when the database restarts.
 */
export async function createEventBus(
  database: Database,
  options: { url?: string; logger: Logger },
): Promise<EventBus> {
  const subscribers = new Map<string, Set<Subscriber>>();
  const { logger } = options;
  const counts = { heard: 0, delivered: 0 };

  async function dispatch(payload: string): Promise<void> {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    const listeners = subscribers.get(notice.userId);
    if (!listeners || listeners.size === 0) return;
    let data = notice.data;
    if (!data) {
      const rows = await database.db.select().from(userEvents).where(eq(userEvents.id, notice.id));
      data = rows[0]?.payload ?? {};
    }
    const pushed: PushedEvent = {
      id: notice.id,
      userId: notice.userId,
      event: storedEvent(notice.type, data),
    };
    for (const listener of listeners) listener.onEvent(pushed);
    counts.delivered += listeners.size;
  }

  function onNotification(payload: string | undefined): void {
    counts.heard++;
    if (payload)
      dispatch(payload).catch((error: unknown) => logger.warn({ err: error }, 'event dispatch failed'));
  }

  function onAuthNotification(payload: string | undefined): void {
    if (!payload) return;
    for (const listener of subscribers.get(payload) ?? []) listener.onAuthChange?.();
  }

  function announceGap(): void {
    for (const listeners of subscribers.values()) for (const listener of listeners) listener.onGap();
  }

  let stop: () => Promise<void>;
  if (database.kind === 'postgres') {
    stop = await listenOnPostgres(
      options.url!,
      { [EVENTS_CHANNEL]: onNotification, [AUTH_CHANNEL]: onAuthNotification },
      announceGap,
      logger,
    );
  } else {
    const unlistenEvents = await database.pglite.listen(EVENTS_CHANNEL, onNotification);
    const unlistenAuth = await database.pglite.listen(AUTH_CHANNEL, onAuthNotification);
    stop = async () => {
      await unlistenEvents();
      await unlistenAuth();
    };
  }

  return {
    subscribe(userId, subscriber) {
      const set = subscribers.get(userId) ?? new Set<Subscriber>();
      subscribers.set(userId, set);
      set.add(subscriber);
      return () => {
        set.delete(subscriber);
        if (set.size === 0) subscribers.delete(userId);
      };
    },
    subscriberCount() {
      let count = 0;
      for (const set of subscribers.values()) count += set.size;
      return count;
    },
    counts: () => ({ ...counts }),
    close: () => stop(),
  };
}

async function listenOnPostgres(
  url: string,
  handlers: Record<string, (payload: string | undefined) => void>,
  onGap: () => void,
  logger: Logger,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;

  async function connect(isReconnect: boolean): Promise<void> {
    // Imported here: only PostgreSQL deployments need the driver (an embedded start skips it).
    const { default: driver } = await import('pg');
    const next = new driver.Client({ connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true });
    next.on('notification', (message) => handlers[message.channel]?.(message.payload));
    next.on('error', () => reconnectSoon());
    next.on('end', () => reconnectSoon());
    await next.connect();
    for (const channel of Object.keys(handlers)) await next.query(`LISTEN ${channel}`);
    client = next;
    retryMs = 250;
    if (isReconnect) {
      logger.info('event listener reconnected');
      onGap();
    }
  }

  function reconnectSoon(): void {
    if (closed || timer) return;
    const old = client;
    client = undefined;
    old?.removeAllListeners('end');
    old?.end().catch(() => {});
    timer = setTimeout(() => {
      timer = undefined;
      connect(true).catch((error: unknown) => {
        logger.warn({ err: error, retryMs }, 'event listener could not reconnect yet');
        // At most a second apart: once the database is back, events flow again within about a
        // second (a test holds recovery under 5 s), and one attempt a second per instance is cheap.
        retryMs = Math.min(retryMs * 2, 1000);
        reconnectSoon();
      });
    }, retryMs);
    timer.unref();
  }

  await connect(false);
  return async () => {
    closed = true;
    if (timer) clearTimeout(timer);
    const current = client;
    client = undefined;
    current?.removeAllListeners('end');
    await current?.end().catch(() => {});
  };
}
