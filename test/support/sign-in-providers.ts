import { expect } from 'vitest';
import type { Config } from '../../src/config.ts';
import type { FakeGitHubOAuth } from './fakes/github-oauth.ts';
import type { FakeOidcProvider } from './fakes/oidc-provider.ts';
import type { TestBrowser } from './http-client.ts';

/** The sign-in provider settings that point GitHub, Google and a generic OIDC provider at fakes. */
export function signInProvidersConfig(fakes: {
  github?: FakeGitHubOAuth;
  google?: FakeOidcProvider;
  oidc?: FakeOidcProvider;
  oidcName?: string;
  trustProviderMfa?: boolean;
}): Config['signInProviders'] {
  const { github, google, oidc } = fakes;
  return {
    github: github
      ? {
          clientId: github.clientId,
          clientSecret: github.clientSecret,
          url: github.origin,
          apiUrl: github.origin,
        }
      : undefined,
    google: google
      ? { clientId: google.clientId, clientSecret: google.clientSecret, issuer: google.issuer }
      : undefined,
    oidc: oidc
      ? {
          clientId: oidc.clientId,
          clientSecret: oidc.clientSecret,
          issuer: oidc.issuer,
          name: fakes.oidcName ?? 'Acme SSO',
        }
      : undefined,
    trustProviderMfa: fakes.trustProviderMfa ?? false,
  };
}

/** Where the provider's approval sends the browser back (a path on our app), after `start`. */
export async function approveAtProvider(start: Response): Promise<string> {
  expect(start.status).toBe(303);
  const atProvider = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const back = new URL(atProvider.headers.get('location')!);
  return `${back.pathname}${back.search}`;
}

/** Presses "Continue with …" on the login page and approves at the provider; returns our callback's answer. */
export async function signInWithProvider(browser: TestBrowser, provider: string): Promise<Response> {
  await browser.get('/login');
  const start = await browser.submit(`/auth/${provider}/start`, { timeZone: 'Europe/Berlin' });
  return browser.get(await approveAtProvider(start));
}
