import { countOwners, deleteMember } from '../../db/stores/team-store.ts';
import { decideLeave } from '../../domain/team-policy.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { assertAllowed, authorizeTeam } from './team-access.ts';

/** Leaves a team. The last owner cannot. Throws 'not_found', 'team.last_owner'. */
export async function leaveTeam(deps: ServiceDeps, actor: Actor, teamId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { membership } = await authorizeTeam(tx, actor, teamId, 'team.read', { forUpdate: true });
    const ownerCount = await countOwners(tx, teamId);
    assertAllowed(
      decideLeave({ role: membership.role, ownerCount }),
      'You are the only owner: make someone else an owner first, or delete the team.',
    );
    await deleteMember(tx, teamId, actor.id);
  });
}
