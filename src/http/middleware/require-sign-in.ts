import { createMiddleware } from 'hono/factory';
import { type AppEnv, actorOf } from '../context.ts';

/**
 * Pages for signed-in people: others are sent to log in and brought back afterwards. Sets the
 * typed `actor` the page handlers pass to services (only routes behind this read it).
 */
export const requireSignIn = createMiddleware<AppEnv>(async (c, next) => {
  const signIn = c.get('signIn');
  if (!signIn) {
    const url = new URL(c.req.url);
    const next = `${url.pathname}${url.search}`;
    return c.redirect(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, 303);
  }
  c.set('actor', actorOf(signIn));
  c.header('Cache-Control', 'no-store');
  await next();
});
