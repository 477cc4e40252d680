import type { IntegrationConnectionRow } from '../../db/schema/index.ts';
import {
  DEFAULT_BASE_URLS,
  type IntegrationProvider,
  PROVIDER_NAMES,
} from '../../domain/integration-values.ts';
import { createGitHubClient } from '../../integrations/github-client.ts';
import { createGitLabClient } from '../../integrations/gitlab-client.ts';
import type { ProviderClient, ProviderFailure } from '../../integrations/provider-client.ts';
import { assertOutboundUrl } from '../../security/guarded-fetch.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import type { ServiceDeps } from '../deps.ts';

/** Tokens are sealed under their own purpose: no other secret box opens them. */
export const tokenBox = (deps: ServiceDeps) => createSecretBox(deps.config.secret, 'integration-token');

export const isDefaultBase = (provider: IntegrationProvider, baseUrl: string) =>
  baseUrl.replace(/\/+$/, '') === DEFAULT_BASE_URLS[provider];

/**
 * The fetch a client uses. For a self-hosted base the host's addresses are checked before every
 * request, so a name that later points inward is refused then too (with no socket opened).
 */
function fetchFor(deps: ServiceDeps, provider: IntegrationProvider, baseUrl: string) {
  const send = deps.integrationFetch ?? fetch;
  if (isDefaultBase(provider, baseUrl)) return send;
  return async (input: string, init?: RequestInit) => {
    await assertOutboundUrl(input, { allowPrivate: deps.config.webhookAllowPrivate });
    return send(input, init);
  };
}

export function clientFor(
  deps: ServiceDeps,
  target: { provider: IntegrationProvider; baseUrl: string; token: string },
): ProviderClient {
  const options = {
    baseUrl: target.baseUrl,
    token: target.token,
    now: () => deps.clock.now(),
    fetch: fetchFor(deps, target.provider, target.baseUrl),
  };
  return target.provider === 'github' ? createGitHubClient(options) : createGitLabClient(options);
}

export function connectionClient(deps: ServiceDeps, connection: IntegrationConnectionRow): ProviderClient {
  return clientFor(deps, { ...connection, token: tokenBox(deps).open(connection.sealedToken) });
}

/** A failure in words for the connection's page, calm and saying what happens next. */
export function describeFailure(provider: IntegrationProvider, failure: ProviderFailure): string {
  const name = PROVIDER_NAMES[provider];
  switch (failure.kind) {
    case 'unauthorized':
      return `${name} no longer accepts the token. Connect again with a new token to carry on.`;
    case 'rate_limited':
      return `${name} asked us to slow down; the sync carries on by itself.`;
    case 'not_found':
      return `${name} could not find it; it may have been deleted, renamed, or the token cannot see it.`;
    case 'network':
      return `Could not reach ${name} (${failure.message}); trying again shortly.`;
    case 'unexpected':
      return `${name} answered with an unexpected status (${failure.status}); trying again later.`;
  }
}
