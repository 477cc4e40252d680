import type { ServiceDeps } from '../deps.ts';
import { JOB_NAMES } from '../job-sender.ts';

/**
 * Asks for the person's Slack status to follow a session change that has committed. Not awaited
 * and never failing the change: the job reads the current state, so one per user is queued at a
 * time (a later change is covered by the queued job), and a lost one is covered by the status's
 * own expiration at the planned end.
 */
export function queueSlackSync(
  deps: Pick<ServiceDeps, 'jobs' | 'logger'>,
  userId: string,
  sessionId: string,
): void {
  deps.jobs
    .send({ name: JOB_NAMES.syncSlackStatus, data: { userId, sessionId }, singletonKey: userId })
    .catch((error: unknown) => deps.logger.warn({ err: error, userId }, 'slack status sync not queued'));
}
