import { type Context, Hono } from 'hono';
import { enableFeed, getFeed, revokeFeed, rotateFeed } from '../../services/calendar-feed.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { calendarFeedUrl } from '../calendar-feed-url.ts';
import type { AppEnv } from '../context.ts';
import type { CalendarFeedView } from './settings-calendar-feed.tsx';

/** The notices shown after each change, keyed by the `saved` query value of the redirect. */
export const CALENDAR_FEED_NOTICES: Record<string, string> = {
  'calendar-feed': 'Your private calendar link is ready.',
  'calendar-feed-rotated': 'Here is a new calendar link. The old one no longer works.',
  'calendar-feed-off': 'The calendar feed is off. Its link no longer works.',
};

/** The settings section's view of the signed-in person's feed. */
export async function calendarFeedViewOf(deps: ServiceDeps, c: Context<AppEnv>): Promise<CalendarFeedView> {
  const feed = await getFeed(deps, c.get('actor'));
  return feed
    ? { url: calendarFeedUrl(deps.config.appUrl, c.req.url, feed), lastFetchedAt: feed.lastFetchedAt }
    : null;
}

/**
 * Settings › Calendar feed forms, mounted under /settings/calendar-feed behind the settings
 * pages' session check; the global CSRF middleware has checked every POST.
 */
export function calendarFeedSettingsRoutes(deps: ServiceDeps) {
  const app = new Hono<AppEnv>();
  const back = (saved: string) => `/settings?saved=${saved}#calendar-feed`;

  app.post('/', async (c) => {
    await enableFeed(deps, c.get('actor'));
    return c.redirect(back('calendar-feed'), 303);
  });
  app.post('/rotate', async (c) => {
    await rotateFeed(deps, c.get('actor'));
    return c.redirect(back('calendar-feed-rotated'), 303);
  });
  app.post('/revoke', async (c) => {
    await revokeFeed(deps, c.get('actor'));
    return c.redirect(back('calendar-feed-off'), 303);
  });
  return app;
}
