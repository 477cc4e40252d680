// Benchmark 2: pages and API under load, on PostgreSQL and on PGlite, 64 connections on loopback.
//   today's sheet page (signed in, as a browser asks for it: HTML, compressed),
//   GET /api/v1/days/{date} and timer actions (resume/pause pairs) with bearer tokens.
// API calls come from many callers (a token and an X-Forwarded-For address per caller, with
// TRUST_PROXY_HEADER set), because the API's rate limits (600/min per token, 1200/min per address)
// would otherwise answer most of one caller's requests with 429.
import type { Client } from 'autocannon';
import { helloOfThisRun } from './lib/baselines.ts';
import { apiJson, getRaw, logIn } from './lib/http.ts';
import {
  CONNECTIONS,
  describeLoad,
  type LoadFigures,
  loadGet,
  loadSequence,
  preferredTool,
} from './lib/load.ts';
import { figure, missBy, startResult } from './lib/results.ts';
import {
  createTokens,
  insertUsers,
  openSeedDatabase,
  PASSWORD,
  planToday,
  seedHistory,
  todayOf,
} from './lib/seed.ts';
import { type DbMode, ensureBuilt, isPostgresReachable, withAppServer } from './lib/server.ts';

const BROWSER_HEADERS = {
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Encoding': 'gzip, deflate, br, zstd',
  'User-Agent': 'Mozilla/5.0 (bench) Chrome/140 Mobile',
};
const TIMER_USERS = CONNECTIONS;
const TOKENS_PER_API_USER = 4;

const addressOf = (n: number) =>
  `127.${10 + Math.floor(n / 250)}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;

type Caller = { token: string; address: string; sessionId: string };

type ModeFigures = { sheet: LoadFigures; days: LoadFigures; timer: LoadFigures; sheetBytes: number };

async function measureMode(mode: DbMode): Promise<ModeFigures> {
  let apiTokens: string[] = [];
  let timerTokens: string[] = [];
  let pageEmail = '';
  return withAppServer(
    mode,
    async (server) => {
      const origin = server.origin;
      const { cookie } = await logIn(origin, pageEmail, PASSWORD);
      const sheetHeaders = { ...BROWSER_HEADERS, Cookie: cookie };
      const first = await fetch(`${origin}/`, { headers: sheetHeaders });
      const html = await first.text();
      if (first.status !== 200 || !html.includes('Write the quarterly plan'))
        throw new Error('the sheet page is not the seeded one');
      const sheetBytes = (await getRaw(`${origin}/`, sheetHeaders)).body.length;
      const sheet = await loadGet({ url: `${origin}/`, headers: sheetHeaders });
      console.log(`  ${mode} sheet page: ${describeLoad(sheet)}`);

      const today = todayOf({ timeZone: 'Europe/Berlin' });
      const days = await loadGet({
        url: `${origin}/api/v1/days/${today}`,
        headers: { Accept: 'application/json', 'Accept-Encoding': 'gzip, deflate, br, zstd' },
        headerSets: apiTokens.map((token, n) => ({
          Authorization: `Bearer ${token}`,
          'X-Forwarded-For': addressOf(n),
        })),
      });
      console.log(`  ${mode} GET /api/v1/days/{date}: ${describeLoad(days)}`);

      const callers: Caller[] = [];
      for (const [n, token] of timerTokens.entries()) {
        const address = addressOf(1000 + n);
        const headers = { 'X-Forwarded-For': address };
        const day = await apiJson<{ sessions: { id: string }[] }>(
          origin,
          token,
          'GET',
          '/days/today',
          headers,
        );
        const sessionId = day.body.sessions[0]!.id;
        for (const action of ['start', 'pause']) {
          const r = await apiJson(origin, token, 'POST', `/sessions/${sessionId}/${action}`, headers);
          if (r.status !== 200) throw new Error(`${action} answered ${r.status}: ${JSON.stringify(r.body)}`);
        }
        callers.push({ token, address, sessionId });
      }
      // A run may stop between a resume and its pause: pause what is left running before measuring.
      const settle = async () => {
        for (const c of callers) {
          const s = await apiJson<{ state: string }>(origin, c.token, 'GET', `/sessions/${c.sessionId}`, {
            'X-Forwarded-For': c.address,
          });
          if (s.body.state === 'active')
            await apiJson(origin, c.token, 'POST', `/sessions/${c.sessionId}/pause`, {
              'X-Forwarded-For': c.address,
            });
        }
      };
      let next = 0;
      const timer = await loadSequence(
        {
          url: origin,
          setupClient: (client: Client) => {
            const c = callers[next++ % callers.length]!;
            const headers = {
              Authorization: `Bearer ${c.token}`,
              'X-Forwarded-For': c.address,
              Accept: 'application/json',
            };
            client.setRequests([
              { method: 'POST', path: `/api/v1/sessions/${c.sessionId}/resume`, headers },
              { method: 'POST', path: `/api/v1/sessions/${c.sessionId}/pause`, headers },
            ]);
          },
        },
        {
          afterWarmup: async () => {
            next = 0;
            await settle();
          },
        },
      );
      console.log(`  ${mode} timer resume/pause: ${describeLoad(timer)}`);
      return { sheet, days, timer, sheetBytes };
    },
    {
      seed: async (target) => {
        const database = await openSeedDatabase({ mode, ...target });
        try {
          const [pageUser] = await insertUsers(database, 'page', 1);
          pageEmail = pageUser!.email;
          await seedHistory(database, pageUser!, { days: 60, seed: 7 });
          await planToday(database, pageUser!);
          const apiUsers = await insertUsers(database, 'api', TIMER_USERS);
          for (const user of apiUsers) {
            await planToday(database, user, { isRunning: false });
            apiTokens.push(...(await createTokens(database, user, TOKENS_PER_API_USER)));
          }
          timerTokens = apiTokens.filter((_, n) => n % TOKENS_PER_API_USER === 0);
          apiTokens = apiTokens.filter((_, n) => n % TOKENS_PER_API_USER !== 0);
        } finally {
          await database.close();
        }
      },
    },
  );
}

await ensureBuilt();
const result = startResult('load', 'Pages and API under load');
const tool = await preferredTool();
const hello = await helloOfThisRun(tool);
const cannonHello = tool === 'autocannon' ? hello : await helloOfThisRun('autocannon');
const modes: DbMode[] = ((await isPostgresReachable()) ? ['postgres', 'pglite'] : ['pglite']).filter(
  (m) => !process.env.BENCH_MODES || process.env.BENCH_MODES.split(',').includes(m),
) as DbMode[];
const measured: Partial<Record<DbMode, ModeFigures>> = {};
for (const mode of modes) measured[mode] = await measureMode(mode);
result.details.hello = { [tool]: hello, autocannon: cannonHello };
result.details.measured = measured;

for (const mode of modes) {
  const m = measured[mode]!;
  const isBudgeted = mode === 'postgres';
  const share = m.sheet.rps / hello.rps;
  result.add(
    figure(`Sheet page (${mode}), req/s`, m.sheet.rps, 'req/s', {
      ratio: { value: share, of: `raw hello (${hello.tool})` },
      note: `p50 ${m.sheet.p50Ms} ms; ${m.sheetBytes} B compressed per page`,
    }),
  );
  if (isBudgeted) {
    const f = result.add(
      figure('Sheet page (postgres), share of raw hello', share, 'x hello', {
        budget: 'sheetPageShareOfHello',
      }),
    );
    if (f.status === 'miss') f.note = missBy(f.value, 'sheetPageShareOfHello');
  }
  const p99 = result.add(
    figure(`Sheet page (${mode}), p99`, m.sheet.p99Ms, 'ms', isBudgeted ? { budget: 'sheetPageP99' } : {}),
  );
  if (p99.status === 'miss') p99.note = missBy(p99.value, 'sheetPageP99');
  for (const [name, f, h] of [
    ['GET /api/v1/days/{date}', m.days, hello],
    ['Timer resume/pause', m.timer, cannonHello],
  ] as const) {
    result.add(
      figure(`${name} (${mode}), req/s`, f.rps, 'req/s', {
        ratio: { value: f.rps / h.rps, of: `raw hello (${h.tool})` },
        note: `p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms${f.bad ? `, ${f.bad} non-2xx` : ''}`,
      }),
    );
  }
}
const pgSheet = measured.postgres?.sheet ?? measured.pglite!.sheet;
result.finish(
  `sheet page ${pgSheet.rps} req/s (${Math.round((pgSheet.rps / hello.rps) * 1000) / 10}% of hello), p99 ${pgSheet.p99Ms} ms on ${measured.postgres ? 'PostgreSQL' : 'PGlite'}`,
);
