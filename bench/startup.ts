// Benchmark 6: start-up and footprint. `npm start` to ready on an existing embedded data directory
// (the median of several starts), the same without npm, the start of a bare node:http server as the
// floor, each step of a start timed on its own, and idle RSS on PGlite and on PostgreSQL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { logIn } from './lib/http.ts';
import { ROOT, waitForQuiet } from './lib/machine.ts';
import { figure, missBy, startResult } from './lib/results.ts';
import { insertUsers, openSeedDatabase, PASSWORD, planToday } from './lib/seed.ts';
import {
  createScratchDatabase,
  type DbMode,
  ensureBuilt,
  isPostgresReachable,
  makeTempDir,
  rssOf,
  runToEnd,
  startAppServer,
} from './lib/server.ts';
import { median, sleep } from './lib/stats.ts';

const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const MB = 1024 * 1024;

/** A bare node:http server: spawn to listening, the least any Node server takes here. */
function startBareNode(): Promise<number> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '-e',
      "require('node:http').createServer((q,s)=>s.end()).listen(0,'127.0.0.1',function(){console.log('listening');this.close()})",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(performance.now() - started));
    child.once('error', reject);
  });
}

async function timeStarts(dataDir: string, viaNpm: boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const server = await startAppServer({ mode: 'pglite', dataDir, viaNpm });
    times.push(server.readyMs);
    await server.stop();
  }
  return times;
}

/** RSS after start (idle 5 s), and after signing in and 20 sheet pages (idle 5 s again). */
async function idleRss(mode: DbMode, dataDir: string, databaseUrl?: string) {
  const target = { mode, dataDir, ...(databaseUrl ? { databaseUrl } : {}) };
  const database = await openSeedDatabase(target);
  let email = '';
  try {
    const [user] = await insertUsers(database, `idle-${mode}`, 1);
    email = user!.email;
    await planToday(database, user!);
  } finally {
    await database.close();
  }
  const server = await startAppServer(target);
  try {
    await sleep(5000);
    const afterStart = rssOf(server.pid);
    const { cookie } = await logIn(server.origin, email, PASSWORD);
    for (let i = 0; i < 20; i++)
      await (await fetch(`${server.origin}/`, { headers: { Cookie: cookie } })).text();
    await sleep(5000);
    return { afterStart, afterUse: rssOf(server.pid) };
  } finally {
    await server.stop();
  }
}

await ensureBuilt();
const result = startResult('startup', 'Start-up and footprint');
const dir = makeTempDir('startup');
try {
  // An existing data directory: created, migrated and holding a person's data before we time anything.
  const first = await startAppServer({ mode: 'pglite', dataDir: dir.path });
  result.details.firstStartMs = Math.round(first.readyMs);
  await first.stop();
  await waitForQuiet();
  const bare: number[] = [];
  for (let i = 0; i < STARTS; i++) bare.push(await startBareNode());
  const viaNpm = await timeStarts(dir.path, true);
  const direct = await timeStarts(dir.path, false);
  const phases = JSON.parse(
    (
      await runToEnd(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'bench/lib/startup-phases.ts'), dir.path],
        60_000,
      )
    )
      .trim()
      .split('\n')
      .at(-1)!,
  ) as Record<string, number>;
  result.details.startsMs = { viaNpm, direct, bareNode: bare };
  result.details.phasesMs = phases;

  const npmMedian = median(viaNpm);
  const f = result.add(
    figure('`npm start` to ready, existing embedded data directory, median', npmMedian, 'ms', {
      budget: 'startUp',
      ratio: { value: npmMedian / median(bare), of: 'a bare node:http start' },
      note: `${STARTS} starts: ${viaNpm.map(Math.round).join(', ')} ms`,
    }),
  );
  if (f.status === 'miss') f.note += `; ${missBy(f.value, 'startUp')}`;
  result.add(
    figure('`node bin/deepsheet.js serve` to ready, median', median(direct), 'ms', {
      ratio: { value: median(direct) / median(bare), of: 'a bare node:http start' },
      note: `so npm itself costs about ${Math.round(npmMedian - median(direct))} ms`,
    }),
  );
  result.add(figure('Bare node:http start, median', median(bare), 'ms'));
  const slowest = Object.entries(phases)
    .filter(([k]) => !k.includes('not counted'))
    .sort((a, b) => b[1] - a[1]);
  result.add(
    figure(
      'Start steps before ready (timed apart)',
      slowest.reduce((a, [, v]) => a + v, 0),
      'ms',
      {
        note: slowest.map(([k, v]) => `${k} ${v}`).join('; '),
      },
    ),
  );
} finally {
  dir.remove();
}

const modes: DbMode[] = (await isPostgresReachable()) ? ['pglite', 'postgres'] : ['pglite'];
const rss: Record<string, { afterStart: number; afterUse: number }> = {};
for (const mode of modes) {
  const scratch = mode === 'postgres' ? await createScratchDatabase() : undefined;
  const data = makeTempDir(`idle-${mode}`);
  try {
    rss[mode] = await idleRss(mode, data.path, scratch?.url);
  } finally {
    await scratch?.drop();
    data.remove();
  }
  result.add(
    figure(`Idle RSS, ${mode}`, rss[mode]!.afterUse / MB, 'MB', {
      note: `${Math.round(rss[mode]!.afterStart / MB)} MB right after start; ${mode === 'pglite' ? 'the database runs inside this process' : 'PostgreSQL’s own processes not counted'}`,
    }),
  );
}
result.details.idleRssBytes = rss;
result.finish(
  `npm start ${Math.round(median(result.details.startsMs ? (result.details.startsMs as { viaNpm: number[] }).viaNpm : [0]))} ms to ready; idle RSS ${modes.map((m) => `${m} ${Math.round(rss[m]!.afterUse / MB)} MB`).join(', ')}`,
);
