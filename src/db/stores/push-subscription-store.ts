import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { type PushSubscriptionRow, pushDeliveries, pushSubscriptions } from '../schema/index.ts';

export type NewPushSubscriptionRow = {
  userId: string;
  authSessionId: string | null;
  endpoint: string;
  p256dh: string;
  auth: string;
  userAgent: string;
};

/**
 * Stores a device's subscription. Its endpoint is unique: a browser subscribing again (new keys,
 * another sign-in on the same device) replaces its old row, which is then theirs and fresh.
 */
export async function saveSubscription(
  db: Executor,
  input: NewPushSubscriptionRow,
  now: Date,
): Promise<PushSubscriptionRow> {
  const changes = { ...input, createdAt: now, lastSuccessAt: null, needsResubscribe: false };
  const [row] = await db
    .insert(pushSubscriptions)
    .values(changes)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: changes })
    .returning();
  return row!;
}

export function listSubscriptions(db: Executor, userId: string): Promise<PushSubscriptionRow[]> {
  return db
    .select()
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(desc(pushSubscriptions.createdAt), desc(pushSubscriptions.id));
}

/** One of the person's subscriptions; another person's id is not found. */
export async function findSubscription(
  db: Executor,
  userId: string,
  id: string,
): Promise<PushSubscriptionRow | undefined> {
  const [row] = await db
    .select()
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.id, id)));
  return row;
}

export async function deleteSubscription(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.id, id)))
    .returning({ id: pushSubscriptions.id });
  return rows.length > 0;
}

/** What a push service's answer did to a subscription: 2xx, 404/410 (gone), 403 (our key refused). */
export async function recordPushAnswer(
  db: Executor,
  id: string,
  answer: 'sent' | 'gone' | 'refused',
  now: Date,
): Promise<void> {
  if (answer === 'gone') await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
  else
    await db
      .update(pushSubscriptions)
      .set(answer === 'sent' ? { lastSuccessAt: now, needsResubscribe: false } : { needsResubscribe: true })
      .where(eq(pushSubscriptions.id, id));
}

export type DeliveryKey = { subscriptionId: string; sessionId: string; plannedEnd: Date };

/**
 * Claims one time's-up push for one device; false when it was claimed already (by an earlier run
 * of the job, killed mid-send, or by another instance): the caller then sends nothing.
 */
export async function claimDelivery(db: Executor, key: DeliveryKey, now: Date): Promise<boolean> {
  const rows = await db
    .insert(pushDeliveries)
    .values({ ...key, claimedAt: now })
    .onConflictDoNothing()
    .returning({ id: pushDeliveries.subscriptionId });
  return rows.length > 0;
}

/** Gives a claim back after a push service said "try later", so the retry may send. */
export async function releaseDelivery(db: Executor, key: DeliveryKey): Promise<void> {
  await db
    .delete(pushDeliveries)
    .where(
      and(
        eq(pushDeliveries.subscriptionId, key.subscriptionId),
        eq(pushDeliveries.sessionId, key.sessionId),
        eq(pushDeliveries.plannedEnd, key.plannedEnd),
      ),
    );
}
