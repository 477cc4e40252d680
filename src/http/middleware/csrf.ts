import { createMiddleware } from 'hono/factory';
import { AppError } from '../../domain/errors.ts';
import { safeEqual } from '../../security/secure-token.ts';
import type { AppEnv } from '../context.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every cookie-authenticated write must come from our own pages: the browser's Fetch-Metadata and
 * Origin must say same-origin, and the request must carry the CSRF token (form field `_csrf` or
 * header `X-CSRF-Token`). Bearer-token API calls carry no ambient credentials and are exempt.
 */
export function csrfProtection(options: {
  appOrigin: string | undefined;
  exempt: (path: string) => boolean;
}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || options.exempt(c.req.path)) return next();
    if (c.req.header('authorization')?.toLowerCase().startsWith('bearer ')) return next();
    // An API call without a session cookie has no ambient credentials to abuse: the API answers 401.
    if (c.req.path.startsWith('/api/') && !c.get('signIn')) return next();

    const fetchSite = c.req.header('sec-fetch-site');
    if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      throw new AppError('csrf', 'This request came from another site and was refused.');
    }
    const origin = c.req.header('origin');
    const expectedOrigin = options.appOrigin ?? new URL(c.req.url).origin;
    if (origin && origin !== expectedOrigin) {
      throw new AppError('csrf', 'This request came from another site and was refused.');
    }
    let submitted = c.req.header('x-csrf-token');
    if (!submitted) {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
        // A body that does not parse carries no token either.
        const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
        submitted = typeof body._csrf === 'string' ? body._csrf : undefined;
      }
    }
    if (!submitted || !safeEqual(submitted, c.get('csrfToken'))) {
      throw new AppError('csrf', 'Your form expired. Please reload the page and try again.');
    }
    return next();
  });
}
