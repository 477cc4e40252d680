import { expect } from 'vitest';
import type { TestBrowser } from './http-client.ts';
import { SoftwareAuthenticator } from './passkey-authenticator.ts';

/** A JSON call from our own page, as src/client/passkeys.ts makes it (CSRF token in a header). */
export async function postJson(
  browser: TestBrowser,
  path: string,
  body: unknown,
  options: { csrf?: string | null } = {},
): Promise<Response> {
  if (!browser.csrfToken) await browser.get('/login');
  const token = options.csrf === undefined ? browser.csrfToken : options.csrf;
  return browser.request(path, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      origin: browser.origin,
      'sec-fetch-site': 'same-origin',
      ...(token === null ? {} : { 'x-csrf-token': token }),
    },
  });
}

/**
 * Adds a passkey through Settings › Passkeys for the signed-in browser, made by a software
 * authenticator for `origin` (the server's APP_URL origin; http://localhost:3000 when unset).
 */
export async function addPasskeyInSettings(
  browser: TestBrowser,
  options: { name: string; origin: string; synced?: boolean },
): Promise<{ authenticator: SoftwareAuthenticator; credentialId: string }> {
  await browser.get('/settings/passkeys');
  const authenticator = new SoftwareAuthenticator(options.origin, { synced: options.synced ?? false });
  const created = await postJson(browser, '/settings/passkeys/options', {});
  expect(created.status).toBe(200);
  const response = authenticator.register(await created.json());
  const added = await postJson(browser, '/settings/passkeys', { name: options.name, response });
  expect(added.status, await added.clone().text()).toBe(201);
  return { authenticator, credentialId: response.id };
}
