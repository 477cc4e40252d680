import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { teamMembers, userEvents } from '../db/schema/index.ts';
import { queueWebhooks } from '../db/stores/webhook-outbox.ts';
import type { DeepsheetEvent } from '../domain/events.ts';
import { isTeamWebhookEvent } from '../domain/webhook-events.ts';

/** An event as recorded for one person, with the id streams resume from. */
export type PushedEvent = { id: number; userId: string; event: DeepsheetEvent };

export const EVENTS_CHANNEL = 'deepsheet_events';
// NOTIFY payloads are limited to 8000 bytes; larger events are read back by id.
const MAX_INLINE_PAYLOAD = 7000;

/**
 * Records an event inside the caller's transaction and announces it with NOTIFY, which PostgreSQL
 * delivers only when that transaction commits: devices never hear of a change that rolled back.
 */
export async function recordEvent(
  tx: Executor,
  record: { userId: string; event: DeepsheetEvent; at: Date },
): Promise<number> {
  const { userId, event, at } = record;
  // Stored and announced as type + data, the fields without the type (as the log has always held).
  const { type, ...data } = event;
  const inserted = await tx
    .insert(userEvents)
    .values({ userId, type, payload: data, createdAt: at })
    .returning({ id: userEvents.id });
  const id = inserted[0]!.id;
  const full = JSON.stringify({ id, userId, type, data });
  const message = full.length <= MAX_INLINE_PAYLOAD ? full : JSON.stringify({ id, userId, type });
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${message})`);
  return id;
}

/**
 * The event a log row or notice holds. Only recordEvent writes them, from a typed event, so the
 * parts are trusted rather than parsed again (a type a newer instance added still passes through).
 */
export function storedEvent(type: string, data: unknown): DeepsheetEvent {
  // The type first: on the wire an event reads `{"type": …, …fields}`.
  return { type, ...(data as object) } as DeepsheetEvent;
}

export const AUTH_CHANNEL = 'deepsheet_auth';

/**
 * Tells every instance that some of a person's sign-in sessions or tokens ended, so their open
 * event streams re-check their credentials and close if they no longer hold. Delivered on commit.
 */
export async function announceAuthChange(tx: Executor, userId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${AUTH_CHANNEL}, ${userId})`);
}

/**
 * Records a team event for every member of the team (and for `alsoTo`, such as a person just
 * removed), inside the caller's transaction. The members are read in that transaction after its
 * lock on the team (services/teams/team-access), so an event about a change reaches exactly the
 * people who are members when that change commits.
 */
export async function recordTeamEvent(
  tx: Executor,
  record: { teamId: string; event: DeepsheetEvent; at: Date; alsoTo?: readonly string[] },
): Promise<void> {
  const members = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, record.teamId))
    .orderBy(teamMembers.userId);
  const recipients = new Set([...members.map((m) => m.userId), ...(record.alsoTo ?? [])]);
  for (const userId of recipients) await recordEvent(tx, { userId, event: record.event, at: record.at });
  // Webhooks (issue 15): the same outbox transaction, to the team's and its members' endpoints.
  const { type, ...data } = record.event;
  if (isTeamWebhookEvent(type))
    await queueWebhooks(tx, { teamId: record.teamId, event: type, data, at: record.at });
}
