import type { SlackConnectionRow } from '../../db/schema/index.ts';
import { loadOpenSessions } from '../../db/stores/session-store.ts';
import { findSlackConnection, updateSlackConnection } from '../../db/stores/slack-store.ts';
import {
  type DesiredSlackStatus,
  desiredSlackStatus,
  isStillOurStatus,
  slackSyncStep,
  statusToRestore,
} from '../../domain/slack-focus.ts';
import { type SlackClient, SlackError } from '../../integrations/slack-client.ts';
import type { ServiceDeps } from '../deps.ts';
import { getUser } from '../preferences.ts';
import { markSlackDisconnected, slackClientOf } from './slack-access.ts';

export type SlackSyncResult = 'applied' | 'restored' | 'unchanged' | 'not connected' | 'disconnected';

/**
 * Makes the person's Slack status match their sessions now: ours while one runs (until its
 * planned end), theirs back otherwise. It reads the current state rather than trusting the job
 * that asked, so repeated or out-of-order jobs converge. A refused token marks the connection
 * disconnected; 'ratelimited' and network failures throw SlackError for the queue to retry.
 */
export async function syncSlackStatus(deps: ServiceDeps, userId: string): Promise<SlackSyncResult> {
  const connection = await findSlackConnection(deps.db, userId);
  if (connection?.status !== 'connected') return 'not connected';
  const user = await getUser(deps, { id: userId, email: '', isAdmin: false });
  const running = (await loadOpenSessions(deps.db, userId)).find((s) => s.state === 'active') ?? null;
  const now = deps.clock.now();
  const desired = desiredSlackStatus(running, connection, now, user.timeZone);
  const step = slackSyncStep(connection, desired);
  if (step.kind === 'nothing') return 'unchanged';
  try {
    const client = slackClientOf(deps, connection);
    if (step.kind === 'restore') {
      await restoreStatus(deps, client, connection);
      return 'restored';
    }
    await applyStatus(
      deps,
      client,
      connection,
      desired as Extract<DesiredSlackStatus, { kind: 'focus' }>,
      step,
    );
    return 'applied';
  } catch (error) {
    if (error instanceof SlackError && error.isDeadToken) {
      await markSlackDisconnected(deps, userId, error.code);
      return 'disconnected';
    }
    throw error;
  }
}

async function applyStatus(
  deps: ServiceDeps,
  client: SlackClient,
  connection: SlackConnectionRow,
  desired: Extract<DesiredSlackStatus, { kind: 'focus' }>,
  step: { rememberPrevious: boolean },
): Promise<void> {
  if (step.rememberPrevious) {
    const theirs = await client.getStatus();
    await updateSlackConnection(
      deps.db,
      connection.userId,
      {
        previousText: theirs.statusText,
        previousEmoji: theirs.statusEmoji,
        previousExpiration: theirs.statusExpiration ? new Date(theirs.statusExpiration * 1000) : null,
      },
      deps.clock.now(),
    );
  }
  await client.setStatus(desired.text, desired.emoji, desired.expiresAt);
  if (desired.dndMinutes !== null) await client.snoozeDnd(desired.dndMinutes);
  await updateSlackConnection(
    deps.db,
    connection.userId,
    {
      isApplied: true,
      appliedSessionId: desired.sessionId,
      appliedText: desired.text,
      appliedEmoji: desired.emoji,
      appliedUntil: desired.expiresAt,
    },
    deps.clock.now(),
  );
}

/**
 * Puts the person's own status back, unless they set another one meanwhile (theirs stays), and
 * ends the Do Not Disturb we started.
 */
export async function restoreStatus(
  deps: ServiceDeps,
  client: SlackClient,
  connection: SlackConnectionRow,
): Promise<void> {
  const now = deps.clock.now();
  const current = await client.getStatus();
  if (isStillOurStatus(current, connection)) {
    const previous = statusToRestore(
      {
        text: connection.previousText,
        emoji: connection.previousEmoji,
        expiration: connection.previousExpiration,
      },
      now,
    );
    await client.setStatus(previous.text, previous.emoji, previous.expiration);
  }
  if (connection.setDnd) {
    await client.endDnd().catch((error: unknown) => {
      // Already over (they ended it, or it ran out): nothing to end.
      if (!(error instanceof SlackError && error.code === 'snooze_not_active')) throw error;
    });
  }
  await updateSlackConnection(
    deps.db,
    connection.userId,
    { isApplied: false, appliedSessionId: null, appliedText: null, appliedEmoji: null, appliedUntil: null },
    now,
  );
}
