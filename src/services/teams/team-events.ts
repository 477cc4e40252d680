import type { Executor } from '../../db/client.ts';
import { type EventFields, teamMemberChanged } from '../../domain/events.ts';
import { recordTeamEvent } from '../../realtime/events.ts';

/**
 * Tells the team's members (and `alsoTo`, such as someone who just left) of a change of its
 * membership, inside the change's transaction: they hear of it when it commits, and only then.
 * `teamId` is the team row's own id, so every event names the team the same way.
 */
export async function recordMemberChange(
  tx: Executor,
  change: EventFields<'team.member.changed'>,
  at: Date,
  alsoTo?: readonly string[],
): Promise<void> {
  const event = teamMemberChanged(change);
  await recordTeamEvent(tx, { teamId: change.teamId, event, at, ...(alsoTo ? { alsoTo } : {}) });
}
