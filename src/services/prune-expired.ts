import { and, isNotNull, lt, or } from 'drizzle-orm';
import {
  apiRequests,
  authSessions,
  emailVerifications,
  exportJobs,
  idempotencyKeys,
  oauthFlows,
  passwordResets,
  pushDeliveries,
  rateLimits,
  userEvents,
  webhookDeliveries,
} from '../db/schema/index.ts';
import { pruneWebauthnChallenges } from '../db/stores/passkey-store.ts';
import { pruneTwoFactorChallenges } from '../db/stores/two-factor-store.ts';
import type { ServiceDeps } from './deps.ts';

/** How long pushed events stay replayable for a device that was offline. */
export const EVENT_RETENTION_DAYS = 7;
/** How long a retried POST with the same Idempotency-Key gets the stored answer. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
const DAY_MS = 86_400_000;
/** A time's-up push claim guards only its own job's retries (minutes): a day is plenty. */
export const PUSH_CLAIM_RETENTION_DAYS = 1;
/** How long the webhook delivery log keeps a delivery. */
export const WEBHOOK_DELIVERY_RETENTION_DAYS = 30;

/**
 * Deletes what has outlived its use: expired sign-in sessions and second-step challenges, spent
 * or expired reset links, provider sign-ins never finished, expired email links, stale throttling
 * windows, old pushed events, API calls past their retention, idempotency keys, exports past their
 * 24 hours and time's-up push claims after a day. Idempotent, so it may run twice or
 * on several instances at once.
 */
export async function pruneExpired(
  deps: Pick<ServiceDeps, 'db' | 'clock' | 'config'>,
): Promise<Record<string, number>> {
  const now = deps.clock.now().getTime();
  const ago = (ms: number) => new Date(now - ms);
  const { db } = deps;
  const count = async (rows: Promise<unknown[]>) => (await rows).length;
  return {
    sessions: await count(
      db
        .delete(authSessions)
        .where(lt(authSessions.expiresAt, ago(0)))
        .returning({ id: authSessions.id }),
    ),
    twoFactorChallenges: await pruneTwoFactorChallenges(db, ago(0)),
    webauthnChallenges: await pruneWebauthnChallenges(db, ago(0)),
    resets: await count(
      db
        .delete(passwordResets)
        .where(
          or(
            lt(passwordResets.expiresAt, ago(0)),
            and(isNotNull(passwordResets.usedAt), lt(passwordResets.usedAt, ago(DAY_MS))),
          ),
        )
        .returning({ id: passwordResets.tokenHash }),
    ),
    oauthFlows: await count(
      db
        .delete(oauthFlows)
        .where(lt(oauthFlows.expiresAt, ago(0)))
        .returning({ id: oauthFlows.stateHash }),
    ),
    emailVerifications: await count(
      db
        .delete(emailVerifications)
        .where(lt(emailVerifications.expiresAt, ago(0)))
        .returning({ id: emailVerifications.tokenHash }),
    ),
    rateLimits: await count(
      db
        .delete(rateLimits)
        .where(lt(rateLimits.windowStart, ago(DAY_MS)))
        .returning({ key: rateLimits.key }),
    ),
    events: await count(
      db
        .delete(userEvents)
        .where(lt(userEvents.createdAt, ago(EVENT_RETENTION_DAYS * DAY_MS)))
        .returning({ id: userEvents.id }),
    ),
    apiRequests: await count(
      db
        .delete(apiRequests)
        .where(lt(apiRequests.createdAt, ago(deps.config.apiLogRetentionDays * DAY_MS)))
        .returning({ id: apiRequests.id }),
    ),
    idempotencyKeys: await count(
      db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.createdAt, ago(IDEMPOTENCY_RETENTION_HOURS * 3_600_000)))
        .returning({ key: idempotencyKeys.key }),
    ),
    exports: await count(
      db
        .delete(exportJobs)
        .where(lt(exportJobs.expiresAt, ago(0)))
        .returning({ id: exportJobs.id }),
    ),
    webhookDeliveries: await count(
      db
        .delete(webhookDeliveries)
        .where(lt(webhookDeliveries.createdAt, ago(WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS)))
        .returning({ id: webhookDeliveries.id }),
    ),
    pushClaims: await count(
      db
        .delete(pushDeliveries)
        .where(lt(pushDeliveries.claimedAt, ago(PUSH_CLAIM_RETENTION_DAYS * DAY_MS)))
        .returning({ id: pushDeliveries.subscriptionId }),
    ),
  };
}
