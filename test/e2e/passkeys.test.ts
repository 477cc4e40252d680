import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt, totpStepAt } from '../../src/security/totp.ts';
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
import { PASSWORD, setServerTime, signUpInPage } from '../support/e2e-flows.ts';
import { freePort } from '../support/free-port.ts';

// Passkeys through Chromium's own WebAuthn code with its virtual authenticator (over CDP): what
// the page's script sends is exactly what a person's device would send. WebAuthn refuses IP
// addresses as RP IDs, so the server's APP_URL and the pages are on localhost, not 127.0.0.1.

/** Logs out from Settings; the browser lands on /login, or wherever the autofill takes it. */
async function logOut(page: Page, landsOn = '/login'): Promise<void> {
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL((url) => url.pathname === landsOn);
}

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)('passkeys in the browser (%s)', (database) => {
  let server: TestServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = await startTestServer({
      database,
      env: { PORT: String(port), APP_URL: base, ALLOW_SIGNUP: 'true' },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds a passkey, signs in with it alone, answers the second step with it, and removes it', async () => {
    const { context } = await openContext(browser, base, LAPTOP, {
      // The refused sign-in at the end, with the removed passkey, is a 401 the page explains.
      expectedProblems: [/status of 401/],
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    // Chromium's virtual authenticator answers the login page's autofill request (conditional
    // mediation) at once, as a person picking their passkey from the list would. To try the
    // button and the password, the page is made to believe the browser has no autofill UI.
    await context.addInitScript(() => {
      if (sessionStorage.getItem('e2e-no-autofill') && window.PublicKeyCredential)
        PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    });
    const autofill = (isOn: boolean) =>
      page.evaluate((on) => {
        if (on) sessionStorage.removeItem('e2e-no-autofill');
        else sessionStorage.setItem('e2e-no-autofill', '1');
      }, isOn);
    const email = `passkey-${database}-${Date.now()}@example.test`;
    await signUpInPage(page, email);

    // Add one in Settings › Passkeys.
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Your passkeys' }).click();
    await page.getByLabel('Name').fill('This laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.waitForURL((url) => url.search === '?saved=added');
    expect(await page.getByTestId('passkey').textContent()).toContain('This laptop');
    expect(await page.getByTestId('passkey').textContent()).toContain('not used yet');

    // Sign in with it alone, by the button: no email, no password.
    let optionsAsked = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/login/passkey/options')) optionsAsked += 1;
    });
    await autofill(false);
    await logOut(page);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(optionsAsked).toBe(1);
    await page.goto('/settings/passkeys');
    expect(await page.getByTestId('passkey').textContent()).toContain('last used');

    // And from the email field's autofill, which the browser offers as the page loads.
    await autofill(true);
    await logOut(page, '/');
    expect(optionsAsked).toBe(2);

    // Turn on two-factor sign-in with an authenticator app, at a server time we know.
    await page.goto('/settings/two-factor');
    await page.getByLabel('Your password, to start').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set up' }).click();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replaceAll(' ', '');
    const now = new Date();
    await setServerTime(base, { now: now.toISOString() });
    await page.getByLabel('The 6-digit code your app shows now').fill(totpCodeAt(secret, totpStepAt(now)));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await page.getByTestId('recovery-codes').waitFor();

    // The password, then the passkey instead of a code.
    await autofill(false);
    await logOut(page);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/login/two-factor');
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // Remove it: it no longer signs in, and the login page says so.
    await page.goto('/settings/passkeys');
    await page.getByRole('button', { name: 'Remove This laptop' }).click();
    await page.waitForURL((url) => url.search === '?saved=removed');
    expect(await page.getByTestId('no-passkeys').textContent()).toContain('You have no passkeys yet.');
    await autofill(true);
    await logOut(page);
    await expect
      .poll(() => page.locator('[data-passkey-error]').textContent())
      .toContain('That passkey was not accepted');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('offers no passkey at 127.0.0.1, which the RP ID localhost does not cover', async () => {
    const { context } = await openContext(browser, base.replace('localhost', '127.0.0.1'), LAPTOP);
    const page = await context.newPage();
    let optionsAsked = 0;
    page.on('request', (request) => {
      if (request.url().includes('/passkey/options')) optionsAsked += 1;
    });
    await page.goto('/login');
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in with a passkey' }).isVisible()).toBe(false);
    expect(optionsAsked).toBe(0);
    await context.close();
  });
});
