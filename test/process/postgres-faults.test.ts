import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOOK_TIMEOUT_MS,
  killAllProcesses,
  makeTempDir,
  type RunningServer,
  removeTempDirs,
  runCli,
  STRONG_PASSWORD,
  spawnServer,
  waitFor,
} from './support.ts';

// Database faults while people work: the app's connections to PostgreSQL are cut from SQL (the
// shared server itself is never restarted: other suites use it), several times, and then refused
// for two seconds. Every write the server acknowledged must be in the database afterwards; the
// server must say it is not ready while the database is away, and come back by itself.

const adminUrl = process.env.TEST_DATABASE_URL;
const RECOVERY_MS = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one statement on the server's maintenance database (outside the database under test). */
async function onServer<T extends pg.QueryResultRow>(
  statement: string,
  values: unknown[] = [],
): Promise<T[]> {
  const url = new URL(adminUrl!);
  url.pathname = '/postgres';
  url.search = '';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<T>(statement, values)).rows;
  } finally {
    await client.end();
  }
}

/** A client that keeps writing, and remembers which writes the server acknowledged (2xx). */
type Ledger = { tasks: string[]; goal: number; timerVersion: number; attempts: number; failures: number };

/** Holds one API event stream open and collects the events it delivers, with their arrival time. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const events: { at: number; type: string; data: string }[] = [];
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  let isOpen = true;
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = response.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        const chunk = read.value;
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type && data) events.push({ at: Date.now(), type, data });
        }
      }
    } catch {
      // aborted at the end of the test
    }
    isOpen = false;
  })();
  return {
    events,
    isOpen: () => isOpen,
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

describe.skipIf(!adminUrl)('PostgreSQL faults while people work (TEST_DATABASE_URL)', () => {
  const database = `deepsheet_faults_${process.pid}_${Date.now()}`;
  const applicationName = `deepsheet-fault-${process.pid}`;
  let databaseUrl: string;
  let server: RunningServer;
  let token: string;
  let userId: string;

  /** Ends every connection the app holds (pool, LISTEN, job queue); returns how many. */
  const cutConnections = async () =>
    (
      await onServer<{ pid: number }>(
        `select pg_terminate_backend(pid) as pid from pg_stat_activity
          where datname = $1 and application_name = $2 and pid <> pg_backend_pid()`,
        [database, applicationName],
      )
    ).length;

  beforeAll(async () => {
    await onServer(`create database ${database}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${database}`;
    url.search = `?application_name=${applicationName}`;
    databaseUrl = url.toString();
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: makeTempDir(), LOG_LEVEL: 'error' };
    server = await spawnServer({ env });
    const email = 'faults@example.com';
    const created = await runCli(['user', 'create', '--email', email, '--password', STRONG_PASSWORD], env);
    expect(created.code, created.stderr).toBe(0);
    const issued = await runCli(
      ['token', 'create', '--email', email, '--name', 'faults', '--scope', 'write'],
      env,
    );
    expect(issued.code, issued.stderr).toBe(0);
    token = issued.stdout.trim();
    const [user] = await queryApp<{ id: string }>('select id from users where email = $1', [email]);
    userId = user!.id;
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await killAllProcesses();
    removeTempDirs();
    await onServer(`alter database ${database} allow_connections true`).catch(() => {});
    await onServer(`drop database if exists ${database} with (force)`);
  }, HOOK_TIMEOUT_MS);

  /** Reads the database under test directly, as the test's own connection (not the app's). */
  async function queryApp<T extends pg.QueryResultRow>(statement: string, values: unknown[] = []) {
    const url = new URL(databaseUrl);
    url.search = '';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return (await client.query<T>(statement, values)).rows;
    } finally {
      await client.end();
    }
  }

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const ready = async () => (await fetch(`${server.url}/health/ready`)).status;

  /** Three writers (new tasks, goal edits, timer actions) running until `stop` is set. */
  function startWriters(sessionIds: string[], stop: { isSet: boolean }) {
    const ledger: Ledger = { tasks: [], goal: 0, timerVersion: 0, attempts: 0, failures: 0 };
    const attempt = async (write: () => Promise<Response>, onAck: (body: unknown) => void) => {
      ledger.attempts++;
      try {
        const response = await write();
        const text = await response.text();
        if (response.ok) onAck(text ? JSON.parse(text) : null);
        else ledger.failures++;
        return response.status;
      } catch {
        ledger.failures++;
        return 0;
      }
    };
    const pace = () => sleep(ledger.failures > 0 ? 40 : 20);
    const tasks = (async () => {
      for (let n = 1; !stop.isSet; n++) {
        const title = `ledger task ${n}`;
        await attempt(
          () => api('POST', '/tasks', { title }),
          () => ledger.tasks.push(title),
        );
        await pace();
      }
    })();
    const goals = (async () => {
      for (let n = 1; !stop.isSet; n++) {
        await attempt(
          () => api('PATCH', `/sessions/${sessionIds[2]}`, { goal: `goal ${n}` }),
          () => (ledger.goal = n),
        );
        await pace();
      }
    })();
    const timer = (async () => {
      const cycle = ['start', 'pause', 'resume', 'reset'];
      for (let step = 0; !stop.isSet; ) {
        const status = await attempt(
          () => api('POST', `/sessions/${sessionIds[1]}/${cycle[step % cycle.length]}`),
          (body) => {
            ledger.timerVersion = Math.max(ledger.timerVersion, (body as { version: number }).version);
            step++;
          },
        );
        // A write cut off mid-answer may have committed: then the next step is refused (409),
        // and the cycle moves on as a person pressing the button again would.
        if (status === 409) step++;
        await pace();
      }
    })();
    return { ledger, done: Promise.all([tasks, goals, timer]) };
  }

  it('answers 503 while the database is away, recovers within 5 s by itself, and loses no acknowledged write', async () => {
    const day = (await (await api('GET', '/days/today')).json()) as { sessions: { id: string }[] };
    const sessionIds = day.sessions.map((s) => s.id);
    const stream = await openStream(`${server.url}/api/v1/events`, token);
    const stop = { isSet: false };
    const { ledger, done } = startWriters(sessionIds, stop);
    await sleep(1500);
    expect(ledger.failures).toBe(0);

    // Connections cut three times in a row: each time the pool and the listener must reconnect.
    for (let round = 0; round < 3; round++) {
      expect(await cutConnections()).toBeGreaterThan(0);
      await sleep(800);
      expect(server.child.exitCode, server.stderr()).toBeNull();
    }

    // Then the database refuses new connections for two seconds.
    await onServer(`alter database ${database} allow_connections false`);
    const statuses: number[] = [];
    const outageEnds = Date.now() + 2000;
    while (Date.now() < outageEnds) {
      await cutConnections();
      statuses.push(await ready());
      await sleep(100);
    }
    const ackedBeforeReturn = ledger.tasks.length;
    await onServer(`alter database ${database} allow_connections true`);
    const back = Date.now();
    expect(statuses).toContain(503);
    expect(statuses).not.toContain(200);

    await waitFor(async () => ((await ready()) === 200 ? true : undefined), 'ready again', RECOVERY_MS);
    await waitFor(
      () => (ledger.tasks.length > ackedBeforeReturn ? true : undefined),
      'a write acknowledged again',
      RECOVERY_MS,
    );
    // The listener is back: its LISTEN connection is open again.
    await waitFor(
      async () =>
        (
          await onServer(
            `select 1 from pg_stat_activity where datname = $1 and application_name = $2 and query like 'LISTEN%'`,
            [database, applicationName],
          )
        ).length > 0
          ? true
          : undefined,
      'the LISTEN connection',
      RECOVERY_MS,
    );
    const recoveredInMs = Date.now() - back;
    expect(recoveredInMs).toBeLessThan(RECOVERY_MS);

    stop.isSet = true;
    await done;
    expect(ledger.failures, 'the faults did reach the writers').toBeGreaterThan(0);

    // Events flow again to the stream that stayed open through it all.
    expect(stream.isOpen()).toBe(true);
    const marker = `after the outage ${Date.now()}`;
    const patched = await api('PATCH', `/sessions/${sessionIds[3]}`, { goal: marker });
    expect(patched.status).toBe(200);
    await waitFor(
      () => (stream.events.some((e) => e.data.includes(sessionIds[3]!)) ? true : undefined),
      'the event of a change made after the outage',
      RECOVERY_MS,
    );
    await stream.close();

    // Every acknowledged write is in the database.
    const stored = new Set(
      (await queryApp<{ title: string }>('select title from tasks where user_id = $1', [userId])).map(
        (r) => r.title,
      ),
    );
    expect(ledger.tasks.length).toBeGreaterThan(10);
    expect(ledger.tasks.filter((title) => !stored.has(title))).toEqual([]);
    const [goalRow] = await queryApp<{ goal: string }>('select goal from focus_sessions where id = $1', [
      sessionIds[2],
    ]);
    // A later write may have committed without its answer arriving; never an older value.
    expect(Number(goalRow!.goal.replace('goal ', ''))).toBeGreaterThanOrEqual(ledger.goal);
    const [timerRow] = await queryApp<{ version: number }>(
      'select version from focus_sessions where id = $1',
      [sessionIds[1]],
    );
    expect(timerRow!.version).toBeGreaterThanOrEqual(ledger.timerVersion);
    expect(ledger.timerVersion).toBeGreaterThan(1);

    // The same process served all along.
    expect(server.child.exitCode).toBeNull();
    console.info(
      `faults: ${ledger.attempts} writes tried, ${ledger.failures} refused during faults, ` +
        `${ledger.tasks.length} tasks acknowledged; ready and writing again ${recoveredInMs} ms after the database returned`,
    );
  }, 90_000);
});
