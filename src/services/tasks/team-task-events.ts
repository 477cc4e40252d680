import type { Executor } from '../../db/client.ts';
import { teamTaskChanged } from '../../domain/events.ts';
import { recordTeamEvent } from '../../realtime/events.ts';

/** Tells a team's members that one of its tasks changed; nothing for a personal task (no team). */
export async function announceTeamTask(
  tx: Executor,
  teamId: string | null,
  taskId: string,
  change: 'created' | 'updated' | 'deleted',
  at: Date,
): Promise<void> {
  if (teamId) await recordTeamEvent(tx, { teamId, at, event: teamTaskChanged({ teamId, taskId, change }) });
}
