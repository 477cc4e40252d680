// Diagnostic, not a benchmark: where one request for today's sheet spends its time, in-process
// (no sockets, no load generator), on PostgreSQL or PGlite. Times, per request:
//   the data (getDaySheet), rendering the JSX to a string, and the whole request through the app
//   (middleware, session lookup, data, rendering, gzip).
// Usage: node --import tsx bench/lib/sheet-cost.tsx [postgres|pglite] [requests]

import { readAssetManifest } from '../../src/http/web/assets.ts';
import { SheetPage } from '../../src/http/web/sheet/sheet-page.tsx';
import { createAuthSession } from '../../src/services/auth-sessions.ts';
import { getDaySheet } from '../../src/services/day-sheet.ts';
import { inProcessApp } from './in-process-app.ts';
import { insertUsers, openSeedDatabase, planToday, seedHistory } from './seed.ts';
import { createScratchDatabase, type DbMode, makeTempDir } from './server.ts';
import { distribution } from './stats.ts';

const mode = (process.argv[2] ?? 'postgres') as DbMode;
const requests = Number(process.argv[3] ?? 500);
const scratch = mode === 'postgres' ? await createScratchDatabase() : undefined;
const dir = makeTempDir('sheet-cost');
const database = await openSeedDatabase({
  mode,
  dataDir: dir.path,
  ...(scratch ? { databaseUrl: scratch.url } : {}),
});
try {
  const [user] = await insertUsers(database, 'cost', 1);
  await seedHistory(database, user!, { days: 60, seed: 7 });
  await planToday(database, user!);
  const { deps, bus, app } = await inProcessApp(database, dir.path, scratch?.url);
  const { token } = await createAuthSession(deps, database.db, user!.id, {
    remember: true,
    userAgent: 'bench',
    ip: '127.0.0.1',
  });
  const headers = { Cookie: `ds_session=${token}`, 'Accept-Encoding': 'gzip, deflate, br' };
  const actor = { id: user!.id, email: user!.email, isAdmin: false };
  const assets = readAssetManifest();

  const time = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 50; i++) await fn();
    const samples: number[] = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    const used = process.cpuUsage(cpu);
    return {
      ...distribution(samples),
      cpuMsPerCall: Math.round(((used.user + used.system) / 1000 / requests) * 1000) / 1000,
    };
  };
  const sheet = await getDaySheet(deps, actor);
  const page = {
    assets,
    csrfToken: 'x'.repeat(43),
    theme: 'system' as const,
    signedIn: true,
    section: 'today' as const,
  };
  const html = String(await (<SheetPage page={page} sheet={sheet} />));
  // Statements per request: count what reaches the driver (Drizzle sends each query through pool.query).
  let statements = 0;
  if (database.kind === 'postgres') {
    const pool = database.pool as unknown as { query: (...args: unknown[]) => unknown };
    const query = pool.query.bind(pool);
    pool.query = (...args: unknown[]) => {
      statements++;
      if (process.env.SHOW_SQL && statements <= 12) {
        const q = args[0] as { text?: string } | string;
        console.error(`SQL ${statements}: ${(typeof q === 'string' ? q : (q.text ?? '')).slice(0, 160)}`);
      }
      return query(...args);
    };
  } else {
    const pglite = database.pglite as unknown as {
      query: (...args: unknown[]) => unknown;
      execProtocol?: unknown;
    };
    const query = pglite.query.bind(pglite);
    pglite.query = (...args: unknown[]) => {
      statements++;
      return query(...args);
    };
  }
  for (let i = 0; i < 100; i++) await (await app.request('/', { headers })).arrayBuffer();
  const statementsPerRequest = statements / 100;
  const out = {
    statementsPerRequest,
    mode,
    htmlBytes: Buffer.byteLength(html),
    data: await time(() => getDaySheet(deps, actor)),
    render: await time(async () => String(await (<SheetPage page={page} sheet={sheet} />))),
    wholeRequest: await time(async () => (await app.request('/', { headers })).arrayBuffer()),
    wholeRequestUncompressed: await time(async () =>
      (await app.request('/', { headers: { Cookie: headers.Cookie } })).arrayBuffer(),
    ),
  };
  console.log(JSON.stringify(out, null, 1));
  await bus.close();
} finally {
  await database.close();
  await scratch?.drop();
  dir.remove();
}
