import { and, eq, exists, gte } from 'drizzle-orm';
import { focusSessions, users } from '../db/schema/index.ts';
import { addDays, type LocalDate } from '../domain/local-date.ts';
import type { ServiceDeps } from './deps.ts';
import { JOB_NAMES } from './job-sender.ts';

/** A burst of timer actions and edits within this many seconds recomputes once. */
export const INSIGHTS_DEBOUNCE_SECONDS = 5;
/** The hourly refresh covers people with a session on any of these last days. */
export const ACTIVE_WITHIN_DAYS = 35;

/**
 * Asks for the person's insights to be recomputed soon, coalescing bursts. Called after a change
 * has committed, and not awaited: queueing is a write of its own, and the answer to a timer action
 * should not wait for it. It never fails the change (the hourly refresh repairs a lost request).
 */
export function queueInsightsRecompute(deps: Pick<ServiceDeps, 'jobs' | 'logger'>, userId: string): void {
  deps.jobs
    .send({
      name: JOB_NAMES.recomputeInsights,
      data: { userId },
      debounce: { key: userId, seconds: INSIGHTS_DEBOUNCE_SECONDS },
    })
    .catch((error: unknown) => deps.logger.warn({ err: error, userId }, 'insights recompute not queued'));
}

/**
 * The people with a session dated within ACTIVE_WITHIN_DAYS of `today` (UTC is close enough for
 * a 35-day window). One probe per person on the (user, date, slot) index, not a history scan.
 */
export async function listRecentlyActiveUsers(
  deps: Pick<ServiceDeps, 'db'>,
  today: LocalDate,
): Promise<string[]> {
  const since = addDays(today, -ACTIVE_WITHIN_DAYS);
  const rows = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(
      exists(
        deps.db
          .select({ one: focusSessions.slot })
          .from(focusSessions)
          .where(and(eq(focusSessions.userId, users.id), gte(focusSessions.localDate, since))),
      ),
    );
  return rows.map((r) => r.id);
}
