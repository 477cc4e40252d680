// The floors of this machine, measured in the same run as the figures compared with them.
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { rateLimits, users } from '../../src/db/schema/index.ts';
import { startFloorServer } from './floor.ts';
import { type LoadFigures, type LoadTool, loadGet } from './load.ts';
import { RUN_ID } from './machine.ts';
import { readLatest } from './results.ts';
import { createScratchDatabase, type DbMode, makeTempDir } from './server.ts';
import { openManySse } from './sse-client.ts';
import { type Distribution, distribution, sleep } from './stats.ts';

export type Baselines = {
  hello: Partial<Record<LoadTool, LoadFigures>>;
  selectOverHttp: Partial<Record<DbMode, LoadFigures>>;
  /** One primary-key SELECT, one at a time, in microseconds; and one committed write (the rate limiter's upsert). */
  pkRoundTrip: Partial<Record<DbMode, RoundTrips>>;
  /** node:http writing one event to 100 open streams: send-to-receive, in milliseconds. */
  sseFanout100?: Distribution;
  /** PostgreSQL NOTIFY to a LISTEN on another connection, in milliseconds. */
  notifyHop?: Distribution;
};

export async function measureHello(tool: LoadTool): Promise<LoadFigures> {
  const server = await startFloorServer(['hello']);
  try {
    return await loadGet({ url: `${server.origin}/` }, tool);
  } finally {
    await server.stop();
  }
}

export async function measureSelectOverHttp(mode: DbMode): Promise<LoadFigures> {
  const scratch = mode === 'postgres' ? await createScratchDatabase() : undefined;
  const dir = makeTempDir('floor');
  const server = await startFloorServer(['select', scratch?.url ?? '-', dir.path]);
  try {
    return await loadGet({ url: `${server.origin}/` });
  } finally {
    await server.stop();
    await scratch?.drop();
    dir.remove();
  }
}

async function timeEach(count: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 200; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await fn();
    samples.push((performance.now() - started) * 1000);
  }
  return samples;
}

export type RoundTrips = { drizzle: Distribution; driver: Distribution; commitUpsert: Distribution };

export async function measurePkRoundTrip(mode: DbMode): Promise<RoundTrips> {
  const scratch = mode === 'postgres' ? await createScratchDatabase() : undefined;
  const dir = makeTempDir('pk');
  let database: Database | undefined;
  try {
    database = scratch
      ? await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 10 })
      : await openDatabase({ kind: 'embedded', dataDir: dir.path });
    await migrateDatabase(database);
    const now = new Date();
    const [user] = await database.db
      .insert(users)
      .values({
        email: 'pk@bench.local',
        passwordHash: 'x',
        createdAt: now,
        updatedAt: now,
        passwordChangedAt: now,
      })
      .returning();
    const db = database.db;
    const drizzle = await timeEach(2000, () => db.select().from(users).where(eq(users.id, user!.id)));
    const text = 'select * from users where id = $1';
    const run =
      database.kind === 'postgres'
        ? (() => {
            const pool = database.pool;
            return () => pool.query(text, [user!.id]);
          })()
        : (() => {
            const pglite = database.pglite;
            return () => pglite.query(text, [user!.id]);
          })();
    const driver = await timeEach(2000, run);
    // A write that commits on its own, as each API call's rate-limit counters do.
    const upsert = await timeEach(500, () =>
      db
        .insert(rateLimits)
        .values({ key: 'bench', windowStart: new Date(), count: 1 })
        .onConflictDoUpdate({ target: rateLimits.key, set: { count: sql`${rateLimits.count} + 1` } }),
    );
    return {
      drizzle: distribution(drizzle),
      driver: distribution(driver),
      commitUpsert: distribution(upsert),
    };
  } finally {
    await database?.close();
    await scratch?.drop();
    dir.remove();
  }
}

export async function measureSseFanout(listeners = 100, events = 200): Promise<Distribution> {
  const server = await startFloorServer(['sse']);
  try {
    const streams = await openManySse(`${server.origin}/stream`, listeners);
    const samples: number[] = [];
    for (let n = 1; n <= events; n++) {
      let pending = streams.length;
      const done = new Promise<void>((resolve) => {
        const started = performance.now();
        for (const stream of streams) {
          stream.onEvent = (event) => {
            if (event.data !== String(n)) return;
            samples.push(event.at - started);
            stream.onEvent = undefined;
            if (--pending === 0) resolve();
          };
        }
      });
      await fetch(`${server.origin}/publish?n=${n}`);
      await done;
      await sleep(5 + Math.random() * 10);
    }
    for (const stream of streams) stream.close();
    return distribution(samples);
  } finally {
    await server.stop();
  }
}

export async function measureNotifyHop(url: string, count = 300): Promise<Distribution> {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await listener.connect();
  await sender.connect();
  try {
    await listener.query('listen bench_hop');
    const samples: number[] = [];
    for (let n = 0; n < count; n++) {
      const heard = new Promise<number>((resolve) =>
        listener.once('notification', () => resolve(performance.now())),
      );
      const started = performance.now();
      await sender.query(`notify bench_hop, '${n}'`);
      samples.push((await heard) - started);
    }
    return distribution(samples.slice(50));
  } finally {
    await listener.end();
    await sender.end();
  }
}

/** The hello figures of this run's baseline, or freshly measured ones when run alone. */
/** The baseline result of this `npm run bench`, if the baseline benchmark ran in it. */
function thisRun(): Baselines | undefined {
  const latest = readLatest('baseline');
  return latest?.runId === RUN_ID ? (latest.details.baselines as Baselines | undefined) : undefined;
}

export async function helloOfThisRun(tool: LoadTool): Promise<LoadFigures> {
  const known = thisRun()?.hello[tool];
  if (known) return known;
  console.log(`  (measuring raw hello with ${tool} first: no baseline from this run)`);
  return measureHello(tool);
}

export async function sseFloorOfThisRun(): Promise<Distribution> {
  const known = thisRun()?.sseFanout100;
  if (known) return known;
  console.log('  (measuring the raw SSE fan-out first: no baseline from this run)');
  return measureSseFanout();
}

export async function pkRoundTripOfThisRun(mode: DbMode): Promise<RoundTrips> {
  const known = thisRun()?.pkRoundTrip[mode];
  if (known) return known;
  console.log(`  (measuring the ${mode} primary-key round trip first: no baseline from this run)`);
  return measurePkRoundTrip(mode);
}
