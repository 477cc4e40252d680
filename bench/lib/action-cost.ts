// Diagnostic, not a benchmark: what one timer action costs, in-process (no sockets), on PostgreSQL
// or PGlite: the whole API request (auth, rate limits, request log, the change, the event) against
// changeSession alone, with the statements each sends.
// Usage: node --import tsx bench/lib/action-cost.ts [postgres|pglite] [pairs] [--sql]

import pg from 'pg';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import { changeSession } from '../../src/services/change-session.ts';
import { inProcessApp } from './in-process-app.ts';
import { createTokens, insertUsers, openSeedDatabase, planToday, todayOf } from './seed.ts';
import { createScratchDatabase, type DbMode, makeTempDir } from './server.ts';
import { distribution } from './stats.ts';

const mode = (process.argv[2] ?? 'postgres') as DbMode;
const pairs = Number(process.argv[3] ?? 100);
const showSql = process.argv.includes('--sql');
const scratch = mode === 'postgres' ? await createScratchDatabase() : undefined;
const dir = makeTempDir('action-cost');
const database = await openSeedDatabase({
  mode,
  dataDir: dir.path,
  ...(scratch ? { databaseUrl: scratch.url } : {}),
});
try {
  const [user] = await insertUsers(database, 'action', 1);
  await planToday(database, user!, { isRunning: false });
  const [token] = await createTokens(database, user!, 1);
  const { deps, bus, app } = await inProcessApp(database, dir.path, scratch?.url);
  const id = sessionIdFor(user!.id, todayOf(user!), 1);
  const actor = { id: user!.id, email: user!.email, isAdmin: false };
  await changeSession(deps, actor, id, { action: 'start' });

  let statements = 0;
  let log = false;
  // Every statement passes through pg.Client#query (the pool's and transactions' alike) or PGlite#query.
  const target = (database.kind === 'postgres' ? pg.Client.prototype : database.pglite) as unknown as {
    query: (...args: unknown[]) => unknown;
  };
  const query = target.query;
  target.query = function (this: unknown, ...args: unknown[]) {
    statements++;
    if (log) {
      const q = args[0] as { text?: string } | string;
      console.log(
        `  SQL: ${(typeof q === 'string' ? q : (q.text ?? '')).replace(/\s+/g, ' ').slice(0, 140)}`,
      );
    }
    return query.apply(this, args);
  };
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  const act = async (action: string) => {
    const r = await app.request(`/api/v1/sessions/${id}/${action}`, { method: 'POST', headers });
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
  };
  const time = async (fn: (action: string) => Promise<unknown>) => {
    for (let i = 0; i < 10; i++) await fn(i % 2 ? 'resume' : 'pause');
    statements = 0;
    const samples: number[] = [];
    for (let i = 0; i < pairs * 2; i++) {
      const t = performance.now();
      await fn(i % 2 ? 'resume' : 'pause');
      samples.push(performance.now() - t);
    }
    return { ...distribution(samples), statementsPerCall: statements / (pairs * 2) };
  };
  if (showSql) {
    log = true;
    console.log('One API action:');
    await act('pause');
    console.log('changeSession alone:');
    await changeSession(deps, actor, id, { action: 'resume' });
    log = false;
  }
  const result = {
    mode,
    wholeApiRequest: await time(act),
    changeSessionAlone: await time((action) => changeSession(deps, actor, id, { action: action as 'pause' })),
  };
  console.log(JSON.stringify(result, null, 1));
  await bus.close();
} finally {
  await database.close();
  await scratch?.drop();
  dir.remove();
}
