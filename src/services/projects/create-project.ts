import type { ProjectRow } from '../../db/schema/index.ts';
import { insertProject } from '../../db/stores/project-store.ts';
import { ProjectInput } from '../../domain/inputs/projects.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

export type { ProjectInput };

/** Creates a project. Throws 'validation', and 'conflict' when the actor has one of that name (any case). */
export async function createProject(
  deps: ServiceDeps,
  actor: Actor,
  input: ProjectInput,
): Promise<ProjectRow> {
  const data = parseOrThrow(ProjectInput, input);
  const now = deps.clock.now();
  return insertProject(deps.db, { ...data, userId: actor.id, createdAt: now, updatedAt: now });
}
