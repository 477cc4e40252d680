import type { RateRule } from '../db/stores/rate-limit-store.ts';
import { hasConfirmedTotp } from '../db/stores/two-factor-store.ts';
import { AppError } from '../domain/errors.ts';
import { createAuthSession, deleteAuthSession, type SessionContext } from './auth-sessions.ts';
import { findUserByEmail } from './create-user.ts';
import type { ServiceDeps } from './deps.ts';
import { assertBudgetLeft, forgiveCounter, spendFailure } from './failure-budget.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { startTwoFactorChallenge } from './two-factor/two-factor-sign-in.ts';

/**
 * Throttling. Failures are counted per account-and-IP (tight) and per IP (loose), so a guesser is
 * slowed down while the owner, signing in from their own address, is not locked out by strangers.
 * A per-account ceiling catches slow distributed guessing.
 */
export const LOGIN_RULES = {
  accountAndIp: { limit: 10, windowSeconds: 15 * 60 },
  ip: { limit: 50, windowSeconds: 15 * 60 },
  account: { limit: 200, windowSeconds: 60 * 60 },
} satisfies Record<string, RateRule>;

/** LOGIN_RULES with the limits the operator set (SIGN_IN_RATE_LIMIT_*; the defaults above otherwise). */
function loginRulesOf(config: ServiceDeps['config']) {
  const limits = config.signInRateLimits;
  return {
    accountAndIp: { ...LOGIN_RULES.accountAndIp, limit: limits.perAccountAndAddress },
    ip: { ...LOGIN_RULES.ip, limit: limits.perAddress },
    account: { ...LOGIN_RULES.account, limit: limits.perAccount },
  } satisfies Record<string, RateRule>;
}

const INVALID = 'Email or password is incorrect.';

export type LogInInput = {
  email: string;
  password: string;
  remember: boolean;
  previousSessionId?: string | undefined;
};

export type LogInResult =
  | { kind: 'signed-in'; token: string; userId: string; expiresAt: Date }
  /** The password was right; a second factor is due (completeTwoFactorSignIn) before any session. */
  | { kind: 'two-factor'; challengeToken: string; expiresAt: Date };

/**
 * Checks credentials and starts a new session (a fresh id every time: session rotation), or, for
 * an account with two-factor sign-in, a short-lived challenge for the second step instead.
 * Throws 'auth.invalid_credentials' with one message whatever was wrong, and 'rate_limited'.
 */
export async function logIn(
  deps: ServiceDeps,
  input: LogInInput,
  context: SessionContext,
): Promise<LogInResult> {
  const now = deps.clock.now();
  const email = String(input.email ?? '')
    .trim()
    .toLowerCase()
    .slice(0, 254);
  const password = String(input.password ?? '').slice(0, 1000);
  const budget = {
    rules: loginRulesOf(deps.config),
    keys: {
      accountAndIp: `login:account-ip:${email}:${context.ip}`,
      ip: `login:ip:${context.ip}`,
      account: `login:account:${email}`,
    },
  };
  await assertBudgetLeft(
    deps,
    budget,
    now,
    'Too many sign-in attempts. Please wait a few minutes and try again.',
  );
  const user = email ? await findUserByEmail(deps.db, email) : undefined;
  let isValid = false;
  if (user) isValid = await verifyPassword(user.passwordHash, password);
  else await verifyAgainstDummy(password);
  if (!user || !isValid) {
    await spendFailure(deps, budget, now);
    deps.logger.info({ event: 'login.failed', ip: context.ip }, 'sign-in failed');
    throw new AppError('auth.invalid_credentials', INVALID);
  }
  await forgiveCounter(deps, budget, 'accountAndIp');
  if (await hasConfirmedTotp(deps.db, user.id)) {
    const challenge = await startTwoFactorChallenge(deps, user.id, input.remember);
    return { kind: 'two-factor', challengeToken: challenge.token, expiresAt: challenge.expiresAt };
  }
  return deps.db.transaction(async (tx) => {
    if (input.previousSessionId) await deleteAuthSession(tx, input.previousSessionId);
    const session = await createAuthSession(deps, tx, user.id, { remember: input.remember, ...context });
    return { kind: 'signed-in', token: session.token, userId: user.id, expiresAt: session.expiresAt };
  });
}
