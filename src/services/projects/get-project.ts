import type { ProjectRow } from '../../db/schema/index.ts';
import { findOwnProject } from '../../db/stores/project-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/** One of the actor's projects. Throws 'not_found' (also for a malformed id or another person's). */
export async function getProject(deps: ServiceDeps, actor: Actor, id: string): Promise<ProjectRow> {
  return findOwnProject(deps.db, actor.id, id);
}
