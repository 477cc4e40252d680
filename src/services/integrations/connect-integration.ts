import type { IntegrationConnectionRow } from '../../db/schema/index.ts';
import { insertConnection, updateConnection } from '../../db/stores/integration-store.ts';
import { AppError } from '../../domain/errors.ts';
import { IntegrationInput } from '../../domain/inputs/integrations.ts';
import { DEFAULT_BASE_URLS, PROVIDER_NAMES } from '../../domain/integration-values.ts';
import { assertOutboundUrl, OutboundRefused } from '../../security/guarded-fetch.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { JOB_NAMES } from '../job-sender.ts';
import { reachProject } from '../reach-work.ts';
import { clientFor, isDefaultBase, tokenBox } from './provider-access.ts';

/**
 * The API base to use: the provider's default, or an https URL of a self-hosted instance (plain
 * http only outside production, for local fakes). Throws 'validation'.
 */
export function checkBaseUrl(
  deps: ServiceDeps,
  provider: 'github' | 'gitlab',
  baseUrl: string | undefined,
): URL {
  const refuse = (message: string) => new AppError('validation', message, { fields: { baseUrl: message } });
  let url: URL;
  try {
    url = new URL(baseUrl || DEFAULT_BASE_URLS[provider]);
  } catch {
    throw refuse('Write the API address as a full URL, such as https://gitlab.example.com/api/v4.');
  }
  const isHttp = url.protocol === 'http:' && !deps.config.isProduction;
  if ((url.protocol !== 'https:' && !isHttp) || url.username || url.password || url.search || url.hash)
    throw refuse('The API address must be an https URL without a query.');
  return url;
}

/**
 * A self-hosted instance's address must not point inside our network (SSRF): refused when its
 * name resolves to a loopback, private, link-local or metadata address, unless the operator
 * allows private addresses (WEBHOOK_ALLOW_PRIVATE, which covers every address people type in).
 * The requests themselves check again before connecting (provider-access.ts).
 */
async function assertPublicBase(deps: ServiceDeps, provider: 'github' | 'gitlab', baseUrl: string) {
  if (isDefaultBase(provider, baseUrl)) return;
  try {
    await assertOutboundUrl(baseUrl, { allowPrivate: deps.config.webhookAllowPrivate });
  } catch (error) {
    if (!(error instanceof OutboundRefused)) throw error;
    const message = error.message.replace('events go to', 'integrations reach');
    throw new AppError('validation', message, { fields: { baseUrl: message } });
  }
}

/**
 * Connects a GitHub or GitLab account: checks the token with the provider, seals it, and queues a
 * first import into a project the actor may add tasks to. Throws 'validation' (also for a token
 * the provider refuses), 'not_found' (the project) and 'forbidden' (a team viewer).
 */
export async function connectIntegration(
  deps: ServiceDeps,
  actor: Actor,
  input: IntegrationInput,
): Promise<IntegrationConnectionRow> {
  const data = parseOrThrow(IntegrationInput, input);
  const base = checkBaseUrl(deps, data.provider, data.baseUrl);
  const baseUrl = base.href.replace(/\/+$/, '');
  // The project first: nothing leaves the server for a request that names someone else's.
  await deps.db.transaction((tx) =>
    reachProject(tx, actor, data.projectId, 'tasks.write', { field: 'projectId' }),
  );
  await assertPublicBase(deps, data.provider, baseUrl);
  const who = await clientFor(deps, { provider: data.provider, baseUrl, token: data.token }).whoAmI();
  if (!who.ok) {
    const name = PROVIDER_NAMES[data.provider];
    const message =
      who.kind === 'unauthorized'
        ? `${name} did not accept this token. Check that it is complete and has not expired.`
        : `Could not check the token with ${name} at this address. Check the API address and try again.`;
    throw new AppError('validation', message, { fields: { token: message } });
  }
  const now = deps.clock.now();
  const connection = await insertConnection(deps.db, {
    userId: actor.id,
    provider: data.provider,
    baseUrl,
    host: base.host.toLowerCase(),
    sealedToken: tokenBox(deps).seal(data.token),
    accountLogin: who.login,
    repositories: data.repositories === 'all' ? null : [...new Set(data.repositories)],
    projectId: data.projectId,
    createdAt: now,
    updatedAt: now,
  });
  await requestSync(deps, connection.id);
  return { ...connection, syncRequestedAt: now };
}

/** Queues a sync of the connection: one queued and one running at most. */
export async function requestSync(deps: ServiceDeps, connectionId: string): Promise<void> {
  await updateConnection(deps.db, connectionId, { syncRequestedAt: deps.clock.now() });
  await deps.jobs.send({
    name: JOB_NAMES.syncIntegration,
    data: { connectionId },
    singletonKey: connectionId,
  });
}
