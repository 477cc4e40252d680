import { and, eq, gt, isNull } from 'drizzle-orm';
import { emailVerifications, users } from '../db/schema/index.ts';
import { hitRateLimit } from '../db/stores/rate-limit-store.ts';
import { AppError } from '../domain/errors.ts';
import { generateToken, hashToken } from '../security/secure-token.ts';
import type { ServiceDeps } from './deps.ts';

export const VERIFY_LINK_HOURS = 24;
const VERIFY_RULE = { limit: 5, windowSeconds: 3600 };

/**
 * Mails the person a single-use link that proves they read their account's email; a provider
 * sign-in links to an existing account by email only once this is done. Does nothing for an
 * address already verified. Throws 'rate_limited' (per account), 'not_found'.
 */
export async function sendEmailVerification(deps: ServiceDeps, userId: string): Promise<void> {
  const now = deps.clock.now();
  const user = (await deps.db.select().from(users).where(eq(users.id, userId)))[0];
  if (!user) throw new AppError('not_found', 'Account not found.');
  if (user.emailVerifiedAt) return;
  const limit = await hitRateLimit(deps.db, `verify-email:account:${user.id}`, VERIFY_RULE, now);
  if (!limit.allowed) {
    throw new AppError(
      'rate_limited',
      'We sent several links already. Please check your inbox or try later.',
      {
        details: { retryAfterSeconds: limit.retryAfterSeconds },
      },
    );
  }
  const token = generateToken();
  await deps.db.insert(emailVerifications).values({
    tokenHash: hashToken(token),
    userId: user.id,
    email: user.email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + VERIFY_LINK_HOURS * 3_600_000),
  });
  const base = deps.config.appUrl ?? `http://localhost:${deps.config.port}`;
  await deps.mailer.send({
    to: user.email,
    subject: 'Verify your email for Deepsheet',
    text: `To confirm that this address belongs to your Deepsheet account, open this link within ${VERIFY_LINK_HOURS} hours:\n${base}/verify-email/${token}\n\nIf you did not ask for it, ignore this message.`,
  });
}

/**
 * Uses a verification link: marks the account's email verified, if it is still the address the
 * link was sent to. Throws 'bad_request' for an unknown, used or expired link.
 */
export async function verifyEmail(deps: ServiceDeps, token: string): Promise<{ userId: string }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const claimed = await tx
      .update(emailVerifications)
      .set({ usedAt: now })
      .where(
        and(
          eq(emailVerifications.tokenHash, hashToken(String(token).slice(0, 100))),
          isNull(emailVerifications.usedAt),
          gt(emailVerifications.expiresAt, now),
        ),
      )
      .returning({ userId: emailVerifications.userId, email: emailVerifications.email });
    const link = claimed[0];
    if (!link)
      throw new AppError(
        'bad_request',
        'This verification link has expired or was already used. Send a new one from Settings.',
      );
    await tx
      .update(users)
      .set({ emailVerifiedAt: now, updatedAt: now })
      .where(and(eq(users.id, link.userId), eq(users.email, link.email), isNull(users.emailVerifiedAt)));
    return { userId: link.userId };
  });
}
