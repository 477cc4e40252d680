import type { ProjectRow } from '../../db/schema/index.ts';
import { insertProject } from '../../db/stores/project-store.ts';
import { ProjectInput } from '../../domain/inputs/projects.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from '../teams/team-access.ts';

export type { ProjectInput };

/**
 * Creates a project, personal or (with teamId) shared with one of the actor's teams, which needs
 * a role that manages the team's projects. Throws 'validation', 'not_found' (the team),
 * 'forbidden' and 'conflict' (a name the person, or the team, already has, in any case).
 */
export async function createProject(
  deps: ServiceDeps,
  actor: Actor,
  input: ProjectInput,
): Promise<ProjectRow> {
  const data = parseOrThrow(ProjectInput, input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (data.teamId) await authorizeTeam(tx, actor, data.teamId, 'projects.manage', { forShare: true });
    return insertProject(tx, { ...data, userId: actor.id, createdAt: now, updatedAt: now });
  });
}
