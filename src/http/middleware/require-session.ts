import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';

/** Pages for signed-in people: others are sent to log in and brought back afterwards. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('session')) {
    const url = new URL(c.req.url);
    const next = `${url.pathname}${url.search}`;
    return c.redirect(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, 303);
  }
  c.header('Cache-Control', 'no-store');
  await next();
});
