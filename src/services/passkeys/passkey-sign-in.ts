import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { hitRateLimit, type RateRule } from '../../db/stores/rate-limit-store.ts';
import { hasConfirmedTotp } from '../../db/stores/two-factor-store.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import { isPasskeyEnoughAlone, PASSKEY_CHALLENGE_SECONDS } from '../../domain/passkey-rules.ts';
import { createAuthSession, deleteAuthSession, type SessionContext } from '../auth-sessions.ts';
import type { ServiceDeps } from '../deps.ts';
import { assertBudgetLeft, type FailureBudget, spendFailure } from '../failure-budget.ts';
import type { LogInResult } from '../log-in.ts';
import { startTwoFactorChallenge } from '../two-factor/two-factor-sign-in.ts';
import { checkPasskeyAnswer, rememberChallenge } from './passkey-answer.ts';
import { relyingParty } from './relying-party.ts';

/**
 * Throttling of refused passkey sign-ins, per IP like password sign-in's (src/services/log-in.ts).
 * A signature cannot be guessed, so this only keeps a broken or hostile client from hammering the
 * server; no account can be named before a signature checks out, so there is no per-account rule.
 */
export const PASSKEY_SIGN_IN_RULES = {
  ip: { limit: 30, windowSeconds: 15 * 60 },
  ipDay: { limit: 300, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, RateRule>;

/**
 * Every login page asks for a challenge as it loads (for the autofill), and each is a row for
 * five minutes: an address may ask this often, so no one fills the table.
 */
export const PASSKEY_OPTIONS_RULE: RateRule = { limit: 120, windowSeconds: 15 * 60 };

function budgetOf(ip: string): FailureBudget<typeof PASSKEY_SIGN_IN_RULES> {
  return { rules: PASSKEY_SIGN_IN_RULES, keys: { ip: `passkey:ip:${ip}`, ipDay: `passkey:ip-day:${ip}` } };
}
const TOO_MANY = 'Too many sign-in attempts. Please wait a few minutes and try again.';

/**
 * Options for signing in with a passkey alone: no list of credentials (the browser offers the
 * discoverable ones it has for this site, in a prompt or in the email field's autofill).
 * Throws 'rate_limited' while the address has spent its budget of refusals or of challenges.
 */
export async function startPasskeySignIn(
  deps: ServiceDeps,
  context: SessionContext,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const now = deps.clock.now();
  await assertBudgetLeft(deps, budgetOf(context.ip), now, TOO_MANY);
  const asked = await hitRateLimit(deps.db, `passkey:options:${context.ip}`, PASSKEY_OPTIONS_RULE, now);
  if (!asked.allowed)
    throw new AppError('rate_limited', TOO_MANY, { details: { retryAfterSeconds: asked.retryAfterSeconds } });
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps).id,
    userVerification: 'preferred',
    timeout: PASSKEY_CHALLENGE_SECONDS * 1000,
  });
  await rememberChallenge(deps, options.challenge, 'sign-in', null);
  return options;
}

/**
 * Signs in with a passkey's answer: a new session (a fresh id, like logIn), or, when the person
 * has two-factor sign-in on and the authenticator did not verify them, the second step. Throws
 * 'rate_limited', 'auth.passkey_refused' and 'auth.challenge_expired'; refusals count per IP.
 */
export async function finishPasskeySignIn(
  deps: ServiceDeps,
  input: { response: unknown; remember: boolean; previousSessionId?: string | undefined },
  context: SessionContext,
): Promise<LogInResult> {
  const now = deps.clock.now();
  const budget = budgetOf(context.ip);
  await assertBudgetLeft(deps, budget, now, TOO_MANY);
  let accepted: Awaited<ReturnType<typeof checkPasskeyAnswer>>;
  try {
    accepted = await checkPasskeyAnswer(deps, { response: input.response, purpose: 'sign-in', userId: null });
  } catch (error) {
    if (isAppError(error)) {
      await spendFailure(deps, budget, now);
      deps.logger.info({ event: 'login.passkey_failed', ip: context.ip }, 'passkey sign-in failed');
    }
    throw error;
  }
  const userId = accepted.passkey.userId;
  const hasTwoFactor = await hasConfirmedTotp(deps.db, userId);
  if (!isPasskeyEnoughAlone({ hasTwoFactor, userVerified: accepted.userVerified })) {
    const challenge = await startTwoFactorChallenge(deps, userId, input.remember, { passkeyAllowed: false });
    return { kind: 'two-factor', challengeToken: challenge.token, expiresAt: challenge.expiresAt };
  }
  return deps.db.transaction(async (tx) => {
    if (input.previousSessionId) await deleteAuthSession(tx, input.previousSessionId);
    const session = await createAuthSession(deps, tx, userId, { remember: input.remember, ...context });
    return { kind: 'signed-in', token: session.token, userId, expiresAt: session.expiresAt };
  });
}
