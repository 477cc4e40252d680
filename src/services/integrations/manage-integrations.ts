import type { IntegrationConnectionRow } from '../../db/schema/index.ts';
import {
  deleteOwnConnection,
  findOwnConnection,
  listOwnConnections,
} from '../../db/stores/integration-store.ts';
import { AppError } from '../../domain/errors.ts';
import { PROVIDER_NAMES } from '../../domain/integration-values.ts';
import { hasTeamPermission } from '../../domain/team-policy.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { listProjects } from '../projects/list-projects.ts';
import { requestSync } from './connect-integration.ts';

/** The actor's connections, newest first. */
export function listIntegrations(deps: ServiceDeps, actor: Actor): Promise<IntegrationConnectionRow[]> {
  return listOwnConnections(deps.db, actor.id);
}

/** One of the actor's connections. Throws 'not_found'. */
export function findIntegration(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<IntegrationConnectionRow> {
  return findOwnConnection(deps.db, actor.id, id);
}

/** Disconnects: the token is deleted; imported tasks stay the person's. Throws 'not_found'. */
export async function disconnectIntegration(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  await deleteOwnConnection(deps.db, actor.id, id);
}

/**
 * "Sync now": queues a sync of one of the actor's connections. Throws 'not_found', and 'conflict'
 * for a connection whose token the provider refused (only connecting again mends it).
 */
export async function syncIntegrationNow(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<IntegrationConnectionRow> {
  const connection = await findOwnConnection(deps.db, actor.id, id);
  if (connection.status === 'broken')
    throw new AppError(
      'conflict',
      `${PROVIDER_NAMES[connection.provider]} no longer accepts this token. Connect again with a new token.`,
    );
  await requestSync(deps, connection.id);
  return { ...connection, syncRequestedAt: deps.clock.now() };
}

/**
 * The projects imported issues may land in: the actor's own and their teams' where they may add
 * tasks (what connectIntegration accepts), archived ones left out; by name.
 */
export async function listImportTargets(
  deps: ServiceDeps,
  actor: Actor,
): Promise<{ id: string; name: string; teamName: string | null }[]> {
  const projects = await listProjects(deps, actor, { limit: 100, status: 'all', order: 'name' });
  return projects.items
    .filter((p) => p.status !== 'archived' && (p.role === null || hasTeamPermission(p.role, 'tasks.write')))
    .map((p) => ({ id: p.id, name: p.name, teamName: p.teamName }));
}
