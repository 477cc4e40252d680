import type { Executor } from '../../db/client.ts';
import type { UserRow } from '../../db/schema/index.ts';
import { loadDay, type StoredSession } from '../../db/stores/session-store.ts';
import { queueWebhooks } from '../../db/stores/webhook-outbox.ts';
import { isDayComplete, sessionEventOf } from '../../domain/webhook-events.ts';

/**
 * Queues the webhooks a session change makes, inside its transaction: session.started, .paused,
 * .completed or .skipped for the state it reached, and day.completed when that change ended the
 * last open session of the day.
 */
export async function queueSessionWebhooks(
  tx: Executor,
  user: Pick<UserRow, 'id' | 'sessionLengthMinutes'>,
  before: StoredSession,
  after: StoredSession,
  at: Date,
): Promise<void> {
  const event = sessionEventOf(before.state, after.state);
  if (!event) return;
  const data = {
    sessionId: after.id,
    date: after.localDate,
    slot: after.slot,
    state: after.state,
    goal: after.goal,
    plannedMinutes: after.plannedMinutes,
  };
  await queueWebhooks(tx, { userId: user.id, event, data, at });
  if (event !== 'session.completed' && event !== 'session.skipped') return;
  const day = await loadDay(tx, user, after.localDate);
  if (isDayComplete(day.map((s) => s.state))) {
    const counts = {
      completed: day.filter((s) => s.state === 'completed').length,
      skipped: day.filter((s) => s.state === 'skipped').length,
    };
    await queueWebhooks(tx, {
      userId: user.id,
      event: 'day.completed',
      data: { date: after.localDate, ...counts },
      at,
    });
  }
}
