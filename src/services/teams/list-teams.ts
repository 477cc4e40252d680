import { listTeamsOf, type TeamWithRole } from '../../db/stores/team-store.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/** The teams the actor is in, each with the actor's role, by name. */
export async function listTeams(deps: ServiceDeps, actor: Actor): Promise<TeamWithRole[]> {
  return listTeamsOf(deps.db, actor.id);
}
