import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { userEvents } from '../db/schema/index.ts';

/** The changes pushed to a person's open devices. */
export type UserEventType =
  | 'session.updated'
  | 'preferences.updated'
  | 'day.updated'
  | 'insights.updated'
  | 'export.updated';

export type PushedEvent = { id: number; userId: string; type: UserEventType; data: Record<string, unknown> };

export const EVENTS_CHANNEL = 'deepsheet_events';
// NOTIFY payloads are limited to 8000 bytes; larger events are read back by id.
const MAX_INLINE_PAYLOAD = 7000;

/**
 * Records an event inside the caller's transaction and announces it with NOTIFY, which PostgreSQL
 * delivers only when that transaction commits: devices never hear of a change that rolled back.
 */
export async function recordEvent(
  tx: Executor,
  event: { userId: string; type: UserEventType; data: Record<string, unknown>; at: Date },
): Promise<number> {
  const inserted = await tx
    .insert(userEvents)
    .values({ userId: event.userId, type: event.type, payload: event.data, createdAt: event.at })
    .returning({ id: userEvents.id });
  const id = inserted[0]!.id;
  const full = JSON.stringify({ id, userId: event.userId, type: event.type, data: event.data });
  const message =
    full.length <= MAX_INLINE_PAYLOAD ? full : JSON.stringify({ id, userId: event.userId, type: event.type });
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${message})`);
  return id;
}

export const AUTH_CHANNEL = 'deepsheet_auth';

/**
 * Tells every instance that some of a person's sign-in sessions or tokens ended, so their open
 * event streams re-check their credentials and close if they no longer hold. Delivered on commit.
 */
export async function announceAuthChange(tx: Executor, userId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${AUTH_CHANNEL}, ${userId})`);
}
