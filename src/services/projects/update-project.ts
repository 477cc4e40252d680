import type { ProjectRow } from '../../db/schema/index.ts';
import { assertProjectId, updateOwnProject } from '../../db/stores/project-store.ts';
import { ProjectPatch } from '../../domain/inputs/projects.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

export type { ProjectPatch };

/** Changes some fields of one of the actor's projects. Throws 'validation', 'not_found', 'conflict'. */
export async function updateProject(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  patch: ProjectPatch,
): Promise<ProjectRow> {
  assertProjectId(id);
  const data = parseOrThrow(ProjectPatch, patch);
  return updateOwnProject(deps.db, actor.id, id, { ...data, updatedAt: deps.clock.now() });
}
