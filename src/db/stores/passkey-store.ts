import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { PasskeyPurpose } from '../../domain/passkey-rules.ts';
import type { Executor } from '../client.ts';
import { type PasskeyRow, passkeys, webauthnChallenges } from '../schema/index.ts';

export async function insertWebauthnChallenge(
  db: Executor,
  row: {
    challenge: string;
    userId: string | null;
    purpose: PasskeyPurpose;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insert(webauthnChallenges).values(row);
}

/**
 * Uses up a live challenge of this purpose (and person, when one is named): one conditional
 * UPDATE, so of two answers carrying the same challenge, on any instances, only one gets past.
 */
export async function claimWebauthnChallenge(
  db: Executor,
  input: { challenge: string; purpose: PasskeyPurpose; userId: string | null; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(webauthnChallenges)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(webauthnChallenges.challenge, input.challenge),
        eq(webauthnChallenges.purpose, input.purpose),
        input.userId === null
          ? isNull(webauthnChallenges.userId)
          : eq(webauthnChallenges.userId, input.userId),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, input.now),
      ),
    )
    .returning({ challenge: webauthnChallenges.challenge });
  return rows.length > 0;
}

export async function pruneWebauthnChallenges(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .delete(webauthnChallenges)
    .where(lt(webauthnChallenges.expiresAt, now))
    .returning({ challenge: webauthnChallenges.challenge });
  return rows.length;
}

/** The person's passkeys, oldest first. */
export async function listPasskeysOf(db: Executor, userId: string): Promise<PasskeyRow[]> {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt));
}

export async function findPasskey(db: Executor, id: string): Promise<PasskeyRow | undefined> {
  return (await db.select().from(passkeys).where(eq(passkeys.id, id)))[0];
}

export async function hasPasskeys(db: Executor, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .limit(1);
  return rows.length > 0;
}

/** Stores a new passkey; false when a passkey with this credential id exists already. */
export async function insertPasskey(db: Executor, row: typeof passkeys.$inferInsert): Promise<boolean> {
  const rows = await db.insert(passkeys).values(row).onConflictDoNothing().returning({ id: passkeys.id });
  return rows.length > 0;
}

/**
 * Records a use: the new counter and when. Conditional on the counter rule (0 may stay 0,
 * otherwise it must grow), so two instances never both accept one counter value.
 */
export async function recordPasskeyUse(
  db: Executor,
  id: string,
  counter: number,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(passkeys)
    .set({ counter, lastUsedAt: now })
    .where(and(eq(passkeys.id, id), counter === 0 ? eq(passkeys.counter, 0) : lt(passkeys.counter, counter)))
    .returning({ id: passkeys.id });
  return rows.length > 0;
}

/** Deletes one of the person's passkeys; false when they have none with this id. */
export async function deletePasskeyOf(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning({ id: passkeys.id });
  return rows.length > 0;
}
