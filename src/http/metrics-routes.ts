import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { Metrics } from '../metrics/metrics.ts';
import type { SpanExporter } from '../metrics/span-exporter.ts';
import type { AppEnv } from './context.ts';

/**
 * The route template that answered ('/api/v1/sessions/:id'), read after the handlers ran; a
 * request no route took (a 404 from the catch-all) is '(unmatched)', so a scan of random paths
 * cannot grow the number of series.
 */
function routeOf(c: Parameters<typeof routePath>[0]): string {
  const path = routePath(c);
  return path === '' || path === '*' || path === '/*' ? '(unmatched)' : path;
}

/** Counts and times every request by route template (mounted first, so it sees every answer). */
export function observeRequests(metrics: Metrics) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    metrics.observeRequest(c.req.method, routeOf(c), c.res.status, (performance.now() - started) / 1000);
  });
}

/** Sends one span per request to the operator's collector (mounted after requestId, which names the span). */
export function exportRequestSpans(exporter: SpanExporter) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const startMs = Date.now();
    await next();
    const trace = c.get('trace');
    exporter.record({
      traceId: trace.traceId,
      spanId: trace.spanId,
      parentSpanId: trace.parentSpanId,
      method: c.req.method,
      route: routeOf(c),
      status: c.res.status,
      startMs,
      endMs: Date.now(),
    });
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics on the app's port, for a Prometheus that sends `Authorization: Bearer
 * METRICS_TOKEN`. Anyone else is told 401 without a hint of what is measured.
 */
export function metricsRoutes(metrics: Metrics, token: string) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const given = c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1] ?? '';
    if (!sameSecret(given, token)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return c.text('Send the metrics token as a bearer token.', 401);
    }
    c.header('Cache-Control', 'no-store');
    return c.body(await metrics.render(), 200, { 'Content-Type': metrics.contentType });
  });
  return app;
}
