// Benchmark 5: history scale. People with 1, 3 and 5 years of seeded history (five years: about
// 7,300 sessions, 20,000 context switches and 3,000 tasks) in one database, on PostgreSQL and on
// PGlite. Times the week summary, the month report (heat map) and the streak as the sheet computes
// them, and the insight recompute as the background job runs it, calls interleaved across the three people so that machine noise falls on all alike; cost
// should follow the range shown, not the history.
// Measured twice: as stored, with no planner statistics (what PGlite always has: it runs without
// autovacuum; and PostgreSQL until autovacuum first analyzes), and after ANALYZE.
import { count, eq, sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { contextSwitches, focusSessions, tasks, type UserRow } from '../src/db/schema/index.ts';
import { recomputeInsights } from '../src/services/insights.ts';
import { monthHeatmapFor, streakFor, weekSummaryFor } from '../src/services/summaries.ts';
import { pkRoundTripOfThisRun } from './lib/baselines.ts';
import { waitForQuiet } from './lib/machine.ts';
import { figure, missBy, startResult } from './lib/results.ts';
import { insertUsers, openSeedDatabase, planToday, seedDeps, seedHistory, todayOf } from './lib/seed.ts';
import { createScratchDatabase, type DbMode, isPostgresReachable, makeTempDir } from './lib/server.ts';
import { type Distribution, distribution } from './lib/stats.ts';

const RUNS = Number(process.env.BENCH_HISTORY_RUNS ?? 60);
const PEOPLE = [
  { key: '1y', days: Math.round(365.25), seed: 2027 },
  { key: '3y', days: Math.round(3 * 365.25), seed: 2029 },
  { key: '5y', days: Math.round(5 * 365.25), seed: 2031 },
  // Every day focused: the streak is five years long, its worst case (it reads as far back as it goes).
  { key: '5y unbroken', days: Math.round(5 * 365.25), seed: 2099, isUnbroken: true },
] as const;
type Key = (typeof PEOPLE)[number]['key'];
const SERVICES = ['week', 'month', 'streak', 'insights'] as const;
type Service = (typeof SERVICES)[number];
type Timings = Record<Key, Record<Service, Distribution>>;

async function sizeOf(database: Database, userId: string) {
  const n = async (table: typeof focusSessions | typeof contextSwitches | typeof tasks) =>
    (await database.db.select({ n: count() }).from(table).where(eq(table.userId, userId)))[0]!.n;
  return { sessions: await n(focusSessions), switches: await n(contextSwitches), tasks: await n(tasks) };
}

/** Each round calls every service for every person once, in that order. */
async function timeInterleaved(database: Database, users: Record<Key, UserRow>): Promise<Timings> {
  const { db } = database;
  const deps = seedDeps(database);
  const call = (service: Service, user: UserRow) => {
    const today = todayOf(user);
    if (service === 'week') return weekSummaryFor(db, user, today);
    if (service === 'month') return monthHeatmapFor(db, user.id, today);
    // The whole job: read the nine-week window, run every rule, compare with what is stored (the
    // first call writes; later ones find nothing changed, as most hourly refreshes do).
    if (service === 'insights') return recomputeInsights(deps, user.id);
    return streakFor(db, user.id, today);
  };
  const samples = new Map<string, number[]>();
  await waitForQuiet();
  for (let round = -10; round < RUNS; round++) {
    for (const person of PEOPLE) {
      for (const service of SERVICES) {
        const started = performance.now();
        await call(service, users[person.key]);
        if (round < 0) continue; // warm-up rounds
        const key = `${person.key}/${service}`;
        samples.set(key, [...(samples.get(key) ?? []), performance.now() - started]);
      }
    }
  }
  return Object.fromEntries(
    PEOPLE.map((p) => [
      p.key,
      Object.fromEntries(SERVICES.map((s) => [s, distribution(samples.get(`${p.key}/${s}`)!)])),
    ]),
  ) as Timings;
}

const result = startResult('history', 'History scale: 1, 3 and 5 years');
const modes: DbMode[] = (await isPostgresReachable()) ? ['postgres', 'pglite'] : ['pglite'];
const measured: Record<
  string,
  { sizes: Record<string, unknown>; raw: Timings; analyzed: Timings; streaks: Record<string, number> }
> = {};

for (const mode of modes) {
  const scratch = mode === 'postgres' ? await createScratchDatabase() : undefined;
  const dir = makeTempDir('history');
  const database = await openSeedDatabase({
    mode,
    dataDir: dir.path,
    ...(scratch ? { databaseUrl: scratch.url } : {}),
  });
  try {
    const users = {} as Record<Key, UserRow>;
    const sizes: Record<string, unknown> = {};
    for (const person of PEOPLE) {
      const [user] = await insertUsers(database, `history-${person.key.replace(' ', '-')}`, 1);
      const started = performance.now();
      await seedHistory(database, user!, {
        days: person.days,
        seed: person.seed,
        ...('isUnbroken' in person ? { isUnbroken: true } : {}),
      });
      await planToday(database, user!);
      users[person.key] = user!;
      sizes[person.key] = {
        ...(await sizeOf(database, user!.id)),
        seedSeconds: Math.round((performance.now() - started) / 100) / 10,
      };
    }
    console.log(`  ${mode}: seeded ${JSON.stringify(sizes)}`);
    const raw = await timeInterleaved(database, users);
    await database.db.execute(sql`analyze`);
    const analyzed = await timeInterleaved(database, users);
    const streaks = Object.fromEntries(
      await Promise.all(
        PEOPLE.map(async (p) => [
          p.key,
          (await streakFor(database.db, users[p.key].id, todayOf(users[p.key]))).length,
        ]),
      ),
    ) as Record<string, number>;
    measured[mode] = { sizes, raw, analyzed, streaks };
  } finally {
    await database.close();
    await scratch?.drop();
    dir.remove();
  }
}

const LABELS: Record<Service, string> = {
  week: 'Week summary (weekSummaryFor)',
  month: 'Month report (monthHeatmapFor)',
  streak: 'Streak (streakFor)',
  insights: 'Insight recompute (recomputeInsights)',
};
for (const mode of modes) {
  const pk = await pkRoundTripOfThisRun(mode);
  const m = measured[mode]!;
  for (const [state, timings] of [
    ['no statistics', m.raw],
    ['after ANALYZE', m.analyzed],
  ] as const) {
    for (const service of SERVICES) {
      const five = timings['5y'][service];
      const sideBySide = (['1y', '3y', '5y'] as const)
        .map((k) => `${k} ${timings[k][service].p50}`)
        .join(' / ');
      if (service !== 'streak') {
        const f = result.add(
          figure(`${LABELS[service]}, ${mode}, ${state}, 5 years, p95`, five.p95, 'ms', {
            budget: 'historyQuery',
            ratio: { value: (five.p50 * 1000) / pk.drizzle.p50, of: `one PK SELECT (${mode})` },
            note: `p50 ${five.p50} ms`,
          }),
        );
        if (f.status === 'miss') f.note += `; ${missBy(f.value, 'historyQuery')}`;
      }
      const growth = result.add(
        figure(
          `${LABELS[service]}, ${mode}, ${state}: 5-year / 1-year p50`,
          five.p50 / timings['1y'][service].p50,
          'x',
          {
            budget: 'historyGrowth',
            note: `p50 by history ${sideBySide} ms${service === 'streak' ? ` (streaks of ${m.streaks['1y']}, ${m.streaks['3y']}, ${m.streaks['5y']} days)` : ''}`,
          },
        ),
      );
      if (growth.status === 'miss') growth.note += `; ${missBy(growth.value, 'historyGrowth')}`;
    }
    const worst = timings['5y unbroken'].streak;
    result.add(
      figure(
        `Streak of ${m.streaks['5y unbroken']} days (5 unbroken years), ${mode}, ${state}, p95`,
        worst.p95,
        'ms',
        {
          budget: 'historyQuery',
          note: `p50 ${worst.p50} ms; the streak reads back as far as it goes, in date ranges of 32, 128, 512… days`,
        },
      ),
    );
  }
}
result.details.measured = measured;
const first = modes[0]!;
const five = measured[first]!.raw['5y'];
result.finish(
  `5 years on ${first}, no statistics: week p95 ${five.week.p95} ms, month p95 ${five.month.p95} ms, streak p95 ${five.streak.p95} ms, insights p95 ${five.insights.p95} ms`,
);
