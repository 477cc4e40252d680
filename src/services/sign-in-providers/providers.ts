import type { Config } from '../../config.ts';
import { createGitHubSignInClient } from '../../integrations/sign-in/github-sign-in-client.ts';
import { createOidcClient } from '../../integrations/sign-in/oidc-client.ts';
import type { SignInProviderClient } from '../../integrations/sign-in/provider-profile.ts';

export const PROVIDER_IDS = ['github', 'google', 'oidc'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** A configured provider: its id in URLs and rows, the name people read, and its client. */
export type SignInProvider = { id: ProviderId; name: string; client: SignInProviderClient };

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

const clients = new WeakMap<Config, Map<ProviderId, SignInProviderClient>>();

/** The providers this server offers, in the order their buttons appear. */
export function configuredProviders(config: Config): { id: ProviderId; name: string }[] {
  const p = config.signInProviders;
  const list: { id: ProviderId; name: string }[] = [];
  if (p.github) list.push({ id: 'github', name: 'GitHub' });
  if (p.google) list.push({ id: 'google', name: 'Google' });
  if (p.oidc) list.push({ id: 'oidc', name: p.oidc.name });
  return list;
}

/** The name people read for a provider id, configured or not (an old identity row's provider). */
export function providerName(config: Config, id: string): string {
  if (id === 'github') return 'GitHub';
  if (id === 'google') return 'Google';
  if (id === 'oidc') return config.signInProviders.oidc?.name ?? 'Single sign-on';
  return id;
}

/** The configured provider of that id (with its client, made once per config), or undefined. */
export function findProvider(config: Config, id: string): SignInProvider | undefined {
  if (!isProviderId(id)) return undefined;
  const p = config.signInProviders;
  const allowHttp = !config.isProduction;
  let made = clients.get(config);
  if (!made) {
    made = new Map();
    clients.set(config, made);
  }
  let client = made.get(id);
  if (!client) {
    if (id === 'github' && p.github) client = createGitHubSignInClient(p.github);
    if (id === 'google' && p.google) client = createOidcClient({ ...p.google, allowHttp });
    if (id === 'oidc' && p.oidc) client = createOidcClient({ ...p.oidc, allowHttp });
    if (!client) return undefined;
    made.set(id, client);
  }
  return { id, name: providerName(config, id), client };
}

/** Where the provider sends the person back: from APP_URL, never from a request's Host header. */
export function callbackUrlOf(config: Config, id: ProviderId): string {
  return `${config.appUrl ?? `http://localhost:${config.port}`}/auth/${id}/callback`;
}

/**
 * The origins people are sent to when they approve a sign-in (for the CSP's form-action): GitHub's
 * site, and each OpenID Connect issuer's origin, where providers serve their authorize endpoint.
 */
export function providerOrigins(config: Config): string[] {
  const p = config.signInProviders;
  const urls = [p.github?.url, p.google?.issuer, p.oidc?.issuer].filter((url): url is string => !!url);
  return [...new Set(urls.map((url) => new URL(url).origin))];
}
