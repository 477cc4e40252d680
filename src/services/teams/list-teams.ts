import { listTeamsOf, type TeamWithRole } from '../../db/stores/team-store.ts';
import { hasTeamPermission, type TeamPermission } from '../../domain/team-policy.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/**
 * The teams the actor is in, each with the actor's role, by name; with `permission`, only those
 * where their role holds it (the teams a project may be shared with, say).
 */
export async function listTeams(
  deps: ServiceDeps,
  actor: Actor,
  options: { permission?: TeamPermission } = {},
): Promise<TeamWithRole[]> {
  const teams = await listTeamsOf(deps.db, actor.id);
  const { permission } = options;
  return permission ? teams.filter((team) => hasTeamPermission(team.role, permission)) : teams;
}
