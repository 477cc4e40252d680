import { createMiddleware } from 'hono/factory';
import { AppError } from '../../domain/errors.ts';
import type { AppEnv } from '../context.ts';

/** What a page on an allowed origin may send and read; the API's own headers, nothing more. */
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-Match';
const EXPOSED_HEADERS =
  'Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Idempotent-Replayed, X-Request-Id';

/**
 * CORS for the API: a page on one of the configured origins (`CORS_ORIGINS`, empty by default)
 * may call it with a bearer token. The answer names that exact origin, never `*` and never an
 * origin it was merely sent, and never allows credentials: cookies stay usable only by our own
 * pages, so a hostile site cannot ride a signed-in person's session. A preflight from any other
 * origin is refused with 403; a plain request from one is answered without CORS headers, so the
 * browser withholds the answer from that page.
 */
export function apiCors(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin')?.toLowerCase();
    const isAllowed = origin !== undefined && allowed.has(origin);
    const isPreflight = c.req.method === 'OPTIONS' && c.req.header('access-control-request-method');
    if (isPreflight) {
      if (!isAllowed) throw new AppError('forbidden', 'This origin may not call the API from a browser.');
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
      c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      c.header('Vary', 'Origin');
      return c.body(null, 204);
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (!isAllowed) return;
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  });
}
