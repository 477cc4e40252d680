import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResets, users } from '../db/schema/index.ts';
import { hitRateLimit } from '../db/stores/rate-limit-store.ts';
import { deleteTwoFactorChallenges } from '../db/stores/two-factor-store.ts';
import { AppError } from '../domain/errors.ts';
import { generateToken, hashToken } from '../security/secure-token.ts';
import { deleteOtherAuthSessions } from './auth-sessions.ts';
import { findUserByEmail, setUserPassword } from './create-user.ts';
import type { ServiceDeps } from './deps.ts';

export const RESET_LINK_MINUTES = 30;
const RESET_RULES = {
  ip: { limit: 20, windowSeconds: 3600 },
  account: { limit: 5, windowSeconds: 3600 },
};

/**
 * Sends a single-use reset link when the email has an account. The answer is the same either way,
 * so the form does not reveal which emails exist. Throws only 'rate_limited' (per IP).
 */
export async function requestPasswordReset(deps: ServiceDeps, rawEmail: string, ip: string): Promise<void> {
  const now = deps.clock.now();
  const byIp = await hitRateLimit(deps.db, `reset:ip:${ip}`, RESET_RULES.ip, now);
  if (!byIp.allowed) {
    throw new AppError('rate_limited', 'Too many reset requests. Please try again later.', {
      details: { retryAfterSeconds: byIp.retryAfterSeconds },
    });
  }
  const email = String(rawEmail ?? '')
    .trim()
    .toLowerCase()
    .slice(0, 254);
  const user = email ? await findUserByEmail(deps.db, email) : undefined;
  if (!user) return;
  // Per-account limit answers silently, so it neither reveals the account nor floods its inbox.
  const byAccount = await hitRateLimit(deps.db, `reset:account:${user.id}`, RESET_RULES.account, now);
  if (!byAccount.allowed) return;
  const token = generateToken();
  await deps.db.insert(passwordResets).values({
    tokenHash: hashToken(token),
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
  });
  const base = deps.config.appUrl ?? `http://localhost:${deps.config.port}`;
  const link = `${base}/reset-password/${token}`;
  // An account opened through a sign-in provider has no password yet: the same link sets one.
  await deps.mailer.send(
    user.passwordHash === null
      ? {
          to: user.email,
          subject: 'Set a password for Deepsheet',
          text: `Someone asked to set a password for your Deepsheet account, which you sign in to through a provider.\n\nTo choose one, open this link within ${RESET_LINK_MINUTES} minutes:\n${link}\n\nIf it was not you, ignore this message; nothing changes.`,
        }
      : {
          to: user.email,
          subject: 'Reset your Deepsheet password',
          text: `Someone asked to reset the password of your Deepsheet account.\n\nTo choose a new password, open this link within ${RESET_LINK_MINUTES} minutes:\n${link}\n\nIf it was not you, ignore this message; your password stays as it is.`,
        },
  );
}

/** Whether a reset token is live (for showing the form). */
export async function isResetTokenLive(deps: ServiceDeps, token: string): Promise<boolean> {
  const rows = await deps.db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, deps.clock.now()),
      ),
    );
  return rows.length > 0;
}

/**
 * Sets a new password with a live token, uses the token up, and signs out every session of the
 * account. It signs nobody in, so an account with two-factor sign-in still needs its code.
 * Throws 'auth.reset_invalid' for unknown, used or expired tokens, and 'validation'.
 */
export async function resetPassword(
  deps: ServiceDeps,
  token: string,
  password: string,
): Promise<{ userId: string }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const claimed = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, hashToken(String(token))),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId });
    const userId = claimed[0]?.userId;
    if (!userId)
      throw new AppError(
        'auth.reset_invalid',
        'This reset link has expired or was already used. Ask for a new one.',
      );
    const user = (await tx.select().from(users).where(eq(users.id, userId)))[0]!;
    await setUserPassword(deps, tx, user, password);
    // The link reached the account's mailbox: that verifies the address as well.
    if (!user.emailVerifiedAt)
      await tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, userId));
    await deleteOtherAuthSessions(tx, userId);
    // A sign-in waiting for its second factor proved the old password: it ends too. Two-factor
    // sign-in itself stays on: a reset link proves the mailbox, not the second factor.
    await deleteTwoFactorChallenges(tx, userId);
    // Other outstanding links for this account die with this one.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
    return { userId };
  });
}
