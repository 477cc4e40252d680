import { and, between, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { contextSwitches, focusSessions, type UserRow } from '../db/schema/index.ts';
import { type InsightInput, insightWindow } from '../domain/insights/index.ts';

/**
 * What the insight rules read for `user` at `now`: two set-based queries over the bounded window
 * (the current week and HISTORY_WEEKS before it), each on an index led by user_id, so five years
 * of history cost what nine weeks do. Only the columns the rules use leave the database.
 */
export async function loadInsightInput(
  db: Executor,
  user: Pick<UserRow, 'id' | 'timeZone' | 'weekStart' | 'weeklyFocusTargetMinutes'>,
  now: Date,
): Promise<InsightInput> {
  const window = insightWindow(now, user.timeZone, user.weekStart);
  const [sessions, switches] = await Promise.all([
    db
      .select({
        localDate: focusSessions.localDate,
        slot: focusSessions.slot,
        kind: focusSessions.kind,
        state: focusSessions.state,
        plannedMinutes: focusSessions.plannedMinutes,
        focusSeconds: focusSessions.focusSeconds,
        startedAt: focusSessions.startedAt,
        loggedAfterwards: focusSessions.loggedAfterwards,
        outcome: focusSessions.outcome,
        hasNotes: sql<boolean>`btrim(${focusSessions.notes}) <> ''`,
        pauseCount: focusSessions.pauseCount,
        firstPauseFocusSeconds: focusSessions.firstPauseFocusSeconds,
      })
      .from(focusSessions)
      .where(
        and(eq(focusSessions.userId, user.id), between(focusSessions.localDate, window.from, window.to)),
      ),
    db
      .select({ occurredAt: contextSwitches.occurredAt, reason: contextSwitches.reason })
      .from(contextSwitches)
      .where(
        and(
          eq(contextSwitches.userId, user.id),
          gte(contextSwitches.occurredAt, window.fromInstant),
          lt(contextSwitches.occurredAt, window.toInstant),
        ),
      ),
  ]);
  return {
    sessions,
    switches,
    timeZone: user.timeZone,
    weekStart: user.weekStart,
    weeklyFocusTargetMinutes: user.weeklyFocusTargetMinutes,
    now,
  };
}
