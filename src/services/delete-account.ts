import { and, eq, ne } from 'drizzle-orm';
import { users } from '../db/schema/index.ts';
import { deleteTeamRow, teamIdsOf, teamsOnlyHeldBy, teamsOnlyOwnedBy } from '../db/stores/team-store.ts';
import { deleteTeamWork, handTeamWorkOver } from '../db/stores/team-work-store.ts';
import { AppError } from '../domain/errors.ts';
import { announceAuthChange } from '../realtime/events.ts';
import { confirmPassword } from './confirm-password.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { recordMemberChange } from './teams/team-events.ts';

/**
 * Deletes the actor's account and everything it owns (every table cascades from users), after
 * checking the current password. Open event streams on every instance close as the commit lands.
 * The instance's only admin cannot leave while other people still use it: nobody could run it;
 * nor can the only owner of a team that has other members (memberships go with the account; the
 * team projects and tasks they created stay with the team, under another owner).
 * Throws 'auth.wrong_password', 'conflict' and 'not_found'.
 */
export async function deleteAccount(
  deps: ServiceDeps,
  actor: Actor,
  input: { password: string },
): Promise<void> {
  const user = await confirmPassword(deps, actor, input.password, 'password');
  await deps.db.transaction(async (tx) => {
    if (user.isAdmin) {
      // Locking the other admins keeps two admins leaving at once from both seeing the other stay.
      const otherAdmins = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.isAdmin, true), ne(users.id, user.id)))
        .for('update');
      const anyoneElse = await tx.select({ id: users.id }).from(users).where(ne(users.id, user.id)).limit(1);
      if (anyoneElse.length > 0 && otherAdmins.length === 0) {
        throw new AppError(
          'conflict',
          'You are the only admin of this instance and others still use it, so it cannot be deleted.',
          { fields: { password: 'You are the only admin of this instance; others still use it.' } },
        );
      }
    }
    const stranded = await teamsOnlyOwnedBy(tx, user.id);
    if (stranded.length > 0) {
      const names = stranded.map((team) => `“${team.name}”`).join(', ');
      const message = `You are the only owner of ${names}, which others still use. Make someone else an owner or delete the team first.`;
      throw new AppError('conflict', message, { fields: { password: message } });
    }
    // A team of one would be left with nobody in it: it goes, with its work.
    const alone = await teamsOnlyHeldBy(tx, user.id);
    for (const teamId of alone) {
      await deleteTeamWork(tx, teamId);
      await deleteTeamRow(tx, teamId);
    }
    // The team work they created stays with the other teams; their members hear they left.
    await handTeamWorkOver(tx, user.id);
    const now = deps.clock.now();
    for (const teamId of await teamIdsOf(tx, user.id))
      await recordMemberChange(tx, { teamId, userId: user.id, change: 'left' }, now);
    await tx.delete(users).where(eq(users.id, user.id));
    await announceAuthChange(tx, user.id);
  });
}
