import type { ProjectListItem } from '../../db/stores/project-store.ts';
import { pageOfProjects } from '../../db/stores/project-store.ts';
import { teamWorkCount } from '../../db/stores/team-work-store.ts';
import { ProjectListQuery } from '../../domain/inputs/projects.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from './team-access.ts';

/** A team's projects (by name, with their open tasks) and how many tasks it holds in all. */
export type TeamWork = { projects: ProjectListItem[]; projectCount: number; taskCount: number };

/** The team's projects for its page, read holding the team. Throws 'not_found' to outsiders. */
export async function getTeamWork(deps: ServiceDeps, actor: Actor, teamId: string): Promise<TeamWork> {
  return deps.db.transaction(async (tx) => {
    await authorizeTeam(tx, actor, teamId, 'team.read', { forShare: true });
    const query = parseOrThrow(ProjectListQuery, { teamId, limit: 100, order: 'name' });
    const page = await pageOfProjects(tx, actor.id, query);
    const count = await teamWorkCount(tx, teamId);
    return { projects: page.items, projectCount: count.projects, taskCount: count.tasks };
  });
}
