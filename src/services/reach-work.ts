import type { Executor } from '../db/client.ts';
import { findProject, type ProjectAccess } from '../db/stores/project-store.ts';
import { findTask, type TaskAccess } from '../db/stores/task-store.ts';
import { holdTeam } from '../db/stores/team-store.ts';
import type { WorkNeed } from '../db/stores/work-access.ts';
import type { TeamRole } from '../domain/team-policy.ts';
import type { Actor } from './deps.ts';
import { assertRolePermits } from './teams/team-access.ts';

// The one way a use case reaches a project or task to act on it. A team's work is found once to
// learn its team, then again after holding the team's row (share) in the caller's transaction:
// a removal that committed first is seen (not_found), and one that comes later waits for this
// transaction, so no one reads or writes a team's work after the commit that removed them.

async function reach<T extends { role: TeamRole | null }>(
  tx: Executor,
  find: () => Promise<T>,
  teamOf: (found: T) => string | null,
  need: WorkNeed,
): Promise<T> {
  let found = await find();
  const teamId = teamOf(found);
  if (teamId) {
    await holdTeam(tx, teamId, 'share');
    found = await find();
  }
  if (need !== 'read') assertRolePermits(found.role, need);
  return found;
}

/** A task the actor may reach, checked for `need`. Throws 'not_found' and 'forbidden'. */
export function reachTask(
  tx: Executor,
  actor: Actor,
  id: string,
  need: WorkNeed,
  options: { field?: string } = {},
): Promise<TaskAccess> {
  return reach(
    tx,
    () => findTask(tx, actor.id, id, options),
    (found) => found.teamId,
    need,
  );
}

/** A project the actor may reach, checked for `need`. Throws 'not_found' and 'forbidden'. */
export function reachProject(
  tx: Executor,
  actor: Actor,
  id: string,
  need: WorkNeed,
  options: { field?: string } = {},
): Promise<ProjectAccess> {
  return reach(
    tx,
    () => findProject(tx, actor.id, id, options),
    (found) => found.project.teamId,
    need,
  );
}
