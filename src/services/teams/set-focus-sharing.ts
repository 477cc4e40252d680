import type { TeamMemberRow, TeamRow } from '../../db/schema/index.ts';
import { updateMember } from '../../db/stores/team-store.ts';
import { teamFocusChanged } from '../../domain/events.ts';
import { FocusSharingInput } from '../../domain/team-policy.ts';
import { recordTeamEvent } from '../../realtime/events.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';
import { recordMemberChange } from './team-events.ts';

/**
 * Whether the actor shares their focus with this team: theirs alone to choose, per team, off by
 * default. A change is told to the team (its board shows or hides them at once); choosing what
 * was already chosen changes nothing. Throws 'validation', 'not_found'.
 */
export async function setFocusSharing(
  deps: ServiceDeps,
  actor: Actor,
  teamId: string,
  input: FocusSharingInput,
): Promise<{ team: TeamRow; membership: TeamMemberRow }> {
  const { sharesFocus } = parseOrThrow(FocusSharingInput, input);
  return deps.db.transaction(async (tx) => {
    const { team, membership } = await authorizeTeam(tx, actor, teamId, 'team.read', { forUpdate: true });
    if (membership.sharesFocus === sharesFocus) return { team, membership };
    const updated = await updateMember(tx, team.id, actor.id, { sharesFocus });
    const at = deps.clock.now();
    const who = { teamId: team.id, userId: actor.id };
    await recordMemberChange(tx, { ...who, change: 'sharing_changed' }, at);
    await recordTeamEvent(tx, { teamId: team.id, event: teamFocusChanged(who), at });
    return { team, membership: updated };
  });
}
