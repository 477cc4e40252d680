import { randomBytes, randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import { childSpan, formatTraceparent, parseTraceparent } from '../../domain/trace-context.ts';
import type { AppEnv } from '../context.ts';

// A caller's id is kept only when it is short and plain, so it cannot inject into logs.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The path as logged: one that carries a secret (a reset link, a calendar feed) without it. */
function loggedPath(path: string): string {
  if (path.startsWith('/reset-password/')) return '/reset-password/:token';
  if (path.startsWith('/calendar/')) return '/calendar/:token.ics';
  return path;
}

const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * Gives every request an id (echoed in X-Request-ID) and a span in the caller's W3C trace (or a
 * new trace), answered in `traceparent`; the request's logger carries both, so an operator's
 * tracing finds the log lines of a request.
 */
export function requestId(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const parent = parseTraceparent(c.req.header('traceparent'));
    const span = childSpan(parent, randomHex);
    c.set('requestId', id);
    c.set('trace', { ...span, parentSpanId: parent?.spanId });
    c.set('logger', logger.child({ requestId: id, traceId: span.traceId, spanId: span.spanId }));
    c.header('X-Request-ID', id);
    c.header('traceparent', formatTraceparent(span));
    const started = performance.now();
    await next();
    const path = loggedPath(c.req.path);
    c.get('logger').info(
      {
        method: c.req.method,
        path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
}
