import { and, asc, count, eq, gt, lt } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { type OauthFlowRow, oauthFlows, type UserIdentityRow, userIdentities } from '../schema/index.ts';

/** The identity a provider's (provider, subject) is linked to, if any. */
export async function findIdentity(
  db: Executor,
  provider: string,
  subject: string,
): Promise<UserIdentityRow | undefined> {
  const rows = await db
    .select()
    .from(userIdentities)
    .where(and(eq(userIdentities.provider, provider), eq(userIdentities.subject, subject)));
  return rows[0];
}

/** A person's linked identities, oldest first. */
export async function listIdentities(db: Executor, userId: string): Promise<UserIdentityRow[]> {
  return db
    .select()
    .from(userIdentities)
    .where(eq(userIdentities.userId, userId))
    .orderBy(asc(userIdentities.createdAt), asc(userIdentities.id));
}

export async function countIdentities(db: Executor, userId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(userIdentities).where(eq(userIdentities.userId, userId));
  return rows[0]?.n ?? 0;
}

/**
 * Links (provider, subject) to `userId`, or leaves an existing link alone. Returns the owner the
 * identity has afterwards, which is another person's when someone linked it first.
 */
export async function linkIdentity(
  db: Executor,
  values: {
    userId: string;
    provider: string;
    subject: string;
    email: string | undefined;
    emailVerified: boolean;
  },
  now: Date,
): Promise<string> {
  await db
    .insert(userIdentities)
    .values({ ...values, email: values.email ?? null, createdAt: now, lastUsedAt: now })
    .onConflictDoNothing({ target: [userIdentities.provider, userIdentities.subject] });
  const found = await findIdentity(db, values.provider, values.subject);
  return found!.userId;
}

/** Remembers the sign-in and what the provider says about the email today (for display only). */
export async function touchIdentity(
  db: Executor,
  id: string,
  values: { email: string | undefined; emailVerified: boolean },
  now: Date,
): Promise<void> {
  await db
    .update(userIdentities)
    .set({ email: values.email ?? null, emailVerified: values.emailVerified, lastUsedAt: now })
    .where(eq(userIdentities.id, id));
}

/** Removes one of the person's identities; false when it is not theirs. */
export async function deleteIdentity(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(userIdentities)
    .where(and(eq(userIdentities.id, id), eq(userIdentities.userId, userId)))
    .returning({ id: userIdentities.id });
  return rows.length === 1;
}

export async function insertOauthFlow(db: Executor, row: typeof oauthFlows.$inferInsert): Promise<void> {
  await db.delete(oauthFlows).where(lt(oauthFlows.expiresAt, row.createdAt));
  await db.insert(oauthFlows).values(row);
}

/** Takes a live flow out of the table (single use): only one caller ever gets it. */
export async function claimOauthFlow(
  db: Executor,
  stateHash: string,
  provider: string,
  now: Date,
): Promise<OauthFlowRow | undefined> {
  const rows = await db
    .delete(oauthFlows)
    .where(
      and(
        eq(oauthFlows.stateHash, stateHash),
        eq(oauthFlows.provider, provider),
        gt(oauthFlows.expiresAt, now),
      ),
    )
    .returning();
  return rows[0];
}
