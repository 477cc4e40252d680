import type { TeamMemberRow, TeamRow } from '../../db/schema/index.ts';
import { updateMember } from '../../db/stores/team-store.ts';
import { FocusSharingInput } from '../../domain/team-policy.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';

/**
 * Whether the actor shares their focus with this team: theirs alone to choose, per team, off by
 * default. Throws 'validation', 'not_found'.
 */
export async function setFocusSharing(
  deps: ServiceDeps,
  actor: Actor,
  teamId: string,
  input: FocusSharingInput,
): Promise<{ team: TeamRow; membership: TeamMemberRow }> {
  const { sharesFocus } = parseOrThrow(FocusSharingInput, input);
  return deps.db.transaction(async (tx) => {
    const { team } = await authorizeTeam(tx, actor, teamId, 'team.read', { forUpdate: true });
    return { team, membership: await updateMember(tx, teamId, actor.id, { sharesFocus }) };
  });
}
