import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';

/**
 * Whatever is answered to a signed-in person or a token holder is theirs alone: no browser cache,
 * proxy or back button may keep it (a shared computer after sign-out). One place for every page,
 * fragment, API answer and error, instead of each route remembering it.
 */
export const noStoreWhenAuthenticated = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.get('signIn') && c.req.header('authorization') === undefined) return;
  // A route may say more (`no-store, no-transform` keeps a streamed export from being buffered).
  if (!/\bno-store\b/i.test(c.res.headers.get('Cache-Control') ?? ''))
    c.res.headers.set('Cache-Control', 'no-store');
});
