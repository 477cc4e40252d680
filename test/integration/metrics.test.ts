import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTokenForEmail } from '../../src/services/api-tokens.ts';
import { createUser } from '../../src/services/create-user.ts';
import { startTestServer, type TestServer } from '../support/browser.ts';
import { testDbKind } from '../support/database.ts';
import { PASSWORD } from '../support/factories.ts';
import { type LocalServer, sendJson, startLocalServer } from '../support/fakes/local-server.ts';
import { TestBrowser } from '../support/http-client.ts';
import { seriesValue } from '../support/prometheus.ts';
import { uniqueEmail } from '../support/test-app.ts';

// GET /metrics as an operator's Prometheus reads it from a real server: protected, in the text
// format, labelled by route template and never by a person, an id or a raw path.

const TOKEN = 'metrics-token-for-the-test-0123456789abcdef';
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('metrics behind a token', () => {
  let server: TestServer;
  let apiToken: string;
  const scrape = async (token = TOKEN) =>
    fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const metricsText = async () => {
    const response = await scrape();
    expect(response.status).toBe(200);
    return response.text();
  };
  const api = (method: string, path: string) =>
    fetch(`${server.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${apiToken}` } });

  beforeAll(async () => {
    server = await startTestServer({ database: testDbKind, env: { METRICS_TOKEN: TOKEN } });
    const deps = server.server.runtime.deps;
    const email = uniqueEmail('metrics');
    await createUser(deps, { email, password: PASSWORD, timeZone: 'UTC' });
    apiToken = (await createApiTokenForEmail(deps, email, { name: 'metrics', scopes: ['read', 'write'] }))
      .secret;
  });
  afterAll(() => server?.stop());

  it('answers only the bearer of the metrics token', async () => {
    const anonymous = await fetch(`${server.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await anonymous.text()).not.toContain('deepsheet_');
    expect((await scrape('metrics-token-for-the-test-0123456789abcdeX')).status).toBe(401);
    expect((await scrape(apiToken)).status).toBe(401);
    const scraped = await scrape();
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('counts requests by route template, never by id, date or unknown path', async () => {
    const day = server.server.runtime.deps.clock.now().toISOString().slice(0, 10);
    for (let i = 0; i < 3; i++) expect((await api('GET', `/days/${day}`)).status).toBe(200);
    expect((await api('GET', '/tasks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await fetch(`${server.url}/no/such/page/12345`)).status).toBe(404);

    const text = await metricsText();
    expect(
      seriesValue(
        text,
        'deepsheet_http_requests_total{method="GET",route="/api/v1/days/:date",status="200"}',
      ),
    ).toBe(3);
    expect(
      seriesValue(text, 'deepsheet_http_requests_total{method="GET",route="/api/v1/tasks/:id",status="404"}'),
    ).toBe(1);
    expect(
      seriesValue(text, 'deepsheet_http_requests_total{method="GET",route="(unmatched)",status="404"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      seriesValue(
        text,
        'deepsheet_http_request_duration_seconds_count{method="GET",route="/api/v1/days/:date"}',
      ),
    ).toBe(3);
    expect(text).toContain(
      'deepsheet_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/days/:date"}',
    );
    expect(text).not.toContain(day);
    expect(text).not.toContain('00000000-0000');
    expect(text).not.toContain('/no/such');
    // Process metrics come with them.
    expect(seriesValue(text, 'deepsheet_process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('deepsheet_nodejs_eventloop_lag_p99_seconds');
  });

  it('shows open event streams and the events they were sent', async () => {
    const before = await metricsText();
    const delivered = seriesValue(before, 'deepsheet_events_delivered_total') ?? 0;
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/v1/events`, {
      headers: { authorization: `Bearer ${apiToken}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    try {
      await expect.poll(async () => seriesValue(await metricsText(), 'deepsheet_event_streams_open')).toBe(1);
      const day = server.server.runtime.deps.clock.now().toISOString().slice(0, 10);
      const sheet = (await (await api('GET', `/days/${day}`)).json()) as { sessions: { id: string }[] };
      expect((await api('POST', `/sessions/${sheet.sessions[0]!.id}/start`)).status).toBe(200);
      await expect
        .poll(async () => seriesValue(await metricsText(), 'deepsheet_events_delivered_total'))
        .toBeGreaterThan(delivered);
      expect(seriesValue(await metricsText(), 'deepsheet_events_published_total')).toBeGreaterThan(0);
    } finally {
      controller.abort();
    }
    await expect.poll(async () => seriesValue(await metricsText(), 'deepsheet_event_streams_open')).toBe(0);
  });

  it('shows the job queues by state once the queue runs', async () => {
    await expect
      .poll(async () =>
        seriesValue(await metricsText(), 'deepsheet_job_queue_jobs{queue="prune-expired",state="failed"}'),
      )
      .toBe(0);
    const text = await metricsText();
    expect(text).toMatch(/deepsheet_job_queue_jobs\{queue="prune-expired",state="queued"\} \d+/);
    expect(text).toMatch(/deepsheet_job_queue_jobs\{queue="prune-expired",state="active"\} \d+/);
  });

  it("shows the database pool and its statements' time on PostgreSQL (the embedded one has no pool)", async () => {
    const text = await metricsText();
    if (testDbKind === 'pglite') {
      expect(text).not.toContain('deepsheet_db_pool_connections');
      return;
    }
    expect(seriesValue(text, 'deepsheet_db_pool_connections{state="waiting"}')).toBe(0);
    expect(seriesValue(text, 'deepsheet_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
    expect(seriesValue(text, 'deepsheet_db_query_duration_seconds_count')).toBeGreaterThan(0);
  });

  it('counts sign-ins refused by the rate limit', async () => {
    const browser = new TestBrowser({ request: (url, init) => fetch(url, init) }, '127.0.0.1', server.url);
    await browser.get('/login');
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++)
      status = (await browser.submit('/login', { email: 'nobody@example.test', password: 'wrong password' }))
        .status;
    expect(status).toBe(429);
    expect(
      seriesValue(await metricsText(), 'deepsheet_rate_limit_refusals_total{route="/login"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('has every series the shipped Grafana dashboard draws', async () => {
    const dashboard = JSON.parse(readFileSync('deploy/grafana-dashboard.json', 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const text = await metricsText();
    const types = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
    const drawn = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((target) =>
        [...target.expr.matchAll(/\b(deepsheet_[a-z0-9_]+)/g)].map((m) => ({
          panel: panel.title,
          name: m[1]!,
        })),
      ),
    );
    expect(drawn.length).toBeGreaterThan(10);
    for (const { panel, name } of drawn) {
      // The embedded database has no pool and times no statements.
      if (testDbKind === 'pglite' && name.startsWith('deepsheet_db_')) continue;
      const family = name.replace(/_(bucket|sum|count)$/, '');
      expect(types.has(name) || types.has(family), `${panel}: ${name}`).toBe(true);
    }
  });

  it("continues the caller's trace and answers with its own span", async () => {
    const joined = await fetch(`${server.url}/health/live`, {
      headers: { traceparent: `00-${TRACE}-00f067aa0ba902b7-01` },
    });
    const answered = joined.headers.get('traceparent') ?? '';
    expect(answered).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
    expect(answered).not.toContain('00f067aa0ba902b7');
    const started = (
      await fetch(`${server.url}/health/live`, { headers: { traceparent: 'garbage' } })
    ).headers.get('traceparent');
    expect(started).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(started).not.toContain(TRACE);
  });
});

describe('metrics on a port of their own', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: testDbKind, env: { METRICS_PORT: '0' } });
  });
  afterAll(() => server?.stop());

  it('serves /metrics there without a token, and nothing on the public port', async () => {
    const url = server.server.metricsUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const scraped = await fetch(url);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('# TYPE deepsheet_http_requests_total counter');
    expect((await fetch(url.replace('/metrics', '/'))).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });
});

describe('metrics left unset', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: testDbKind });
  });
  afterAll(() => server?.stop());

  it('are not served at all', async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('deepsheet_');
    expect(server.server.metricsUrl).toBeUndefined();
  });
});

describe('request spans to an OpenTelemetry collector', () => {
  type OtlpSpan = {
    traceId: string;
    spanId: string;
    parentSpanId?: string;
    name: string;
    kind: number;
    attributes: { key: string; value: Record<string, string> }[];
    status: { code: number };
  };
  let server: TestServer;
  let collector: LocalServer;
  const received: { path: string; service: string; spans: OtlpSpan[] }[] = [];
  beforeAll(async () => {
    // A collector's OTLP/HTTP endpoint: it takes JSON batches at /v1/traces.
    collector = await startLocalServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        const batch = JSON.parse(body) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: { stringValue: string } }[] };
            scopeSpans: { spans: OtlpSpan[] }[];
          }[];
        };
        for (const resource of batch.resourceSpans)
          received.push({
            path: req.url ?? '',
            service: resource.resource.attributes.find((a) => a.key === 'service.name')!.value.stringValue,
            spans: resource.scopeSpans.flatMap((scope) => scope.spans),
          });
        sendJson(res, 200, {});
      });
    });
    server = await startTestServer({
      database: testDbKind,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin, OTEL_SERVICE_NAME: 'deepsheet-test' },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await collector?.close();
  });
  const spans = () => received.flatMap((batch) => batch.spans);

  it("sends one span per request, in the caller's trace, named by its route template", async () => {
    const joined = await fetch(`${server.url}/health/live`, {
      headers: { traceparent: `00-${TRACE}-00f067aa0ba902b7-01` },
    });
    const own = joined.headers.get('traceparent')!.split('-')[2];
    expect((await fetch(`${server.url}/api/v1/tasks/00000000-0000-4000-8000-000000000000`)).status).toBe(401);
    await expect.poll(() => spans().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);

    const live = spans().find((span) => span.traceId === TRACE)!;
    expect(live).toMatchObject({
      spanId: own,
      parentSpanId: '00f067aa0ba902b7',
      name: 'GET /health/live',
      kind: 2,
    });
    expect(live.attributes).toContainEqual({ key: 'http.response.status_code', value: { intValue: '200' } });
    expect(live.status).toEqual({ code: 0 });
    const refused = spans().find((span) => span.name.startsWith('GET /api/v1'))!;
    expect(refused.name).not.toContain('00000000');
    expect(refused.parentSpanId).toBeUndefined();
    expect(refused.attributes).toContainEqual({
      key: 'http.response.status_code',
      value: { intValue: '401' },
    });
    expect(received.every((batch) => batch.path === '/v1/traces' && batch.service === 'deepsheet-test')).toBe(
      true,
    );
  });
});
