import { Hono } from 'hono';
import { isAppError } from '../domain/errors.ts';
import { readFeedCalendar } from '../services/calendar-feed.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { AppEnv } from './context.ts';

/**
 * The private calendar feed, `GET /calendar/<token>.ics`: public, because calendar apps send no
 * cookie and no header; the token in the path is the credential (see services/calendar-feed.ts).
 * Answers plain text errors, since the reader is a calendar app and not a person on a page.
 * The request log leaves the token out (middleware/request-id.ts).
 */
export function publicCalendarFeedRoutes(deps: ServiceDeps) {
  const app = new Hono<AppEnv>();
  const host = deps.config.appUrl ? new URL(deps.config.appUrl).host : undefined;

  app.get('/:file', async (c) => {
    const file = c.req.param('file');
    // Personal data under a secret address: no cache keeps a copy, as for every signed-in answer.
    // Calendar apps fetch hourly at most, so a shared or local cache would save next to nothing.
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    // Anything but `<token>.ics` is simply a token that does not exist.
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    try {
      const text = await readFeedCalendar(deps, token, {
        ip: c.get('clientIp'),
        host: host ?? new URL(c.req.url).host,
      });
      return c.body(text, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') {
        return c.text('This calendar link does not exist, or it was turned off or replaced.', 404);
      }
      if (isAppError(error) && error.code === 'rate_limited') {
        c.header('Retry-After', String(error.details?.retryAfterSeconds ?? 60));
        return c.text(error.message, 429);
      }
      throw error;
    }
  });

  return app;
}
