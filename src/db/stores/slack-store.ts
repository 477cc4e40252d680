import { and, eq, gt } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { type SlackConnectionRow, slackConnections, slackOauthStates } from '../schema/index.ts';

export type SlackConnectionChange = Partial<Omit<SlackConnectionRow, 'id' | 'userId' | 'createdAt'>>;

/** The person's Slack connection, or undefined when they have none. */
export async function findSlackConnection(
  db: Executor,
  userId: string,
): Promise<SlackConnectionRow | undefined> {
  const rows = await db.select().from(slackConnections).where(eq(slackConnections.userId, userId));
  return rows[0];
}

/**
 * Stores a (new or renewed) connection: a renewed one keeps its settings and what it remembered
 * of the person's own status, so connecting again mid-session still restores theirs.
 */
export async function upsertSlackConnection(
  db: Executor,
  values: Pick<SlackConnectionRow, 'userId' | 'sealedToken' | 'teamId' | 'teamName' | 'slackUserId'> &
    SlackConnectionChange,
  now: Date,
): Promise<SlackConnectionRow> {
  const fresh = {
    ...values,
    status: 'connected' as const,
    disconnectedReason: null,
    disconnectedAt: null,
    updatedAt: now,
  };
  const rows = await db
    .insert(slackConnections)
    .values({ ...fresh, createdAt: now })
    .onConflictDoUpdate({ target: slackConnections.userId, set: fresh })
    .returning();
  return rows[0]!;
}

export async function updateSlackConnection(
  db: Executor,
  userId: string,
  change: SlackConnectionChange,
  now: Date,
): Promise<SlackConnectionRow | undefined> {
  const rows = await db
    .update(slackConnections)
    .set({ ...change, updatedAt: now })
    .where(eq(slackConnections.userId, userId))
    .returning();
  return rows[0];
}

export async function deleteSlackConnection(db: Executor, userId: string): Promise<void> {
  await db.delete(slackConnections).where(eq(slackConnections.userId, userId));
}

export async function insertSlackOauthState(
  db: Executor,
  values: typeof slackOauthStates.$inferInsert,
): Promise<void> {
  await db.insert(slackOauthStates).values(values);
}

/** Deletes and answers the state if it is live and belongs to this sign-in: each is used once. */
export async function consumeSlackOauthState(
  db: Executor,
  stateHash: string,
  owner: { userId: string; signInId: string },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .delete(slackOauthStates)
    .where(
      and(
        eq(slackOauthStates.stateHash, stateHash),
        eq(slackOauthStates.userId, owner.userId),
        eq(slackOauthStates.signInId, owner.signInId),
        gt(slackOauthStates.expiresAt, now),
      ),
    )
    .returning({ stateHash: slackOauthStates.stateHash });
  return rows.length === 1;
}
