import { and, isNotNull, lt, or } from 'drizzle-orm';
import { authSessions, passwordResets, rateLimits, userEvents } from '../db/schema/index.ts';
import type { ServiceDeps } from './deps.ts';

/** How long pushed events stay replayable for a device that was offline. */
export const EVENT_RETENTION_DAYS = 7;

/**
 * Deletes what has outlived its use: expired sign-in sessions, spent or expired reset links,
 * stale throttling windows and old pushed events. Idempotent, so every instance may run it.
 */
export async function pruneExpired(deps: Pick<ServiceDeps, 'db' | 'clock'>): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const eventsBefore = new Date(now.getTime() - EVENT_RETENTION_DAYS * 86_400_000);
  const sessions = await deps.db
    .delete(authSessions)
    .where(lt(authSessions.expiresAt, now))
    .returning({ id: authSessions.id });
  const resets = await deps.db
    .delete(passwordResets)
    .where(
      or(
        lt(passwordResets.expiresAt, now),
        and(isNotNull(passwordResets.usedAt), lt(passwordResets.usedAt, dayAgo)),
      ),
    )
    .returning({ id: passwordResets.tokenHash });
  const limits = await deps.db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, dayAgo))
    .returning({ key: rateLimits.key });
  const events = await deps.db
    .delete(userEvents)
    .where(lt(userEvents.createdAt, eventsBefore))
    .returning({ id: userEvents.id });
  return {
    sessions: sessions.length,
    resets: resets.length,
    rateLimits: limits.length,
    events: events.length,
  };
}
