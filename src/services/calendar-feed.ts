import { and, between, eq, sql } from 'drizzle-orm';
import { type CalendarFeedRow, calendarFeeds, focusSessions, users } from '../db/schema/index.ts';
import { hitRateLimit, peekRateLimit, type RateRule } from '../db/stores/rate-limit-store.ts';
import { type FeedSession, feedWindow, sessionCalendar } from '../domain/calendar-feed.ts';
import { AppError } from '../domain/errors.ts';
import { hmac, safeEqual } from '../security/secure-token.ts';
import type { Actor, ServiceDeps } from './deps.ts';

/**
 * A person's private calendar feed. Its URL carries the feed's id and an HMAC of it under the
 * app's SECRET, so nothing secret is stored and the URL can be shown again at any time; deleting
 * the row revokes it, a new row (new id) gives a new URL.
 */
export type CalendarFeed = {
  id: string;
  createdAt: Date;
  lastFetchedAt: Date | null;
  /** The secret part of the URL: `<id>.<mac>`. */
  token: string;
  /** Where the feed is served, relative to the app's origin. */
  path: string;
};

/**
 * Throttling. Calendar services such as Google's fetch every subscriber's feed from a few shared
 * addresses, so successful fetches are counted per feed, not per address; only unknown or
 * tampered links are counted per address, which makes guessing slower still than the HMAC does.
 */
export const FEED_RULES = {
  perFeed: { limit: 60, windowSeconds: 10 * 60 },
  badLinkPerIp: { limit: 30, windowSeconds: 10 * 60 },
} satisfies Record<string, RateRule>;
/** last_fetched_at is shown to people ("last read by your calendar"): minutes are precise enough. */
const TOUCH_INTERVAL_MS = 5 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAC_LENGTH = 43; // base64url of 32 bytes

function macOf(secret: string, feedId: string): string {
  return hmac(secret, `calendar-feed:${feedId}`);
}

function present(deps: ServiceDeps, row: CalendarFeedRow): CalendarFeed {
  const token = `${row.id}.${macOf(deps.config.secret, row.id)}`;
  return {
    id: row.id,
    createdAt: row.createdAt,
    lastFetchedAt: row.lastFetchedAt,
    token,
    path: `/calendar/${token}.ics`,
  };
}

/** The actor's feed, or null while it is off. */
export async function getFeed(deps: ServiceDeps, actor: Actor): Promise<CalendarFeed | null> {
  const rows = await deps.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, actor.id));
  return rows[0] ? present(deps, rows[0]) : null;
}

/** Turns the actor's feed on, or returns the one already on (same URL). */
export async function enableFeed(deps: ServiceDeps, actor: Actor): Promise<CalendarFeed> {
  await deps.db
    .insert(calendarFeeds)
    .values({ userId: actor.id, createdAt: deps.clock.now() })
    .onConflictDoNothing({ target: calendarFeeds.userId });
  return (await getFeed(deps, actor))!;
}

/**
 * Gives the actor's feed a new URL, turning it on if it was off; the old URL stops working at
 * once. One statement: a new id replaces the old one, so there is never a moment with two links.
 */
export async function rotateFeed(deps: ServiceDeps, actor: Actor): Promise<CalendarFeed> {
  const now = deps.clock.now();
  const rows = await deps.db
    .insert(calendarFeeds)
    .values({ userId: actor.id, createdAt: now })
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { id: sql`gen_random_uuid()`, createdAt: now, lastFetchedAt: null },
    })
    .returning();
  return present(deps, rows[0]!);
}

/** Turns the actor's feed off; its URL then answers 404. Turning off a feed that is off is fine. */
export async function revokeFeed(deps: ServiceDeps, actor: Actor): Promise<void> {
  await deps.db.delete(calendarFeeds).where(eq(calendarFeeds.userId, actor.id));
}

/**
 * The feed a token names, with its owner's time zone, or null for anything else: malformed,
 * tampered (the HMAC is checked in constant time before the database is asked), or revoked.
 */
export async function feedByToken(
  deps: ServiceDeps,
  token: string,
): Promise<{ feed: CalendarFeedRow; timeZone: string } | null> {
  const [id, mac, extra] = token.split('.');
  if (!id || !mac || extra !== undefined || !UUID.test(id) || mac.length !== MAC_LENGTH) return null;
  if (!safeEqual(mac, macOf(deps.config.secret, id))) return null;
  const rows = await deps.db
    .select({ feed: calendarFeeds, timeZone: users.timeZone })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.id, id));
  return rows[0] ?? null;
}

async function sessionsInWindow(deps: ServiceDeps, userId: string, timeZone: string): Promise<FeedSession[]> {
  const window = feedWindow(deps.clock.now(), timeZone);
  return deps.db
    .select({
      id: focusSessions.id,
      localDate: focusSessions.localDate,
      slot: focusSessions.slot,
      goal: focusSessions.goal,
      state: focusSessions.state,
      plannedMinutes: focusSessions.plannedMinutes,
      extensionSeconds: focusSessions.extensionSeconds,
      startedAt: focusSessions.startedAt,
      endedAt: focusSessions.endedAt,
      focusSeconds: focusSessions.focusSeconds,
      loggedAfterwards: focusSessions.loggedAfterwards,
      outcome: focusSessions.outcome,
      outcomeNote: focusSessions.outcomeNote,
      version: focusSessions.version,
      updatedAt: focusSessions.updatedAt,
    })
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, userId), between(focusSessions.localDate, window.from, window.to)));
}

function tooMany(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', 'This calendar is fetched too often; try again in a few minutes.', {
    details: { retryAfterSeconds },
  });
}

/**
 * The iCalendar text of the feed a token names, for anyone holding the URL (no sign-in: calendar
 * apps have none). Reads only the owner's sessions in the feed window. `host` names this server
 * in event UIDs. Throws 'not_found' for an unknown, tampered or revoked token and 'rate_limited'.
 */
export async function readFeedCalendar(
  deps: ServiceDeps,
  token: string,
  context: { ip: string; host: string },
): Promise<string> {
  const now = deps.clock.now();
  const badKey = `calendar:bad-link:${context.ip}`;
  const guesses = await peekRateLimit(deps.db, badKey, FEED_RULES.badLinkPerIp, now);
  if (!guesses.allowed) throw tooMany(guesses.retryAfterSeconds);
  const found = await feedByToken(deps, token);
  if (!found) {
    await hitRateLimit(deps.db, badKey, FEED_RULES.badLinkPerIp, now);
    throw new AppError('not_found', 'This calendar link does not exist, or it was turned off or replaced.');
  }
  const { feed, timeZone } = found;
  const fetches = await hitRateLimit(deps.db, `calendar:feed:${feed.id}`, FEED_RULES.perFeed, now);
  if (!fetches.allowed) throw tooMany(fetches.retryAfterSeconds);
  if (!feed.lastFetchedAt || now.getTime() - feed.lastFetchedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await deps.db.update(calendarFeeds).set({ lastFetchedAt: now }).where(eq(calendarFeeds.id, feed.id));
  }
  const sessions = await sessionsInWindow(deps, feed.userId, timeZone);
  return sessionCalendar(sessions, { host: context.host, now, timeZone });
}
