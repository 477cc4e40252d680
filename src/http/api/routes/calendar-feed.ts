import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type CalendarFeed as Feed,
  getFeed,
  revokeFeed,
  rotateFeed,
} from '../../../services/calendar-feed.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { calendarFeedUrl } from '../../calendar-feed-url.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors, jsonResponse, Timestamp } from '../schemas.ts';

const CalendarFeed = z
  .object({
    enabled: z.boolean(),
    url: z.string().nullable().openapi({
      description:
        'The private iCalendar address (`…/calendar/<token>.ics`) to subscribe to; null while the feed is off. Anyone holding it can read your sessions.',
      example: 'https://deepsheet.example.com/calendar/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11.Qm9i….ics',
    }),
    createdAt: Timestamp.nullable(),
    lastFetchedAt: Timestamp.nullable().openapi({
      description: 'When a calendar app last read the feed, to within a few minutes.',
    }),
  })
  .openapi('CalendarFeed');

const tags = ['Calendar feed'];

const get = createRoute({
  method: 'get',
  path: '/calendar-feed',
  operationId: 'getCalendarFeed',
  tags,
  summary: 'Your private calendar feed: its address, or that it is off',
  responses: { 200: jsonResponse(CalendarFeed, 'The feed'), ...commonErrors },
});

const create = createRoute({
  method: 'post',
  path: '/calendar-feed',
  operationId: 'createCalendarFeed',
  tags,
  summary: 'Turn the feed on with a new address; an address given before stops working',
  responses: { 201: jsonResponse(CalendarFeed, 'The feed and its new address'), ...commonErrors },
});

const remove = createRoute({
  method: 'delete',
  path: '/calendar-feed',
  operationId: 'deleteCalendarFeed',
  tags,
  summary: 'Turn the feed off; its address answers 404 from now on',
  responses: { 204: { description: 'Off (also when it was off already)' }, ...commonErrors },
});

export function calendarFeedRoutes(deps: ServiceDeps) {
  const present = (feed: Feed | null, requestUrl: string) =>
    feed
      ? {
          enabled: true,
          url: calendarFeedUrl(deps.config.appUrl, requestUrl, feed),
          createdAt: feed.createdAt.toISOString(),
          lastFetchedAt: feed.lastFetchedAt?.toISOString() ?? null,
        }
      : { enabled: false, url: null, createdAt: null, lastFetchedAt: null };

  return new OpenAPIHono<ApiEnv>()
    .openapi(get, async (c) => c.json(present(await getFeed(deps, c.get('actor')), c.req.url), 200))
    .openapi(create, async (c) => c.json(present(await rotateFeed(deps, c.get('actor')), c.req.url), 201))
    .openapi(remove, async (c) => {
      await revokeFeed(deps, c.get('actor'));
      return c.body(null, 204);
    });
}
