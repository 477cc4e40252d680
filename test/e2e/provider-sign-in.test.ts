import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_DATABASES,
  type Browser,
  hasBrowser,
  LAPTOP,
  launchBrowser,
  openContext,
  type Page,
  startTestServer,
  type TestServer,
} from '../support/browser.ts';
import { type FakeOidcProvider, startFakeOidcProvider } from '../support/fakes/oidc-provider.ts';
import { freePort } from '../support/free-port.ts';

// Sign up and in with an OpenID Connect provider from the pages alone: the "Continue with …"
// button, the provider's (fake) approval page with its button, back to the sheet; then Settings ›
// Sign-in methods shows the link and refuses to unlink the only way in.

async function approveAtFake(page: Page, email: string): Promise<void> {
  await page.getByRole('heading', { name: `Sign in to Deepsheet as ${email}?` }).waitFor();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)('sign in with a provider (%s)', (database) => {
  let server: TestServer;
  let browser: Browser;
  let oidc: FakeOidcProvider;
  beforeAll(async () => {
    oidc = await startFakeOidcProvider();
    oidc.showsApprovalPage = true;
    const port = await freePort();
    server = await startTestServer({
      database,
      env: {
        PORT: String(port),
        // The provider sends the browser back to APP_URL's callback.
        APP_URL: `http://127.0.0.1:${port}`,
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
        OIDC_NAME: 'Acme SSO',
      },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await oidc?.close();
  });

  it('signs up through the approval page, signs in again, and keeps the only way in linked', async () => {
    const email = `sso-${database}-${Date.now()}@example.test`;
    oidc.person = { sub: `browser-${database}-${Date.now()}`, email, email_verified: true };
    const person = await openContext(browser, server.url, LAPTOP, {
      // Unlinking the only way in is refused with 409, which the browser logs.
      expectedProblems: [/status of 409/],
    });
    // The browser may go to the provider's (fake) approval page; every other host stays refused.
    await person.context.route(`${new URL(oidc.issuer).origin}/**`, (route) => route.continue());
    const page = await person.context.newPage();

    await page.goto('/signup');
    await page.getByRole('button', { name: 'Continue with Acme SSO' }).click();
    await approveAtFake(page, email);
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('heading', { name: 'Set a password' }).waitFor();
    await page.getByRole('link', { name: 'Password, GitHub, Google and single sign-on' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign-in methods' }).waitFor();
    expect(await page.getByTestId('email-state').textContent()).toBe(`${email} · verified`);
    expect(await page.getByTestId('linked-providers').textContent()).toContain('Acme SSO');
    await page.getByRole('button', { name: 'Unlink Acme SSO' }).click();
    await page.getByText('This is your only way to sign in.', { exact: false }).waitFor();

    // Signed out, the same provider signs the same person in again.
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('button', { name: 'Continue with Acme SSO' }).click();
    await approveAtFake(page, email);
    await page.goto('/settings');
    expect(await page.getByText(`Signed in as ${email}`).count()).toBe(1);
  });
});
