import type { RateRule } from '../../db/stores/rate-limit-store.ts';
import { acceptTotpStep, findTotp, useRecoveryCode } from '../../db/stores/two-factor-store.ts';
import { AppError } from '../../domain/errors.ts';
import { judgeTotpCode, parseSecondFactorInput, windowSteps } from '../../domain/two-factor.ts';
import { hashToken, safeEqual } from '../../security/secure-token.ts';
import { totpCodeAt, totpStepAt } from '../../security/totp.ts';
import type { ServiceDeps } from '../deps.ts';
import { assertBudgetLeft, type FailureBudget, forgiveCounter, spendFailure } from '../failure-budget.ts';
import { totpBox } from './totp-box.ts';

/**
 * Throttling of codes, shaped like sign-in's (src/services/log-in.ts): failures are counted per
 * account-and-IP (tight), per IP (loose: one address trying many accounts) and per account, by
 * the hour and by the day (ceilings for guessing from many addresses; NIST SP 800-63B asks for at
 * most 100 failures in a row). With three codes live at a time, 5 guesses in 15 minutes leave a
 * six-digit code about 1 in 66,000 a window. Only someone who knows the password gets this far.
 * The budget is the account's, shared by the sign-in step and the Settings forms.
 */
export const TWO_FACTOR_RULES = {
  accountAndIp: { limit: 5, windowSeconds: 15 * 60 },
  ip: { limit: 50, windowSeconds: 15 * 60 },
  account: { limit: 30, windowSeconds: 60 * 60 },
  accountDay: { limit: 100, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, RateRule>;

/** The person's budget of second-factor failures, spent by wrong codes and refused passkeys alike. */
export function twoFactorBudget(userId: string, ip: string): FailureBudget<typeof TWO_FACTOR_RULES> {
  return {
    rules: TWO_FACTOR_RULES,
    keys: {
      accountAndIp: `2fa:account-ip:${userId}:${ip}`,
      ip: `2fa:ip:${ip}`,
      account: `2fa:account:${userId}`,
      accountDay: `2fa:account-day:${userId}`,
    },
  };
}
export const TOO_MANY = 'Too many codes were tried. Please wait a few minutes and try again.';

export type VerifyInput = {
  userId: string;
  /** What the person typed. */
  code: unknown;
  ip: string;
  /** The form field the code was typed in, named by the error. */
  field: string;
  /** Recovery codes count too (sign-in, turning two-factor off); not while setting up. */
  allowsRecoveryCode: boolean;
  /** Checks the secret being set up, and turns two-factor sign-in on when the code is right. */
  isConfirming?: boolean;
};

const WRONG_FORMAT = 'Type the 6-digit code from your authenticator app, or one of your recovery codes.';
const WRONG_TOTP_FORMAT = 'Type the 6-digit code from your authenticator app.';
const WRONG = 'That code is not right. Check the code in your app and try again.';
const REPLAYED = 'That code was used already. Wait for the next code in your app.';

const UNREADABLE =
  'This server can no longer read your authenticator key (its SECRET changed). Sign in with a recovery code, then set up two-factor authentication again.';

/**
 * What is stored of a recovery code: its SHA-256, bound to the person. Not keyed with SECRET on
 * purpose: 80 random bits cannot be searched back, and the codes must outlive a SECRET change.
 */
export function recoveryCodeHash(userId: string, code: string): string {
  return hashToken(`recovery-code:${userId}:${code}`);
}

/** The base32 secret, or null when it was sealed under another SECRET. */
function openSecret(deps: ServiceDeps, userId: string, sealed: string): string | null {
  try {
    return totpBox(deps).open(sealed);
  } catch {
    deps.logger.error(
      { event: 'two_factor.secret_unreadable', userId },
      'authenticator secret cannot be opened',
    );
    return null;
  }
}

/**
 * Checks a second factor of the person: a TOTP code within ±1 step of now that was not accepted
 * before (the step is recorded by a conditional UPDATE, so two instances never both accept it),
 * or an unused recovery code, which is then used up. Returns what was accepted. Throws
 * 'rate_limited', 'validation' (not a code at all) and 'auth.wrong_code' (wrong or replayed);
 * failures count against TWO_FACTOR_RULES.
 */
export async function verifySecondFactor(
  deps: ServiceDeps,
  input: VerifyInput,
): Promise<{ kind: 'totp' | 'recovery' }> {
  const now = deps.clock.now();
  const budget = twoFactorBudget(input.userId, input.ip);
  await assertBudgetLeft(deps, budget, now, TOO_MANY);
  const fail = async (code: 'validation' | 'auth.wrong_code', message: string): Promise<never> => {
    await spendFailure(deps, budget, now);
    deps.logger.info(
      { event: 'two_factor.failed', userId: input.userId, ip: input.ip },
      'second factor refused',
    );
    throw new AppError(code, message, { fields: { [input.field]: message } });
  };

  const parsed = parseSecondFactorInput(input.code);
  if (!parsed || (parsed.kind === 'recovery' && !input.allowsRecoveryCode)) {
    return fail('validation', input.allowsRecoveryCode ? WRONG_FORMAT : WRONG_TOTP_FORMAT);
  }
  if (parsed.kind === 'recovery') {
    const used = await useRecoveryCode(
      deps.db,
      input.userId,
      recoveryCodeHash(input.userId, parsed.code),
      now,
    );
    if (!used) return fail('auth.wrong_code', WRONG);
  } else {
    const row = await findTotp(deps.db, input.userId);
    const isConfirming = input.isConfirming === true;
    if (!row || (row.confirmedAt === null) !== isConfirming) return fail('auth.wrong_code', WRONG);
    const secret = openSecret(deps, input.userId, row.sealedSecret);
    if (secret === null) return fail('auth.wrong_code', UNREADABLE);
    const matched = windowSteps(totpStepAt(now)).filter((step) =>
      safeEqual(totpCodeAt(secret, step), parsed.code),
    );
    const verdict = judgeTotpCode(matched, row.lastAcceptedStep);
    if (verdict.kind === 'wrong') return fail('auth.wrong_code', WRONG);
    if (verdict.kind === 'replayed') return fail('auth.wrong_code', REPLAYED);
    // Another request may have taken this step since we read the row: the UPDATE decides.
    const isAccepted = await acceptTotpStep(deps.db, input.userId, verdict.step, {
      confirming: isConfirming,
      now,
    });
    if (!isAccepted) return fail('auth.wrong_code', REPLAYED);
  }
  await forgiveCounter(deps, budget, 'accountAndIp');
  return { kind: parsed.kind };
}
