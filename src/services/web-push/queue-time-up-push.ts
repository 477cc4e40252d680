import type { StoredSession } from '../../db/stores/session-store.ts';
import { timeUpAt } from '../../domain/timer.ts';
import type { ServiceDeps } from '../deps.ts';
import { JOB_NAMES } from '../job-sender.ts';

/** Whether a committed change moved the moment the session's time is up (start, pause, resume, keep going…). */
export function movesTimeUp(before: StoredSession, after: StoredSession): boolean {
  return timeUpAt(before)?.getTime() !== timeUpAt(after)?.getTime();
}

/**
 * After commit: schedules the session's time's-up push at its planned end, moving the queued job
 * of this session (one per session, by singletonKey) when it already has one, or cancels it when
 * the timer no longer runs. The delay is counted on the app's clock, as every timer rule is. Not
 * awaited and never failing the change; the worker reads the session again before sending, so a
 * job that survives a lost cancel is harmless.
 */
export function queueTimeUpPush(
  deps: Pick<ServiceDeps, 'jobs' | 'logger' | 'clock'>,
  userId: string,
  session: StoredSession,
): void {
  const at = timeUpAt(session);
  const data = { userId, sessionId: session.id };
  const request = at
    ? { startAfterSeconds: (at.getTime() - deps.clock.now().getTime()) / 1000 }
    : { cancelQueued: true };
  deps.jobs
    .send({ name: JOB_NAMES.pushTimeUp, data, singletonKey: session.id, ...request })
    .catch((error: unknown) =>
      deps.logger.warn({ err: error, sessionId: session.id }, "time's-up push not scheduled"),
    );
}
