// When a failed webhook delivery is tried again, and when an endpoint that keeps failing stops.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The wait before each attempt: the first at once, the last a day after the one before. */
export const ATTEMPT_DELAYS_MS = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  24 * HOUR,
] as const;

export const MAX_ATTEMPTS = ATTEMPT_DELAYS_MS.length;

/** How long an endpoint may keep failing (from its first failure in a row) before it is disabled. */
export const FAILING_DISABLES_AFTER_MS = 24 * HOUR;

/**
 * When to try again after `attemptsMade` attempts failed, the last at `failedAt`; null once every
 * attempt is spent.
 */
export function nextAttemptAfter(attemptsMade: number, failedAt: Date): Date | null {
  const delay = ATTEMPT_DELAYS_MS[attemptsMade];
  if (attemptsMade < 1 || delay === undefined) return null;
  return new Date(failedAt.getTime() + delay);
}

/** Whether an endpoint failing since `failingSince` has failed long enough to be disabled. */
export function hasFailedTooLong(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= FAILING_DISABLES_AFTER_MS;
}

export type AttemptResult = { kind: 'delivered' } | { kind: 'gone' } | { kind: 'failed' };

/** What an answer means: 2xx delivered; 410 Gone stops the endpoint; anything else (3xx too) failed. */
export function resultOfStatus(status: number | null): AttemptResult {
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'gone' };
  return { kind: 'failed' };
}
