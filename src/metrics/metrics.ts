import type pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client.ts';
import type { EventBus } from '../realtime/event-bus.ts';

// What an operator's Prometheus reads from one instance. Labels are route templates, job names
// and states, never a person, an id or a raw path, so the number of series stays fixed.

const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const JOB_STATES = ['queued', 'active', 'failed'] as const;

export type Metrics = {
  registry: Registry;
  /** One answered request: its method, route template ('(unmatched)' for a 404 of no route), status. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** The job queue once it has started (it starts after the server answers). */
  watchJobQueue(boss: PgBoss): void;
  /** Prometheus text format. */
  render(): Promise<string>;
  contentType: string;
};

/** The metrics of one server process, reading the event bus, the database and (later) the job queue. */
export function createMetrics(sources: { bus: EventBus; database: Database }): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'deepsheet_' });

  const requests = new Counter({
    name: 'deepsheet_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const durations = new Histogram({
    name: 'deepsheet_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (to its first byte for event streams), by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: HTTP_BUCKETS,
    registers,
  });
  const refusals = new Counter({
    name: 'deepsheet_rate_limit_refusals_total',
    help: 'Requests refused by a rate limit (429), by route template.',
    labelNames: ['route'] as const,
    registers,
  });

  const { bus, database } = sources;
  new Gauge({
    name: 'deepsheet_event_streams_open',
    help: 'Event streams (pages and API clients) connected to this instance.',
    registers,
    collect() {
      this.set(bus.subscriberCount());
    },
  });
  new Counter({
    name: 'deepsheet_events_published_total',
    help: 'Events announced by any instance and heard by this one.',
    registers,
    collect() {
      this.reset();
      this.inc(bus.counts().heard);
    },
  });
  new Counter({
    name: 'deepsheet_events_delivered_total',
    help: 'Event deliveries to the streams connected to this instance.',
    registers,
    collect() {
      this.reset();
      this.inc(bus.counts().delivered);
    },
  });

  if (database.kind === 'postgres') {
    const { pool } = database;
    new Gauge({
      name: 'deepsheet_db_pool_connections',
      help: "The database pool's connections by state, and requests waiting for one.",
      labelNames: ['state'] as const,
      registers,
      collect() {
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    const queries = new Histogram({
      name: 'deepsheet_db_query_duration_seconds',
      help: 'Time from sending a statement to PostgreSQL to its answer.',
      buckets: QUERY_BUCKETS,
      registers,
    });
    timeQueries(pool, (seconds) => queries.observe(seconds));
  }

  let boss: PgBoss | undefined;
  new Gauge({
    name: 'deepsheet_job_queue_jobs',
    help: 'Background jobs by queue and state (failed: kept until they are pruned).',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      if (!boss) return;
      this.reset();
      for (const queue of await boss.getQueues()) {
        const counts = { queued: queue.queuedCount, active: queue.activeCount, failed: queue.failedCount };
        for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      durations.observe({ method, route }, seconds);
      if (status === 429) refusals.inc({ route });
    },
    watchJobQueue(queue) {
      boss = queue;
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

const TIMED = Symbol('deepsheet.timedQueries');

/**
 * Times every statement of the pool's clients. pg's pool.query checks a client out through
 * pool.connect as transactions do, so wrapping what connect hands out covers both.
 */
function timeQueries(pool: pg.Pool, observe: (seconds: number) => void): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const wrap = (client: pg.PoolClient & { [TIMED]?: true }) => {
    if (!client || client[TIMED]) return client;
    client[TIMED] = true;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const started = performance.now();
      const result = query(...args) as Promise<unknown> | undefined;
      const done = () => observe((performance.now() - started) / 1000);
      if (result && typeof result.then === 'function') result.then(done, done);
      return result;
    }) as typeof client.query;
    return client;
  };
  pool.connect = ((...args: unknown[]) => {
    const callback = args[0];
    if (typeof callback === 'function')
      return connect((error: unknown, client: pg.PoolClient, release: unknown) =>
        callback(error, client ? wrap(client) : client, release),
      );
    return (connect() as Promise<pg.PoolClient>).then(wrap);
  }) as typeof pool.connect;
}
