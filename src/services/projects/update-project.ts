import type { ProjectRow } from '../../db/schema/index.ts';
import { assertProjectId, updateProjectRow } from '../../db/stores/project-store.ts';
import { AppError } from '../../domain/errors.ts';
import { ProjectPatch } from '../../domain/inputs/projects.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { reachProject } from '../reach-work.ts';
import { authorizeTeam } from '../teams/team-access.ts';

export type { ProjectPatch };

/**
 * Changes some fields of a project: the actor's own, or a team's when their role manages its
 * projects. `teamId` shares one of the actor's own projects with a team (its tasks go along, they
 * are in it); a team's project stays with its team (deleting the team can hand it back).
 * Throws 'validation', 'not_found', 'forbidden', 'conflict'.
 */
export async function updateProject(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  patch: ProjectPatch,
): Promise<ProjectRow> {
  assertProjectId(id);
  const data = parseOrThrow(ProjectPatch, patch);
  return deps.db.transaction(async (tx) => {
    const { project } = await reachProject(tx, actor, id, 'projects.manage');
    if (data.teamId !== undefined && data.teamId !== project.teamId) {
      if (project.teamId) {
        throw new AppError('validation', 'A team’s project stays with its team.', {
          fields: { teamId: 'A team’s project stays with its team.' },
        });
      }
      if (data.teamId) await authorizeTeam(tx, actor, data.teamId, 'projects.manage', { forShare: true });
    }
    return updateProjectRow(tx, project, { ...data, updatedAt: deps.clock.now() });
  });
}
