import { and, count, eq, gt, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { recoveryCodes, twoFactorChallenges, type UserTotpRow, userTotp } from '../schema/index.ts';

/** The person's TOTP row, confirmed or still being set up. */
export async function findTotp(db: Executor, userId: string): Promise<UserTotpRow | undefined> {
  return (await db.select().from(userTotp).where(eq(userTotp.userId, userId)))[0];
}

/** Whether two-factor sign-in is on for the person (a confirmed secret). */
export async function hasConfirmedTotp(db: Executor, userId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: userTotp.userId })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)));
  return rows.length > 0;
}

/**
 * Stores a new, unconfirmed secret, replacing an earlier unconfirmed one; a confirmed secret is
 * never replaced here. Returns whether it was stored.
 */
export async function saveUnconfirmedTotp(
  db: Executor,
  userId: string,
  sealedSecret: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .insert(userTotp)
    .values({ userId, sealedSecret, createdAt: now })
    .onConflictDoUpdate({
      target: userTotp.userId,
      set: { sealedSecret, createdAt: now, lastAcceptedStep: null },
      setWhere: isNull(userTotp.confirmedAt),
    })
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

/**
 * Records `step` as the last accepted one, only if it is later than the stored one: the single
 * conditional UPDATE that lets exactly one of several instances accept a code. `confirming` takes
 * an unconfirmed secret and turns two-factor sign-in on in the same statement.
 */
export async function acceptTotpStep(
  db: Executor,
  userId: string,
  step: number,
  options: { confirming: boolean; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set(
      options.confirming ? { lastAcceptedStep: step, confirmedAt: options.now } : { lastAcceptedStep: step },
    )
    .where(
      and(
        eq(userTotp.userId, userId),
        options.confirming ? isNull(userTotp.confirmedAt) : isNotNull(userTotp.confirmedAt),
        or(isNull(userTotp.lastAcceptedStep), lt(userTotp.lastAcceptedStep, step)),
      ),
    )
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

/** Replaces every recovery code of the person with these hashes (the old ones stop working). */
export async function replaceRecoveryCodes(
  db: Executor,
  userId: string,
  codeHashes: readonly string[],
  now: Date,
): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
}

/** Uses up an unused recovery code; false when it is unknown or used already (conditional UPDATE). */
export async function useRecoveryCode(
  db: Executor,
  userId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows[0]?.n ?? 0;
}

/** Forgets the secret, the recovery codes and any sign-in waiting for a second factor. */
export async function deleteTwoFactor(db: Executor, userId: string): Promise<void> {
  await db.delete(userTotp).where(eq(userTotp.userId, userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await deleteTwoFactorChallenges(db, userId);
}

export async function insertTwoFactorChallenge(
  db: Executor,
  row: {
    id: string;
    userId: string;
    remember: boolean;
    passkeyAllowed: boolean;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insert(twoFactorChallenges).values(row);
}

export async function findLiveTwoFactorChallenge(
  db: Executor,
  id: string,
  now: Date,
): Promise<{ userId: string; remember: boolean; passkeyAllowed: boolean } | undefined> {
  const rows = await db
    .select({
      userId: twoFactorChallenges.userId,
      remember: twoFactorChallenges.remember,
      passkeyAllowed: twoFactorChallenges.passkeyAllowed,
    })
    .from(twoFactorChallenges)
    .where(and(eq(twoFactorChallenges.id, id), gt(twoFactorChallenges.expiresAt, now)));
  return rows[0];
}

/** Takes a live challenge away (single use); false when it expired or another request took it. */
export async function claimTwoFactorChallenge(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .delete(twoFactorChallenges)
    .where(and(eq(twoFactorChallenges.id, id), gt(twoFactorChallenges.expiresAt, now)))
    .returning({ id: twoFactorChallenges.id });
  return rows.length > 0;
}

export async function deleteTwoFactorChallenges(db: Executor, userId: string): Promise<void> {
  await db.delete(twoFactorChallenges).where(eq(twoFactorChallenges.userId, userId));
}

export async function pruneTwoFactorChallenges(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .delete(twoFactorChallenges)
    .where(lt(twoFactorChallenges.expiresAt, now))
    .returning({ id: twoFactorChallenges.id });
  return rows.length;
}
