import {
  claimTwoFactorChallenge,
  findLiveTwoFactorChallenge,
  insertTwoFactorChallenge,
} from '../../db/stores/two-factor-store.ts';
import { AppError } from '../../domain/errors.ts';
import { generateToken, hashToken } from '../../security/secure-token.ts';
import { createAuthSession, deleteAuthSession, type SessionContext } from '../auth-sessions.ts';
import type { ServiceDeps } from '../deps.ts';
import { verifySecondFactor } from './verify-second-factor.ts';

/** How long a person has, after the password, to type the second factor. */
export const CHALLENGE_MINUTES = 10;
export const SIGN_IN_EXPIRED = 'This sign-in took too long or was finished elsewhere. Log in again.';

/**
 * Remembers that the first step of signing in as `userId` succeeded (the password, or a passkey
 * the authenticator did not verify the person with) and a second factor is due: a short-lived,
 * single-use record (not a session). `passkeyAllowed: false` when a passkey was the first step.
 * Returns the token for the cookie; only its hash is stored.
 */
export async function startTwoFactorChallenge(
  deps: ServiceDeps,
  userId: string,
  remember: boolean,
  options: { passkeyAllowed: boolean } = { passkeyAllowed: true },
): Promise<{ token: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000);
  await insertTwoFactorChallenge(deps.db, {
    id: hashToken(token),
    userId,
    remember,
    passkeyAllowed: options.passkeyAllowed,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** Whether a challenge token is live (for showing the second step). */
export async function isTwoFactorChallengeLive(deps: ServiceDeps, token: string): Promise<boolean> {
  if (token.length < 20 || token.length > 100) return false;
  return (await findLiveTwoFactorChallenge(deps.db, hashToken(token), deps.clock.now())) !== undefined;
}

/**
 * The second step of signing in: with a live challenge and a right code (or an unused recovery
 * code), the challenge is used up and a session starts (a fresh id, like logIn). Throws
 * 'auth.challenge_expired', 'rate_limited', 'validation' and 'auth.wrong_code'.
 */
export async function completeTwoFactorSignIn(
  deps: ServiceDeps,
  input: { challengeToken: string; code: unknown; previousSessionId?: string | undefined },
  context: SessionContext,
): Promise<{ token: string; userId: string; remember: boolean; usedRecoveryCode: boolean }> {
  const token = input.challengeToken;
  const id = hashToken(token);
  const challenge =
    token.length >= 20 && token.length <= 100
      ? await findLiveTwoFactorChallenge(deps.db, id, deps.clock.now())
      : undefined;
  if (!challenge) throw new AppError('auth.challenge_expired', SIGN_IN_EXPIRED);
  const accepted = await verifySecondFactor(deps, {
    userId: challenge.userId,
    code: input.code,
    ip: context.ip,
    field: 'code',
    allowsRecoveryCode: true,
  });
  const session = await finishTwoFactorChallenge(deps, id, challenge, input.previousSessionId, context);
  return { ...session, usedRecoveryCode: accepted.kind === 'recovery' };
}

/** The live challenge behind a cookie token (who is signing in), or undefined. */
export async function findTwoFactorChallenge(
  deps: ServiceDeps,
  token: string,
): Promise<{ id: string; userId: string; remember: boolean; passkeyAllowed: boolean } | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const id = hashToken(token);
  const challenge = await findLiveTwoFactorChallenge(deps.db, id, deps.clock.now());
  return challenge ? { id, ...challenge } : undefined;
}

/**
 * After a second factor was accepted: uses the challenge up (once, even with two answers racing)
 * and starts the session, ending the browser's previous one. Throws 'auth.challenge_expired'.
 */
export async function finishTwoFactorChallenge(
  deps: ServiceDeps,
  id: string,
  challenge: { userId: string; remember: boolean },
  previousSessionId: string | undefined,
  context: SessionContext,
): Promise<{ token: string; userId: string; remember: boolean }> {
  return deps.db.transaction(async (tx) => {
    if (!(await claimTwoFactorChallenge(tx, id, deps.clock.now()))) {
      throw new AppError('auth.challenge_expired', SIGN_IN_EXPIRED);
    }
    if (previousSessionId) await deleteAuthSession(tx, previousSessionId);
    const session = await createAuthSession(deps, tx, challenge.userId, {
      remember: challenge.remember,
      ...context,
    });
    return { token: session.token, userId: challenge.userId, remember: challenge.remember };
  });
}
