import {
  clearRateLimit,
  hitRateLimits,
  peekRateLimit,
  type RateRule,
} from '../db/stores/rate-limit-store.ts';
import { AppError } from '../domain/errors.ts';
import type { ServiceDeps } from './deps.ts';

/**
 * Failed attempts counted under several rules at once (sign-in, second factors): each rule has
 * its own counter key, such as per account-and-IP, per IP and per account. Only failures spend
 * the budget; an attempt is refused while any counter is spent.
 */
export type FailureBudget<R extends Record<string, RateRule>> = { rules: R; keys: Record<keyof R, string> };

const countersOf = <R extends Record<string, RateRule>>(budget: FailureBudget<R>) =>
  (Object.keys(budget.rules) as (keyof R & string)[]).map((name) => ({
    key: budget.keys[name],
    rule: budget.rules[name] as RateRule,
  }));

/** Throws 'rate_limited' (with retryAfterSeconds) while any of the budget's counters is spent. */
export async function assertBudgetLeft<R extends Record<string, RateRule>>(
  deps: ServiceDeps,
  budget: FailureBudget<R>,
  now: Date,
  message: string,
): Promise<void> {
  for (const { key, rule } of countersOf(budget)) {
    const state = await peekRateLimit(deps.db, key, rule, now);
    if (!state.allowed)
      throw new AppError('rate_limited', message, {
        details: { retryAfterSeconds: state.retryAfterSeconds },
      });
  }
}

/** Counts one failure against every counter of the budget, in one statement. */
export async function spendFailure<R extends Record<string, RateRule>>(
  deps: ServiceDeps,
  budget: FailureBudget<R>,
  now: Date,
): Promise<void> {
  await hitRateLimits(deps.db, countersOf(budget), now);
}

/** Forgets one counter after a success (the owner's own address starts afresh). */
export async function forgiveCounter<R extends Record<string, RateRule>>(
  deps: ServiceDeps,
  budget: FailureBudget<R>,
  name: keyof R,
): Promise<void> {
  await clearRateLimit(deps.db, budget.keys[name]);
}
