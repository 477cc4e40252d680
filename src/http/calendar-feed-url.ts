import type { CalendarFeed } from '../services/calendar-feed.ts';

/**
 * The full address of a calendar feed: under APP_URL when it is set (the address people and
 * calendar services reach), else under the origin this request came to.
 */
export function calendarFeedUrl(appUrl: string | undefined, requestUrl: string, feed: CalendarFeed): string {
  return `${appUrl ?? new URL(requestUrl).origin}${feed.path}`;
}
