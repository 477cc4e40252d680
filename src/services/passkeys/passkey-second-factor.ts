import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { hasPasskeys, listPasskeysOf } from '../../db/stores/passkey-store.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import { PASSKEY_CHALLENGE_SECONDS } from '../../domain/passkey-rules.ts';
import type { SessionContext } from '../auth-sessions.ts';
import type { ServiceDeps } from '../deps.ts';
import { assertBudgetLeft, forgiveCounter, spendFailure } from '../failure-budget.ts';
import {
  findTwoFactorChallenge,
  finishTwoFactorChallenge,
  SIGN_IN_EXPIRED,
} from '../two-factor/two-factor-sign-in.ts';
import { TOO_MANY, twoFactorBudget } from '../two-factor/verify-second-factor.ts';
import { checkPasskeyAnswer, rememberChallenge } from './passkey-answer.ts';
import { relyingParty } from './relying-party.ts';

const PASSKEY_WAS_FIRST = 'You signed in with a passkey already: type the code from your authenticator app.';

/** Whether the person at this second step has a passkey to answer with (the page offers it). */
export async function canUsePasskeyAsSecondFactor(
  deps: ServiceDeps,
  challengeToken: string,
): Promise<boolean> {
  const challenge = await findTwoFactorChallenge(deps, challengeToken);
  return challenge?.passkeyAllowed ? hasPasskeys(deps.db, challenge.userId) : false;
}

/**
 * Options for answering the second step with a passkey: only the passkeys of the person whose
 * password was right. Throws 'auth.challenge_expired' and 'conflict' (they have none, or a
 * passkey was the first step).
 */
export async function startPasskeySecondFactor(
  deps: ServiceDeps,
  challengeToken: string,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const challenge = await findTwoFactorChallenge(deps, challengeToken);
  if (!challenge) throw new AppError('auth.challenge_expired', SIGN_IN_EXPIRED);
  if (!challenge.passkeyAllowed) throw new AppError('conflict', PASSKEY_WAS_FIRST);
  const passkeys = await listPasskeysOf(deps.db, challenge.userId);
  if (passkeys.length === 0) throw new AppError('conflict', 'You have no passkey. Type a code instead.');
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps).id,
    userVerification: 'preferred',
    timeout: PASSKEY_CHALLENGE_SECONDS * 1000,
    allowCredentials: passkeys.map((p) => ({
      id: p.id,
      transports: p.transports,
    })),
  });
  await rememberChallenge(deps, options.challenge, 'second-factor', challenge.userId);
  return options;
}

/**
 * The second step of signing in answered with one of the person's passkeys instead of a code:
 * the sign-in challenge is used up and a session starts. Refusals spend the same budget as
 * wrong codes. Throws 'auth.challenge_expired', 'rate_limited', 'auth.passkey_refused' and
 * 'conflict' when a passkey was the first step already.
 */
export async function completePasskeySecondFactor(
  deps: ServiceDeps,
  input: { challengeToken: string; response: unknown; previousSessionId?: string | undefined },
  context: SessionContext,
): Promise<{ token: string; userId: string; remember: boolean }> {
  const challenge = await findTwoFactorChallenge(deps, input.challengeToken);
  if (!challenge) throw new AppError('auth.challenge_expired', SIGN_IN_EXPIRED);
  if (!challenge.passkeyAllowed) throw new AppError('conflict', PASSKEY_WAS_FIRST);
  const now = deps.clock.now();
  const budget = twoFactorBudget(challenge.userId, context.ip);
  await assertBudgetLeft(deps, budget, now, TOO_MANY);
  try {
    await checkPasskeyAnswer(deps, {
      response: input.response,
      purpose: 'second-factor',
      userId: challenge.userId,
    });
  } catch (error) {
    if (isAppError(error)) {
      await spendFailure(deps, budget, now);
      deps.logger.info(
        { event: 'two_factor.failed', userId: challenge.userId, ip: context.ip },
        'second factor refused',
      );
    }
    throw error;
  }
  await forgiveCounter(deps, budget, 'accountAndIp');
  return finishTwoFactorChallenge(deps, challenge.id, challenge, input.previousSessionId, context);
}
