import type { IntegrationConnectionRow, SyncProgress } from '../../db/schema/index.ts';
import { addSyncCounts, findConnection, updateConnection } from '../../db/stores/integration-store.ts';
import { isAppError } from '../../domain/errors.ts';
import type { ProviderClient, ProviderFailure } from '../../integrations/provider-client.ts';
import type { ServiceDeps } from '../deps.ts';
import { reachProject } from '../reach-work.ts';
import { applyItems, type ImportTarget } from './apply-items.ts';
import { connectionClient, describeFailure } from './provider-access.ts';

export type SyncOutcome = 'done' | 'waiting' | 'broken' | 'skipped';

/** Thrown for a failure worth retrying soon (the network): the job's retries back off. */
export class RetryableSyncError extends Error {}

/**
 * Imports and re-syncs a connection's issues, page by page. Each page is applied in one
 * transaction with the progress that follows it, so a sync killed at any point resumes where the
 * last page ended and repeats nothing. Rate limits park the connection until the reset; a
 * refused token marks it broken; a repository that is gone is skipped and said so.
 */
export async function syncConnection(deps: ServiceDeps, connectionId: string): Promise<SyncOutcome> {
  const connection = await findConnection(deps.db, connectionId);
  if (!connection || connection.status === 'broken') return 'skipped';
  const now = deps.clock.now();
  if (connection.waitingUntil && connection.waitingUntil > now) return 'waiting';
  const target = await targetOf(deps, connection);
  if (!target) return 'skipped';
  const client = connectionClient(deps, connection);
  let progress = connection.progress;
  if (!progress) {
    const started = await startRun(deps, connection, client);
    if (!started.ok) return fail(deps, connection, started);
    progress = started.progress;
  }
  return walk(deps, connection, client, target, progress);
}

async function targetOf(
  deps: ServiceDeps,
  connection: IntegrationConnectionRow,
): Promise<ImportTarget | null> {
  if (!connection.projectId) return { projectId: null, teamId: null };
  const actor = { id: connection.userId, email: '', isAdmin: false };
  const projectId = connection.projectId;
  try {
    const { project } = await deps.db.transaction((tx) => reachProject(tx, actor, projectId, 'tasks.write'));
    return { projectId: project.id, teamId: project.teamId };
  } catch (error) {
    if (!isAppError(error)) throw error;
    await updateConnection(deps.db, connection.id, {
      lastError: 'You can no longer add tasks to the chosen project. Connect again with another project.',
      updatedAt: deps.clock.now(),
    });
    return null;
  }
}

async function startRun(
  deps: ServiceDeps,
  connection: IntegrationConnectionRow,
  client: ProviderClient,
): Promise<{ ok: true; progress: SyncProgress } | ProviderFailure> {
  let repositories = connection.repositories;
  if (!repositories) {
    const listed = await client.listRepositories();
    if (!listed.ok) return listed;
    repositories = listed.repositories;
  }
  const now = deps.clock.now();
  const progress: SyncProgress = {
    repositories,
    repositoryIndex: 0,
    phase: 'issues',
    nextPage: null,
    seen: 0,
    total: null,
    startedAt: now.toISOString(),
    problems: [],
  };
  await updateConnection(deps.db, connection.id, {
    progress,
    importedCount: 0,
    updatedCount: 0,
    skippedCount: 0,
    updatedAt: now,
  });
  return { ok: true, progress };
}

const sinceKey = (repository: string, phase: SyncProgress['phase']) =>
  phase === 'issues' ? repository : `${repository} merge requests`;

async function walk(
  deps: ServiceDeps,
  connection: IntegrationConnectionRow,
  client: ProviderClient,
  target: ImportTarget,
  start: SyncProgress,
): Promise<SyncOutcome> {
  let progress = start;
  let { syncedSince, etags } = connection;
  while (progress.repositoryIndex < progress.repositories.length) {
    const repository = progress.repositories[progress.repositoryIndex]!;
    const key = sinceKey(repository, progress.phase);
    const since = syncedSince[key] ?? null;
    const url =
      progress.nextPage ??
      (progress.phase === 'issues'
        ? client.issuesUrl(repository, since)
        : client.pullsUrl(repository, since));
    if (!url) {
      progress = nextRepository(progress);
      continue;
    }
    const page = await client.fetchPage(url, repository, etags[url]);
    if (!page.ok && page.kind !== 'not_found') return fail(deps, connection, page);
    if (!page.ok) {
      progress = {
        ...nextRepository(progress),
        problems: [...progress.problems, `${repository} was not found`],
      };
      await updateConnection(deps.db, connection.id, { progress, updatedAt: deps.clock.now() });
      continue;
    }
    const now = deps.clock.now();
    if (page.notModified) {
      progress =
        progress.phase === 'issues'
          ? { ...progress, phase: 'pulls', nextPage: null }
          : nextRepository(progress);
      await updateConnection(deps.db, connection.id, { progress, updatedAt: now });
      continue;
    }
    const newest = page.items.reduce<string | null>(
      (max, item) => (max && max > item.updatedAt ? max : item.updatedAt),
      since,
    );
    if (page.etag) etags = { ...etags, [url]: page.etag };
    if (newest && !page.next) syncedSince = { ...syncedSince, [key]: newest };
    const next: SyncProgress = page.next
      ? { ...progress, nextPage: page.next }
      : progress.phase === 'issues'
        ? { ...progress, phase: 'pulls', nextPage: null }
        : nextRepository(progress);
    const firstPage = progress.nextPage === null;
    progress = {
      ...next,
      seen: progress.seen + page.items.length,
      total: firstPage && page.total ? progress.seen + page.total : progress.total,
    };
    await deps.db.transaction(async (tx) => {
      const counts = await applyItems(tx, connection, target, page.items, now);
      await updateConnection(tx, connection.id, { progress, etags, syncedSince, updatedAt: now });
      await addSyncCounts(tx, connection.id, counts);
    });
  }
  return finish(deps, connection, progress);
}

function nextRepository(progress: SyncProgress): SyncProgress {
  return { ...progress, repositoryIndex: progress.repositoryIndex + 1, phase: 'issues', nextPage: null };
}

async function finish(
  deps: ServiceDeps,
  connection: IntegrationConnectionRow,
  progress: SyncProgress,
): Promise<SyncOutcome> {
  const now = deps.clock.now();
  await updateConnection(deps.db, connection.id, {
    progress: null,
    status: 'ok',
    waitingUntil: null,
    lastSyncedAt: now,
    lastError: progress.problems.length > 0 ? `Skipped: ${progress.problems.join('; ')}.` : null,
    updatedAt: now,
  });
  return 'done';
}

/** Records a failure in words; the progress stays, so the next run resumes where this one stopped. */
async function fail(
  deps: ServiceDeps,
  connection: IntegrationConnectionRow,
  failure: ProviderFailure,
): Promise<SyncOutcome> {
  const lastError = describeFailure(connection.provider, failure);
  const now = deps.clock.now();
  if (failure.kind === 'rate_limited') {
    await updateConnection(deps.db, connection.id, {
      status: 'rate_limited',
      waitingUntil: failure.until,
      lastError,
      updatedAt: now,
    });
    return 'waiting';
  }
  if (failure.kind === 'unauthorized') {
    await updateConnection(deps.db, connection.id, { status: 'broken', lastError, updatedAt: now });
    return 'broken';
  }
  await updateConnection(deps.db, connection.id, { status: 'failing', lastError, updatedAt: now });
  throw new RetryableSyncError(lastError);
}
