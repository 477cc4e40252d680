// Benchmark 3: live sync latency. 100 devices of one person listen on the page's event stream;
// another client (the API, with a token) applies timer actions one at a time. For each action and
// device: the time from sending the action to the device receiving its event.
//   one instance on PostgreSQL, one instance on PGlite, and two instances on one PostgreSQL
//   (devices on instance B, actions sent to instance A: every event crosses LISTEN/NOTIFY).

import type { UserRow } from '../src/db/schema/index.ts';
import { sessionIdFor } from '../src/db/stores/session-ids.ts';
import { sseFloorOfThisRun } from './lib/baselines.ts';
import { logIn } from './lib/http.ts';
import { waitForQuiet } from './lib/machine.ts';
import { figure, missBy, startResult } from './lib/results.ts';
import { createTokens, insertUsers, openSeedDatabase, PASSWORD, planToday, todayOf } from './lib/seed.ts';
import {
  type AppServer,
  createScratchDatabase,
  type DbMode,
  ensureBuilt,
  isPostgresReachable,
  makeTempDir,
  startAppServer,
} from './lib/server.ts';
import { openManySse, type SseStream } from './lib/sse-client.ts';
import { type Distribution, distribution, sleep } from './lib/stats.ts';

const DEVICES = Number(process.env.BENCH_SYNC_DEVICES ?? 100);
const ACTIONS = Number(process.env.BENCH_SYNC_ACTIONS ?? 120);

type Scenario = { name: string; mode: DbMode; instances: 1 | 2 };

type Measured = Distribution & { missed: number; answered: Distribution };

async function measure(scenario: Scenario): Promise<Measured> {
  const scratch = scenario.mode === 'postgres' ? await createScratchDatabase() : undefined;
  const dirs = [makeTempDir('sync-a'), makeTempDir('sync-b')];
  const servers: AppServer[] = [];
  const streams: SseStream[] = [];
  try {
    const target = {
      mode: scenario.mode,
      dataDir: dirs[0]!.path,
      ...(scratch ? { databaseUrl: scratch.url } : {}),
    };
    const database = await openSeedDatabase(target);
    let token: string | undefined;
    let user: UserRow | undefined;
    try {
      [user] = await insertUsers(database, 'live', 1);
      await planToday(database, user!, { isRunning: false });
      [token] = await createTokens(database, user!, 1);
    } finally {
      await database.close();
    }
    servers.push(await startAppServer(target));
    if (scenario.instances === 2) servers.push(await startAppServer({ ...target, dataDir: dirs[1]!.path }));
    const actOn = servers[0]!.origin;
    const listenOn = servers.at(-1)!.origin;
    const { cookie } = await logIn(listenOn, user!.email, PASSWORD);
    streams.push(...(await openManySse(`${listenOn}/events`, DEVICES, { Cookie: cookie })));
    await sleep(500); // every stream has had its hello

    const sessionId = sessionIdFor(user!.id, todayOf(user!), 1);
    const samples: number[] = [];
    // How long the action itself took to answer: the write path, before any fan-out.
    const answered: number[] = [];
    let missed = 0;
    await waitForQuiet();
    for (let n = 0; n < ACTIONS; n++) {
      const action = n === 0 ? 'start' : n % 2 === 1 ? 'pause' : 'resume';
      let pending = streams.length;
      let started = 0;
      const arrived = new Promise<void>((resolve) => {
        for (const stream of streams) {
          stream.onEvent = (event) => {
            if (event.event !== 'change' || !started) return;
            samples.push(event.at - started);
            stream.onEvent = undefined;
            if (--pending === 0) resolve();
          };
        }
      });
      started = performance.now();
      const response = await fetch(`${actOn}/api/v1/sessions/${sessionId}/${action}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token!}`, Accept: 'application/json' },
      });
      if (response.status !== 200)
        throw new Error(`${action} answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
      answered.push(performance.now() - started);
      const timedOut = await Promise.race([arrived.then(() => false), sleep(5000).then(() => true)]);
      if (timedOut) missed += pending;
      for (const stream of streams) stream.onEvent = undefined;
      await sleep(20 + Math.random() * 30);
    }
    return { ...distribution(samples), missed, answered: distribution(answered) };
  } finally {
    for (const stream of streams) stream.close();
    for (const server of servers) await server.stop();
    await scratch?.drop();
    for (const dir of dirs) dir.remove();
  }
}

await ensureBuilt();
const result = startResult('live-sync', 'Live sync latency, 100 devices');
const floor = await sseFloorOfThisRun();
const hasPostgres = await isPostgresReachable();
const scenarios: Scenario[] = [
  ...(hasPostgres ? [{ name: 'one instance, PostgreSQL', mode: 'postgres', instances: 1 } as const] : []),
  { name: 'one instance, PGlite', mode: 'pglite', instances: 1 },
  ...(hasPostgres ? [{ name: 'two instances, PostgreSQL', mode: 'postgres', instances: 2 } as const] : []),
];
const measured: Record<string, Measured> = {};
const only = process.env.BENCH_SYNC_ONLY; // e.g. "one instance, PostgreSQL"
for (const scenario of scenarios.filter((s) => !only || s.name === only)) {
  const d = await measure(scenario);
  measured[scenario.name] = d;
  const budget = scenario.instances === 2 ? 'liveSyncTwoInstancesP99' : 'liveSyncOneInstanceP99';
  const f = result.add(
    figure(`Action to ${DEVICES} devices, ${scenario.name}, p99`, d.p99, 'ms', {
      budget,
      ratio: { value: d.p99 / floor.p99, of: 'raw SSE fan-out p99' },
      note: `p50 ${d.p50} ms, max ${d.max} ms, ${d.count} deliveries${d.missed ? `, ${d.missed} never arrived` : ''}; the action alone answered in p50 ${d.answered.p50} ms, p99 ${d.answered.p99} ms`,
    }),
  );
  if (f.status === 'miss') f.note += `; ${missBy(f.value, budget)}`;
}
result.details.floor = floor;
result.details.measured = measured;
result.finish(
  Object.entries(measured)
    .map(([name, d]) => `${name}: p50 ${d.p50} ms, p99 ${d.p99} ms`)
    .join('; '),
);
