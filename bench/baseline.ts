// Benchmark 1: the machine's own limits, measured first in every run.
//   raw node:http hello under load (with every load tool in use, since ratios pair like with like),
//   one primary-key SELECT round trip on PostgreSQL and PGlite (through Drizzle and the bare driver),
//   that SELECT behind node:http under load, a raw SSE fan-out to 100 clients, and a NOTIFY hop.
import {
  type Baselines,
  measureHello,
  measureNotifyHop,
  measurePkRoundTrip,
  measureSelectOverHttp,
  measureSseFanout,
} from './lib/baselines.ts';
import { describeLoad, hasWrk, type LoadTool } from './lib/load.ts';
import { figure, startResult } from './lib/results.ts';
import { createScratchDatabase, type DbMode, isPostgresReachable } from './lib/server.ts';

const result = startResult('baseline', 'Baselines: this machine’s limits');
const details: Baselines = { hello: {}, selectOverHttp: {}, pkRoundTrip: {} };
result.details.baselines = details;
const modes: DbMode[] = (await isPostgresReachable()) ? ['postgres', 'pglite'] : ['pglite'];
if (!modes.includes('postgres')) console.warn('  PostgreSQL is not reachable: its baselines are skipped.');

const tools: LoadTool[] = (await hasWrk()) ? ['wrk', 'autocannon'] : ['autocannon'];
for (const tool of tools) {
  const hello = await measureHello(tool);
  details.hello[tool] = hello;
  console.log(`  raw hello (${tool}): ${describeLoad(hello)}`);
  result.add(figure(`Raw node:http hello, req/s (${tool})`, hello.rps, 'req/s'));
  result.add(figure(`Raw node:http hello, p99 (${tool})`, hello.p99Ms, 'ms'));
}
const hello = details.hello[tools[0]!]!;

for (const mode of modes) {
  const trip = await measurePkRoundTrip(mode);
  details.pkRoundTrip[mode] = trip;
  result.add(
    figure(`Primary-key SELECT round trip, ${mode}, Drizzle, p50`, trip.drizzle.p50, 'µs', {
      note: `p99 ${trip.drizzle.p99} µs; bare driver p50 ${trip.driver.p50} µs`,
    }),
  );
  result.add(
    figure(`One committed upsert (the rate limiter's write), ${mode}, p50`, trip.commitUpsert.p50, 'µs', {
      note: `p99 ${trip.commitUpsert.p99} µs`,
    }),
  );
}

for (const mode of modes) {
  const load = await measureSelectOverHttp(mode);
  details.selectOverHttp[mode] = load;
  console.log(`  node:http + one SELECT (${mode}): ${describeLoad(load)}`);
  result.add(
    figure(`node:http + one PK SELECT, ${mode}, req/s`, load.rps, 'req/s', {
      ratio: { value: load.rps / hello.rps, of: `raw hello (${hello.tool})` },
      note: `p99 ${load.p99Ms} ms`,
    }),
  );
}

details.sseFanout100 = await measureSseFanout();
result.add(
  figure('Raw SSE fan-out to 100 clients, p99', details.sseFanout100.p99, 'ms', {
    note: `p50 ${details.sseFanout100.p50} ms`,
  }),
);

if (modes.includes('postgres')) {
  const scratch = await createScratchDatabase();
  try {
    details.notifyHop = await measureNotifyHop(scratch.url);
  } finally {
    await scratch.drop();
  }
  result.add(
    figure('PostgreSQL NOTIFY to LISTEN, p50', details.notifyHop.p50, 'ms', {
      note: `p99 ${details.notifyHop.p99} ms`,
    }),
  );
}

result.finish(
  `raw hello ${hello.rps} req/s (${hello.tool}), p99 ${hello.p99Ms} ms; PK SELECT ${modes
    .map((m) => `${m} ${details.pkRoundTrip[m]!.drizzle.p50} µs`)
    .join(', ')}; SSE fan-out p99 ${details.sseFanout100.p99} ms`,
);
