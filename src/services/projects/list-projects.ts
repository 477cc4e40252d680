import type { Page } from '../../db/stores/keyset.ts';
import { type ProjectListItem, pageOfProjects } from '../../db/stores/project-store.ts';
import { ProjectListQuery } from '../../domain/inputs/projects.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

export type { ProjectListQuery };

/**
 * The actor's projects with their count of open (todo or doing) tasks, by name or newest first,
 * filtered by status and by a text in the name or description. Throws 'validation'.
 */
export async function listProjects(
  deps: ServiceDeps,
  actor: Actor,
  query: ProjectListQuery,
): Promise<Page<ProjectListItem>> {
  return pageOfProjects(deps.db, actor.id, parseOrThrow(ProjectListQuery, query));
}
