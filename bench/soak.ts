// Soak: a steady mix of what people do, for minutes on end, against a real server process.
//   sheet page views (signed in, HTML), day reads and goal edits through the API, timer actions
//   (start, pause, resume, reset cycles), and event streams held open the whole time.
// Passes when no request failed, every stream stayed open (or reopened at once after the server
// ended it), and the server's resident memory at the end is within 10% of where it stood after
// the warm-up. Not part of `npm test`: `npm run soak`.
//
//   SOAK_SECONDS  total length (default 600)          SOAK_RATE     requests a second (default 20)
//   SOAK_USERS    people (default 8)                  SOAK_STREAMS  event streams per person (default 2)
//   SOAK_WARMUP_SECONDS  before the memory baseline (default: a fifth of the run, at most 120)
//   DATABASE_URL  when set, runs on a throw-away database on that PostgreSQL server instead of PGlite
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logIn } from './lib/http.ts';
import { RESULTS_DIR } from './lib/machine.ts';
import type { DbMode } from './lib/server.ts';
import { type Distribution, distribution } from './lib/stats.ts';

// The scratch database is made on DATABASE_URL's server: set before lib/server.ts reads BENCH_PG_URL.
if (process.env.DATABASE_URL) process.env.BENCH_PG_URL ??= process.env.DATABASE_URL;
const { createTokens, insertUsers, openSeedDatabase, PASSWORD, planToday } = await import('./lib/seed.ts');
const { ensureBuilt, rssOf, withAppServer } = await import('./lib/server.ts');

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 20);
const USERS = Number(process.env.SOAK_USERS ?? 8);
const STREAMS_PER_USER = Number(process.env.SOAK_STREAMS ?? 2);
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? Math.min(120, Math.round(SECONDS / 5)));
const SAMPLE_EVERY_MS = 10_000;
const RSS_TOLERANCE = 0.1;
const MODE: DbMode = process.env.DATABASE_URL ? 'postgres' : 'pglite';

type Kind = 'sheet' | 'day' | 'timer' | 'goal';
/** Out of ten requests: what a day of people with open sheets looks like, roughly. */
const MIX: Kind[] = ['sheet', 'sheet', 'sheet', 'day', 'day', 'timer', 'timer', 'goal', 'goal', 'goal'];
/** Each person's timer goes round this cycle, so no session ever runs out of time or state. */
const TIMER_CYCLE = ['start', 'pause', 'resume', 'pause', 'resume', 'reset'] as const;

type Person = {
  token: string;
  cookie: string;
  address: string;
  sessionIds: string[];
  timerStep: number;
  goalCount: number;
  isBusy: boolean;
};

type Failure = { at: number; kind: string; detail: string };

const latencies: Record<Kind, number[]> = { sheet: [], day: [], timer: [], goal: [] };
const failures: Failure[] = [];
let skippedBusy = 0;
let eventsReceived = 0;
let streamReopens = 0;
let startedAt = Date.now();
const elapsed = () => Math.round((Date.now() - startedAt) / 1000);

function fail(kind: string, detail: string): void {
  failures.push({ at: elapsed(), kind, detail: detail.slice(0, 300) });
  if (failures.length <= 20) console.error(`  ${elapsed()} s  ${kind}: ${detail.slice(0, 200)}`);
}

async function perform(origin: string, person: Person, kind: Kind): Promise<void> {
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${origin}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${person.token}`,
        'X-Forwarded-For': person.address,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const started = performance.now();
  let response: Response;
  switch (kind) {
    case 'sheet':
      response = await fetch(`${origin}/`, {
        headers: { Cookie: person.cookie, Accept: 'text/html', 'X-Forwarded-For': person.address },
      });
      break;
    case 'day':
      response = await api('GET', '/days/today');
      break;
    case 'timer': {
      const action = TIMER_CYCLE[person.timerStep % TIMER_CYCLE.length]!;
      response = await api('POST', `/sessions/${person.sessionIds[1]}/${action}`);
      person.timerStep++;
      break;
    }
    case 'goal':
      person.goalCount++;
      response = await api('PATCH', `/sessions/${person.sessionIds[2]}`, {
        goal: `Soak goal ${person.goalCount}`,
      });
      break;
  }
  const body = await response.text();
  latencies[kind].push(performance.now() - started);
  if (response.status !== 200) fail(kind, `${response.status} ${body}`);
}

/** Holds one event stream open for the whole run; reopens it if the server ends it cleanly. */
function holdStream(origin: string, person: Person, until: number, stop: AbortSignal): Promise<void> {
  return (async () => {
    while (Date.now() < until && !stop.aborted) {
      try {
        const response = await fetch(`${origin}/api/v1/events`, {
          headers: { Authorization: `Bearer ${person.token}`, Accept: 'text/event-stream' },
          signal: stop,
        });
        if (response.status !== 200 || !response.body) {
          fail('stream', `opening answered ${response.status}`);
          await new Promise((resolve) => setTimeout(resolve, 1000));
          continue;
        }
        const decoder = new TextDecoder();
        const reader = response.body.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          const chunk = read.value;
          const text = decoder.decode(chunk, { stream: true });
          eventsReceived += text.match(/^data:/gm)?.length ?? 0;
        }
        if (Date.now() < until && !stop.aborted) streamReopens++;
      } catch (error) {
        if (!stop.aborted) fail('stream', String(error));
      }
    }
  })();
}

async function soak(): Promise<void> {
  await ensureBuilt();
  const people: Person[] = [];
  let tokens: string[][] = [];
  const emails = Array.from({ length: USERS }, (_, n) => `soak-${n}@bench.local`);
  await withAppServer(
    MODE,
    async (server) => {
      const origin = server.origin;
      for (const [n, email] of emails.entries()) {
        const { cookie } = await logIn(origin, email, PASSWORD);
        const day = (await (
          await fetch(`${origin}/api/v1/days/today`, {
            headers: { Authorization: `Bearer ${tokens[n]![0]}` },
          })
        ).json()) as { sessions: { id: string }[] };
        people.push({
          token: tokens[n]![0]!,
          cookie,
          address: `127.20.0.${n + 1}`,
          sessionIds: day.sessions.map((s) => s.id),
          timerStep: 0,
          goalCount: 0,
          isBusy: false,
        });
      }
      startedAt = Date.now();
      const until = startedAt + SECONDS * 1000;
      const stop = new AbortController();
      const streams = people.flatMap((person) =>
        Array.from({ length: STREAMS_PER_USER }, () => holdStream(origin, person, until, stop.signal)),
      );
      console.log(
        `soak on ${MODE}: ${SECONDS} s at ${RATE} requests/s, ${USERS} people, ${streams.length} event streams`,
      );

      const rss: { at: number; mb: number }[] = [];
      const sample = () => {
        const mb = Math.round(rssOf(server.pid) / 1048576);
        rss.push({ at: elapsed(), mb });
        console.log(`  ${elapsed()} s  RSS ${mb} MB, ${failures.length} errors`);
      };
      sample();
      const sampler = setInterval(sample, SAMPLE_EVERY_MS);

      // A steady rate: requests are started on a fixed schedule, whatever the answers' pace.
      const inFlight = new Set<Promise<void>>();
      let sent = 0;
      while (Date.now() < until) {
        const kind = MIX[sent % MIX.length]!;
        sent++;
        // One person's requests never overlap (their timer cycle must go in order): the next
        // request goes to someone who is not waiting for an answer, if anyone.
        const free = people.filter((p) => !p.isBusy);
        const person = free[Math.floor(Math.random() * free.length)];
        if (!person) skippedBusy++;
        else {
          person.isBusy = true;
          const request = perform(origin, person, kind)
            .catch((error: unknown) => fail(kind, String(error)))
            .finally(() => {
              person.isBusy = false;
              inFlight.delete(request);
            });
          inFlight.add(request);
        }
        const next = startedAt + (sent / RATE) * 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      }
      await Promise.all(inFlight);
      clearInterval(sampler);
      sample();
      stop.abort();
      await Promise.allSettled(streams);
      report(rss, sent);
    },
    {
      seed: async (target) => {
        const database = await openSeedDatabase({ mode: MODE, ...target });
        try {
          const users = await insertUsers(database, 'soak', USERS);
          tokens = [];
          for (const user of users) {
            await planToday(database, user, { isRunning: false });
            tokens.push(await createTokens(database, user, 1));
          }
        } finally {
          await database.close();
        }
      },
    },
  );
}

function report(rss: { at: number; mb: number }[], sent: number): void {
  const afterWarmup = rss.filter((s) => s.at >= WARMUP_SECONDS);
  const mean = (xs: { mb: number }[]) => xs.reduce((sum, s) => sum + s.mb, 0) / Math.max(1, xs.length);
  const baseline = mean(afterWarmup.slice(0, 3));
  const end = mean(afterWarmup.slice(-3));
  const growth = afterWarmup.length >= 2 ? (end - baseline) / baseline : Number.NaN;
  const isRssFlat = Number.isFinite(growth) && Math.abs(growth) <= RSS_TOLERANCE;
  const byKind = Object.fromEntries(
    Object.entries(latencies).map(([kind, samples]) => [kind, distribution(samples)]),
  ) as Record<Kind, Distribution>;
  const answered = Object.values(latencies).reduce((sum, xs) => sum + xs.length, 0);
  const result = {
    mode: MODE,
    seconds: SECONDS,
    rate: RATE,
    users: USERS,
    streams: USERS * STREAMS_PER_USER,
    scheduled: sent,
    answered,
    skippedBusy,
    errors: failures.length,
    eventsReceived,
    streamReopens,
    latencyMs: byKind,
    rssMb: {
      warmupSeconds: WARMUP_SECONDS,
      baseline: Math.round(baseline),
      end: Math.round(end),
      growth,
      samples: rss,
    },
    passed: failures.length === 0 && isRssFlat,
    failures: failures.slice(0, 50),
  };
  const file = join(RESULTS_DIR, `soak-${MODE}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `\n${answered} requests answered (${sent} scheduled, ${skippedBusy} skipped: everyone waiting)`,
  );
  console.log(
    `errors: ${failures.length}; events received: ${eventsReceived}; streams reopened: ${streamReopens}`,
  );
  for (const [kind, d] of Object.entries(byKind))
    console.log(
      `  ${kind.padEnd(6)} n=${d.count} p50 ${d.p50} ms, p95 ${d.p95} ms, p99 ${d.p99} ms, max ${d.max} ms`,
    );
  console.log(
    `RSS after ${WARMUP_SECONDS} s warm-up ${Math.round(baseline)} MB, at the end ${Math.round(end)} MB ` +
      `(${(growth * 100).toFixed(1)}%, limit ±${RSS_TOLERANCE * 100}%): ${isRssFlat ? 'flat' : 'NOT flat'}`,
  );
  console.log(`${result.passed ? 'PASS' : 'FAIL'}  (${file})`);
  if (!result.passed) process.exitCode = 1;
}

await soak();
