import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../support/database.ts';
import { freePort } from '../support/free-port.ts';
import { SseReader } from '../support/sse.ts';
import {
  hasClusterTools,
  type Instance,
  instanceMetric,
  type Pooler,
  type ReverseProxy,
  startInstance,
  startNginx,
  startPgBouncer,
} from './cluster.ts';
import {
  HttpBrowser,
  killAllProcesses,
  makeTempDir,
  removeTempDirs,
  runCli,
  STRONG_PASSWORD,
  waitFor,
} from './support.ts';

// Four `deepsheet serve` processes on one PostgreSQL, behind nginx, through PgBouncer in
// transaction mode, each from the configuration in deploy/: what the README tells operators
// "stateless instances" means, proven the way they would deploy it.

const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl && process.env.CI && !hasClusterTools)
  throw new Error('CI must install nginx and pgbouncer (see .ci/run): the cluster test needs them');

const INSTANCES = 4;

type SheetSession = { id: string; state: string };

describe.skipIf(!adminUrl || !hasClusterTools)('four instances behind nginx and PgBouncer', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let pooler: Pooler;
  let proxy: ReverseProxy;
  let direct: pg.Pool;
  const instances: Instance[] = [];
  let env: Record<string, string>;
  let token: string;
  let email: string;

  const api = (method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}) =>
    fetch(`${proxy.url}/api/v1${path}`, {
      method,
      headers: {
        ...extraHeaders,
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const today = () => new Date().toISOString().slice(0, 10);
  async function sessionsToday(): Promise<SheetSession[]> {
    const response = await api('GET', `/days/${today()}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { sessions: SheetSession[] }).sessions;
  }
  /** A timer action through the proxy: 200, and the event it records. */
  async function act(sessionId: string, action: 'start' | 'pause' | 'resume'): Promise<void> {
    const response = await api('POST', `/sessions/${sessionId}/${action}`);
    expect(response.status, await response.clone().text()).toBe(200);
    await response.body?.cancel();
  }
  async function eventIdsInDatabase(): Promise<number[]> {
    const { rows } = await direct.query<{ id: string }>(
      'select e.id from user_events e join users u on u.id = e.user_id where u.email = $1 order by e.id',
      [email],
    );
    return rows.map((r) => Number(r.id));
  }
  function openStream(lastEventId?: number): Promise<Response> {
    return fetch(`${proxy.url}/api/v1/events`, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'text/event-stream',
        ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
      },
    });
  }
  // Stored events only: the greeting every stream opens with has id 0.
  const idsOf = (reader: SseReader) => reader.events.filter((e) => Number(e.id) > 0).map((e) => Number(e.id));

  beforeAll(async () => {
    database = await createPostgresDatabase();
    direct = new pg.Pool({ connectionString: database.url, max: 2 });
    // Dropping the database at the end ends its idle connections; that is expected.
    direct.on('error', () => {});
    pooler = await startPgBouncer(database.url);
    const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
    const metricsPorts = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
    env = {
      DATABASE_URL: pooler.url,
      DATABASE_LISTEN_URL: database.url,
      // Debian's PgBouncer (1.18) keeps no prepared statements across server connections.
      DATABASE_PREPARED_STATEMENTS: 'false',
      DATABASE_POOL_SIZE: '4',
      TRUST_PROXY_HEADER: 'X-Forwarded-For',
      SECRET: 'one-secret-shared-by-every-instance-0123456789',
      // One token drives the whole load here; the per-minute limit would otherwise be what is measured.
      API_RATE_LIMIT_PER_CALLER: '100000',
      API_RATE_LIMIT_PER_ADDRESS: '100000',
      LOG_LEVEL: 'warn',
    };
    // All four start at once and migrate the new database: the advisory lock, taken on
    // DATABASE_LISTEN_URL, lets one of them apply the migrations.
    instances.push(
      ...(await Promise.all(ports.map((port, i) => startInstance(port, metricsPorts[i]!, env)))),
    );
    proxy = await startNginx(ports);

    email = `cluster-${Date.now()}@example.test`;
    const cli = { ...env, DATABASE_URL: database.url, DATA_DIR: '/tmp' };
    expect(
      (await runCli(['user', 'create', '--email', email, '--password', STRONG_PASSWORD], cli)).code,
    ).toBe(0);
    const created = await runCli(
      ['token', 'create', '--email', email, '--name', 'cluster', '--scope', 'write'],
      cli,
    );
    expect(created.code, created.stderr).toBe(0);
    token = created.stdout.trim();
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop().catch(() => {});
    await killAllProcesses();
    await pooler?.stop().catch(() => {});
    await direct?.end();
    await database?.drop();
    removeTempDirs();
  }, 60_000);

  it('signs in on one instance and is known on every other, with the address the proxy saw', async () => {
    // The client claims another address; nginx appends the one it saw, which the app takes.
    const browser = new HttpBrowser(proxy.url, '203.0.113.66');
    expect((await browser.logIn(email, STRONG_PASSWORD)).status).toBe(303);
    const before = await Promise.all(instances.map((i) => instanceMetric(i, sheetSeries(200))));
    for (let i = 0; i < 4 * INSTANCES; i++) {
      const page = await browser.get('/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Personal 1');
    }
    const after = await Promise.all(instances.map((i) => instanceMetric(i, sheetSeries(200))));
    // Round robin: every instance served the signed-in sheet.
    for (let i = 0; i < INSTANCES; i++) expect(after[i]! - before[i]!).toBeGreaterThan(0);
    const settings = await (await browser.get('/settings')).text();
    expect(settings).toContain('· 127.0.0.1');
    expect(settings).not.toContain('203.0.113.66');
  });

  it('brings an action taken on any instance to a stream opened through the proxy within a second', async () => {
    const stream = await openStream();
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = new SseReader(stream);
    try {
      const [first] = await sessionsToday();
      await act(first!.id, 'start');
      await reader.waitFor((events) => events.some((e) => e.event === 'session.updated'), 5000);
      // Each action lands on the next instance in turn; each reaches the stream within 1 s.
      for (let i = 0; i < INSTANCES; i++) {
        const seen = idsOf(reader).length;
        const acted = performance.now();
        await act(first!.id, i % 2 === 0 ? 'pause' : 'resume');
        await reader.waitFor((events) => events.filter((e) => Number(e.id) > 0).length > seen, 1000);
        expect(performance.now() - acted).toBeLessThan(1000);
      }
    } finally {
      await reader.close();
    }
  });

  it('resumes a stream whose instance was killed on another one, from the database, missing and repeating nothing', async () => {
    const [first] = await sessionsToday();
    let state = (await sessionsToday())[0]!.state;
    const toggle = async () => {
      const action = state === 'active' ? 'pause' : state === 'paused' ? 'resume' : 'start';
      await act(first!.id, action);
      state = action === 'pause' ? 'paused' : 'active';
    };
    const opened = await openStream();
    const reader = new SseReader(opened);
    await toggle();
    await reader.waitFor((events) => events.some((e) => Number(e.id) > 0), 5000);
    // The instance holding the stream, by its own metrics.
    const holder = await waitFor(async () => {
      const counts = await Promise.all(
        instances.map((i) => instanceMetric(i, 'deepsheet_event_streams_open')),
      );
      const index = counts.indexOf(1);
      return index >= 0 && counts.filter((c) => c > 0).length === 1 ? index : undefined;
    }, 'exactly one instance to hold the stream');
    const seenBefore = idsOf(reader);

    await instances[holder]!.server.stop('SIGKILL');
    // The proxy ends the client's stream when its instance dies.
    await expect(reader.waitFor(() => false, 5000)).rejects.toThrow(/stream ended|terminated/);
    // While the stream is down, actions go on through the proxy (to the three left).
    for (let i = 0; i < 3; i++) await toggle();

    const resumed = await openStream(seenBefore.at(-1));
    expect(resumed.status).toBe(200);
    const again = new SseReader(resumed);
    try {
      const stored = await eventIdsInDatabase();
      const missed = stored.filter((id) => id > seenBefore.at(-1)!);
      expect(missed.length).toBeGreaterThanOrEqual(3);
      await again.waitFor((events) => events.filter((e) => Number(e.id) > 0).length >= missed.length, 5000);
      expect(idsOf(again)).toEqual(missed);
      // And it is live again: the next action arrives once.
      await toggle();
      await again.waitFor((events) => events.filter((e) => Number(e.id) > 0).length > missed.length, 2000);
      const all = [...seenBefore, ...idsOf(again)];
      expect(new Set(all).size).toBe(all.length);
      expect(all).toEqual((await eventIdsInDatabase()).filter((id) => id >= seenBefore[0]!));
    } finally {
      await again.close();
    }
    instances[holder] = await startInstance(instances[holder]!.port, instances[holder]!.metricsPort, env);
  });

  it('refuses production through the pooler unless DATABASE_LISTEN_URL bypasses it for sessions', async () => {
    const production = {
      ...env,
      NODE_ENV: 'production',
      APP_URL: 'https://deepsheet.example.test',
      SECRET: 'Xq7vK2mP9sL4wB8nR1tY6uZ3aC5dE0fG',
      DATA_DIR: makeTempDir(),
    };
    const pooled = await runCli(['doctor', '--production'], {
      ...production,
      DATABASE_LISTEN_URL: undefined,
    });
    expect(pooled.code).toBe(1);
    expect(pooled.stdout).toMatch(
      /FAIL {2}DATABASE_URL reaches PostgreSQL through a pooler \(the URL names port \d+, PostgreSQL answers on 5432\)/,
    );
    const bypassed = await runCli(['doctor', '--production'], production);
    expect(bypassed.stdout).toMatch(/ok {4}Connection pooler: in between/);
    expect(bypassed.stdout).not.toContain('FAIL');
  });

  it('restarts every instance in turn under steady load without losing an acknowledged write or answering 5xx', async () => {
    const acknowledged: string[] = [];
    const failures: string[] = [];
    let stop = false;
    const writer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const title = `rolling ${n}-${i}`;
        // With a key, the proxy's retry of a POST its instance dropped is applied once.
        const response = await api(
          'POST',
          '/tasks',
          { title, type: 'chore' },
          { 'idempotency-key': `rolling-${n}-${i}` },
        ).catch((error: Error) => error);
        if (response instanceof Error) failures.push(`${title}: ${response.message}`);
        else if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        else failures.push(`${title}: ${response.status} ${await response.text()}`);
      }
    };
    const reader = async () => {
      while (!stop) {
        const response = await api('GET', `/days/${today()}`).catch((error: Error) => error);
        if (response instanceof Error) failures.push(`read: ${response.message}`);
        else if (response.status !== 200) failures.push(`read: ${response.status}`);
        else await response.body?.cancel();
      }
    };
    const load = [writer(1), writer(2), writer(3), reader()];
    for (let i = 0; i < INSTANCES; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { port, metricsPort } = instances[i]!;
      const exit = await instances[i]!.server.stop('SIGTERM');
      expect(exit.code).toBe(0);
      instances[i] = await startInstance(port, metricsPort, env);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop = true;
    await Promise.all(load);

    expect(failures, failures.join('\n')).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(20);
    const { rows } = await direct.query<{ id: string }>('select id from tasks where id = any($1::uuid[])', [
      acknowledged,
    ]);
    expect(rows.length).toBe(acknowledged.length);
    const { rows: written } = await direct.query<{ count: string }>(
      "select count(*) from tasks where title like 'rolling %'",
    );
    expect(Number(written[0]!.count)).toBe(acknowledged.length);
  }, 120_000);
});

/** The sheet page's request counter for one status, as an instance labels it. */
function sheetSeries(status: number): string {
  return `deepsheet_http_requests_total{method="GET",route="/",status="${status}"}`;
}
