import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIdentities, users } from '../../src/db/schema/index.ts';
import { totpCodeAt, totpStepAt } from '../../src/security/totp.ts';
import { PASSWORD } from '../support/factories.ts';
import { type FakeGitHubOAuth, startFakeGitHubOAuth } from '../support/fakes/github-oauth.ts';
import { type FakeOidcProvider, startFakeOidcProvider } from '../support/fakes/oidc-provider.ts';
import { TestBrowser } from '../support/http-client.ts';
import {
  approveAtProvider,
  signInProvidersConfig,
  signInWithProvider,
} from '../support/sign-in-providers.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let oidc: FakeOidcProvider;
let google: FakeOidcProvider;
let github: FakeGitHubOAuth;
let t: TestApp;
let closed: TestApp;
/** OAUTH_TRUST_PROVIDER_MFA=true: providers are trusted to have asked for a second factor. */
let trusting: TestApp;
let subjects = 0;

beforeAll(async () => {
  [oidc, google, github] = await Promise.all([
    startFakeOidcProvider(),
    startFakeOidcProvider({ clientId: 'google-client.apps.example' }),
    startFakeGitHubOAuth(),
  ]);
  const signInProviders = signInProvidersConfig({ oidc, google, github });
  t = await createTestApp({ config: { signInProviders } });
  closed = await createTestApp({ config: { signInProviders, allowSignup: false } });
  trusting = await createTestApp({
    config: { signInProviders: { ...signInProviders, trustProviderMfa: true } },
  });
});
afterAll(async () => {
  await Promise.all([oidc?.close(), google?.close(), github?.close()]);
});

/** A provider subject no earlier run used. */
function uniqueSubject(prefix: string): string {
  subjects += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${subjects}`;
}

/** A GitHub user id no earlier run used (PostgreSQL keeps every run's rows in one database). */
function newGitHubId(): number {
  return randomInt(1, 2 ** 47);
}

/** A new person at the OIDC fake: a fresh subject and email. */
function newOidcPerson(overrides: { email?: string; email_verified?: boolean } = {}) {
  oidc.person = {
    sub: uniqueSubject('sub'),
    email: uniqueEmail('oidc'),
    email_verified: true,
    ...overrides,
  };
  return oidc.person;
}

async function userByEmail(app: TestApp, email: string) {
  return (await app.deps.db.select().from(users).where(eq(users.email, email)))[0];
}

/** Opens the mailed link and presses its button, as the person would. */
async function followVerificationLink(browser: TestBrowser, token: string): Promise<Response> {
  const opened = await browser.get(`/verify-email/${token}`);
  expect(opened.headers.get('location')).toBe('/verify-email');
  const page = await browser.get('/verify-email');
  expect(await page.text()).toContain('Verify my email');
  return browser.submit('/verify-email', {});
}

/** A person with a password who also verified their email through the mailed link. */
async function verifiedPasswordPerson(): Promise<{ browser: TestBrowser; email: string }> {
  const email = uniqueEmail('local');
  const browser = new TestBrowser(t.app);
  await browser.signUp(email);
  const token = t.mailer.lastTo(email)!.text.match(/https?:\/\/\S+\/verify-email\/(\S+)/)![1]!;
  expect(await (await followVerificationLink(browser, token)).text()).toContain('Your email is verified');
  return { browser, email };
}

describe('buttons on the login and sign-up pages', () => {
  it('shows a button for each configured provider only', async () => {
    const browser = new TestBrowser(t.app);
    for (const path of ['/login', '/signup']) {
      const html = await (await browser.get(path)).text();
      expect(html).toContain('Continue with GitHub');
      expect(html).toContain('Continue with Google');
      expect(html).toContain('Continue with Acme SSO');
    }
    const bare = await createTestApp();
    const html = await (await new TestBrowser(bare.app).get('/login')).text();
    expect(html).not.toContain('Continue with');
  });

  it('sends the person to the provider with PKCE, state, nonce and the callback built from the configured address', async () => {
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const start = await browser.submit('/auth/oidc/start', {});
    const to = new URL(start.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${oidc.issuer}/authorize`);
    expect(to.searchParams.get('redirect_uri')).toBe(
      `http://localhost:${t.deps.config.port}/auth/oidc/callback`,
    );
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('state')).toMatch(/^.{20,}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^.{20,}$/);
  });

  it('refuses to start without the CSRF field', async () => {
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const start = await browser.submit('/auth/oidc/start', {}, { csrf: null });
    expect(start.status).toBe(403);
  });
});

describe('signing up and in with a provider', () => {
  it('signs up a new person with a verified email, without a password, then signs them in again', async () => {
    const person = newOidcPerson();
    const browser = new TestBrowser(t.app);
    const back = await signInWithProvider(browser, 'oidc');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/?welcome=1');
    const user = (await userByEmail(t, person.email!))!;
    expect(user.passwordHash).toBeNull();
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.timeZone).toBe('Europe/Berlin');
    const settings = await (await browser.get('/settings')).text();
    expect(settings).toContain('Set a password');
    expect(settings).not.toContain('Change password');

    const again = new TestBrowser(t.app);
    const second = await signInWithProvider(again, 'oidc');
    expect(second.headers.get('location')).toBe('/');
    expect((await again.get('/settings')).status).toBe(200);
    expect(await t.deps.db.select().from(users).where(eq(users.email, person.email!))).toHaveLength(1);
  });

  it('signs up with Google through its id_token, then signs in again by the same subject', async () => {
    const email = uniqueEmail('google');
    google.person = { sub: uniqueSubject('g'), email, email_verified: true };
    const back = await signInWithProvider(new TestBrowser(t.app), 'google');
    expect(back.headers.get('location')).toBe('/?welcome=1');
    const user = (await userByEmail(t, email))!;
    const rows = await t.deps.db.select().from(userIdentities).where(eq(userIdentities.userId, user.id));
    expect(rows).toMatchObject([{ provider: 'google', subject: google.person.sub, emailVerified: true }]);
    expect(google.tokenRequests.at(-1)?.refused).toBeUndefined();
    expect((await signInWithProvider(new TestBrowser(t.app), 'google')).headers.get('location')).toBe('/');
  });

  it('signs in with GitHub by its primary verified address, and again by the same GitHub id', async () => {
    const email = uniqueEmail('gh');
    github.person = {
      id: newGitHubId(),
      login: 'octo',
      emails: [
        { email: uniqueEmail('gh-other'), primary: false, verified: true },
        { email, primary: true, verified: true },
      ],
    };
    const browser = new TestBrowser(t.app);
    const back = await signInWithProvider(browser, 'github');
    expect(back.headers.get('location')).toBe('/?welcome=1');
    const user = (await userByEmail(t, email))!;
    const rows = await t.deps.db.select().from(userIdentities).where(eq(userIdentities.userId, user.id));
    expect(rows).toMatchObject([{ provider: 'github', subject: String(github.person.id), email }]);
    const again = await signInWithProvider(new TestBrowser(t.app), 'github');
    expect(again.headers.get('location')).toBe('/');
  });

  it('links by email to an account whose owner verified it, when the provider verified it too', async () => {
    const { email } = await verifiedPasswordPerson();
    newOidcPerson({ email, email_verified: true });
    const browser = new TestBrowser(t.app);
    const back = await signInWithProvider(browser, 'oidc');
    expect(back.headers.get('location')).toBe('/');
    const html = await (await browser.get('/settings/sign-in-methods')).text();
    expect(html).toContain('Acme SSO');
    expect(html).toContain('Unlink Acme SSO');
  });

  it('refuses an unverified provider email equal to an existing account (takeover attempt)', async () => {
    const { email } = await verifiedPasswordPerson();
    newOidcPerson({ email, email_verified: false });
    const browser = new TestBrowser(t.app);
    const back = await signInWithProvider(browser, 'oidc');
    expect(back.status).toBe(409);
    const html = await back.text();
    expect(html).toContain('has not verified this email address');
    expect(html).toContain('sign in with its password');
    expect(browser.cookies.has('ds_session')).toBe(false);
    const user = (await userByEmail(t, email))!;
    expect(await t.deps.db.select().from(userIdentities).where(eq(userIdentities.userId, user.id))).toEqual(
      [],
    );
  });

  it('refuses GitHub when the matching address is not its primary verified one', async () => {
    const { email } = await verifiedPasswordPerson();
    github.person = {
      id: newGitHubId(),
      login: 'sneaky',
      emails: [{ email, primary: true, verified: false }],
    };
    const back = await signInWithProvider(new TestBrowser(t.app), 'github');
    expect(back.status).toBe(409);
  });

  it('refuses to link by email when the local account never verified its address', async () => {
    const email = uniqueEmail('unverified');
    await new TestBrowser(t.app).signUp(email);
    newOidcPerson({ email, email_verified: true });
    const back = await signInWithProvider(new TestBrowser(t.app), 'oidc');
    expect(back.status).toBe(409);
    expect(await back.text()).toContain('its address is not verified yet');
  });

  it('keeps a person on their account by subject when their email changes at the provider, never moving them to another', async () => {
    const person = newOidcPerson();
    await signInWithProvider(new TestBrowser(t.app), 'oidc');
    const original = (await userByEmail(t, person.email!))!;
    const { email: otherEmail } = await verifiedPasswordPerson();
    oidc.person = { ...person, email: otherEmail, email_verified: true };
    const browser = new TestBrowser(t.app);
    expect((await signInWithProvider(browser, 'oidc')).headers.get('location')).toBe('/');
    const html = await (await browser.get('/settings')).text();
    expect(html).toContain(`Signed in as ${original.email}`);
    const other = (await userByEmail(t, otherEmail))!;
    expect(await t.deps.db.select().from(userIdentities).where(eq(userIdentities.userId, other.id))).toEqual(
      [],
    );
  });

  it('refuses a new account when sign-up is closed, and still signs in a linked one', async () => {
    oidc.person = {
      sub: uniqueSubject('closed'),
      email: uniqueEmail('closed'),
      email_verified: true,
    };
    const back = await signInWithProvider(new TestBrowser(closed.app), 'oidc');
    expect(back.status).toBe(403);
    expect(await back.text()).toContain('Sign-up is closed');
    expect(await userByEmail(closed, oidc.person.email!)).toBeUndefined();

    const linked = newOidcPerson();
    await signInWithProvider(new TestBrowser(t.app), 'oidc');
    oidc.person = linked;
    const known = await signInWithProvider(new TestBrowser(closed.app), 'oidc');
    expect(known.headers.get('location')).toBe('/');
  });
});

describe('what the callback refuses', () => {
  async function started(browser: TestBrowser) {
    newOidcPerson();
    await browser.get('/login');
    return browser.submit('/auth/oidc/start', {});
  }

  it('refuses a state that is not the one this browser started with', async () => {
    const browser = new TestBrowser(t.app);
    const back = new URL(await approveAtProvider(await started(browser)), 'http://localhost');
    back.searchParams.set('state', 'x'.repeat(43));
    const answer = await browser.get(`${back.pathname}${back.search}`);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('not valid any more');
  });

  it('refuses a flow finished in another browser (the state cookie is not there)', async () => {
    const path = await approveAtProvider(await started(new TestBrowser(t.app)));
    const answer = await new TestBrowser(t.app).get(path);
    expect(answer.status).toBe(400);
  });

  it('refuses a replayed callback: the state works once', async () => {
    const browser = new TestBrowser(t.app);
    const path = await approveAtProvider(await started(browser));
    const cookie = browser.cookies.get('ds_oauth')!;
    expect((await browser.get(path)).status).toBe(303);
    const replay = new TestBrowser(t.app);
    replay.cookies.set('ds_oauth', cookie);
    const answer = await replay.get(path);
    expect(answer.status).toBe(400);
  });

  it('refuses an expired flow after 10 minutes', async () => {
    const browser = new TestBrowser(t.app);
    const path = await approveAtProvider(await started(browser));
    t.clock.advance(11 * 60);
    expect((await browser.get(path)).status).toBe(400);
  });

  it('refuses an id_token with the wrong nonce', async () => {
    const browser = new TestBrowser(t.app);
    const path = await approveAtProvider(await started(browser));
    oidc.forcedNonce = 'a-nonce-from-another-flow';
    try {
      const answer = await browser.get(path);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain('did not confirm the sign-in');
      expect(browser.cookies.has('ds_session')).toBe(false);
    } finally {
      oidc.forcedNonce = undefined;
    }
  });

  it('refuses when the provider refuses the code (here: our client secret is wrong)', async () => {
    const wrong = await createTestApp({
      config: {
        signInProviders: signInProvidersConfig({
          oidc: { ...oidc, clientSecret: 'not-the-secret' } as FakeOidcProvider,
        }),
      },
    });
    newOidcPerson();
    const browser = new TestBrowser(wrong.app);
    const answer = await signInWithProvider(browser, 'oidc');
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('Acme SSO did not confirm the sign-in');
    expect(oidc.tokenRequests.at(-1)?.refused).toBe('client authentication');
  });

  it('says so when the provider cannot be reached, without a 500', async () => {
    const unreachable = await createTestApp({
      config: {
        signInProviders: {
          ...signInProvidersConfig({}),
          oidc: { clientId: 'x', clientSecret: 'y', issuer: 'http://127.0.0.1:9', name: 'Down SSO' },
        },
      },
    });
    const browser = new TestBrowser(unreachable.app);
    await browser.get('/login');
    const answer = await browser.submit('/auth/oidc/start', {});
    expect(answer.status).toBe(503);
    expect(await answer.text()).toContain('Down SSO cannot be reached right now');
  });

  it('answers 404 for a provider that is not configured', async () => {
    const browser = new TestBrowser(closed.app);
    const bare = await createTestApp();
    const other = new TestBrowser(bare.app);
    await other.get('/login');
    expect((await other.submit('/auth/github/start', {})).status).toBe(404);
    expect((await browser.get('/auth/nope/callback?state=x&code=y')).status).toBe(404);
  });
});

describe('two-factor sign-in after a provider', () => {
  it('asks for the second factor when the account has it on', async () => {
    const person = newOidcPerson();
    const browser = new TestBrowser(t.app);
    await signInWithProvider(browser, 'oidc');
    // A provider-only account sets a password through the mailed link before turning on 2FA.
    await browser.get('/settings');
    expect((await browser.submit('/settings/sign-in-methods/set-password', {})).status).toBe(303);
    const mail = t.mailer.lastTo(person.email!)!;
    expect(mail.subject).toBe('Set a password for Deepsheet');
    const token = mail.text.match(/\/reset-password\/(\S+)/)![1]!;
    await browser.get(`/reset-password/${token}`);
    await browser.submit('/reset-password', { password: PASSWORD });
    await browser.logIn(person.email!);
    await browser.submit('/settings/two-factor/setup', { password: PASSWORD });
    const page = await (await browser.get('/settings/two-factor')).text();
    const secret = page.match(/data-testid="totp-secret">([A-Z2-7 ]+)</)![1]!.replaceAll(' ', '');
    await browser.submit('/settings/two-factor/confirm', {
      code: totpCodeAt(secret, totpStepAt(t.clock.now())),
    });
    t.clock.advance(30);

    const fresh = new TestBrowser(t.app);
    const back = await signInWithProvider(fresh, 'oidc');
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('Open your authenticator app and type the code');
    expect(fresh.cookies.has('ds_session')).toBe(false);
    const done = await fresh.submit('/login/two-factor', {
      code: totpCodeAt(secret, totpStepAt(t.clock.now())),
    });
    expect(done.status).toBe(303);
    expect(fresh.cookies.has('ds_session')).toBe(true);

    // With OAUTH_TRUST_PROVIDER_MFA the provider's own second factor is enough; a password is not.
    const trusted = new TestBrowser(trusting.app);
    expect((await signInWithProvider(trusted, 'oidc')).headers.get('location')).toBe('/');
    expect(trusted.cookies.has('ds_session')).toBe(true);
    const byPassword = new TestBrowser(trusting.app);
    await byPassword.get('/login');
    const step = await byPassword.submit('/login', { email: person.email!, password: PASSWORD });
    expect(step.headers.get('location')).toBe('/login/two-factor');
  });
});

describe('Settings › Sign-in methods', () => {
  it('links a provider while signed in, whatever its email, and refuses one linked to another account', async () => {
    const { browser } = await verifiedPasswordPerson();
    github.person = {
      id: newGitHubId(),
      login: 'linker',
      emails: [{ email: uniqueEmail('elsewhere'), primary: true, verified: false }],
    };
    await browser.get('/settings/sign-in-methods');
    const start = await browser.submit('/settings/sign-in-methods/link/github', {});
    const back = await browser.get(await approveAtProvider(start));
    expect(back.headers.get('location')).toBe('/settings/sign-in-methods?saved=linked');
    const html = await (await browser.get('/settings/sign-in-methods?saved=linked')).text();
    expect(html).toContain('Unlink GitHub');

    const { browser: someoneElse } = await verifiedPasswordPerson();
    await someoneElse.get('/settings/sign-in-methods');
    const taken = await someoneElse.get(
      await approveAtProvider(await someoneElse.submit('/settings/sign-in-methods/link/github', {})),
    );
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('already linked to another Deepsheet account');
  });

  it('unlinks a provider when a password remains, but never the last way in', async () => {
    newOidcPerson();
    const browser = new TestBrowser(t.app);
    await signInWithProvider(browser, 'oidc');
    const html = await (await browser.get('/settings/sign-in-methods')).text();
    const id = html.match(/\/settings\/sign-in-methods\/([0-9a-f-]{36})\/unlink/)![1]!;
    const refused = await browser.submit(`/settings/sign-in-methods/${id}/unlink`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('This is your only way to sign in');

    const { browser: withPassword } = await verifiedPasswordPerson();
    github.person = { id: newGitHubId(), login: 'two-ways', emails: [] };
    await withPassword.get('/settings/sign-in-methods');
    await withPassword.get(
      await approveAtProvider(await withPassword.submit('/settings/sign-in-methods/link/github', {})),
    );
    const page = await (await withPassword.get('/settings/sign-in-methods')).text();
    const linked = page.match(/\/settings\/sign-in-methods\/([0-9a-f-]{36})\/unlink/)![1]!;
    const unlinked = await withPassword.submit(`/settings/sign-in-methods/${linked}/unlink`, {});
    expect(unlinked.headers.get('location')).toBe('/settings/sign-in-methods?saved=unlinked');
    expect(await (await withPassword.get('/settings/sign-in-methods')).text()).not.toContain('Unlink GitHub');
  });

  it('answers 404 for unlinking another person’s identity', async () => {
    newOidcPerson();
    const owner = new TestBrowser(t.app);
    await signInWithProvider(owner, 'oidc');
    const id = (await (await owner.get('/settings/sign-in-methods')).text()).match(
      /\/settings\/sign-in-methods\/([0-9a-f-]{36})\/unlink/,
    )![1]!;
    const { browser: stranger } = await verifiedPasswordPerson();
    await stranger.get('/settings/sign-in-methods');
    expect((await stranger.submit(`/settings/sign-in-methods/${id}/unlink`, {})).status).toBe(404);
  });

  it('sends a verification link from Settings, which verifies the email once', async () => {
    const email = uniqueEmail('verify');
    const browser = new TestBrowser(t.app);
    await browser.signUp(email);
    expect(await (await browser.get('/settings')).text()).toContain('Send a verification link');
    const sent = await browser.submit('/settings/sign-in-methods/verify-email', {});
    expect(sent.headers.get('location')).toBe('/settings/sign-in-methods?saved=verify-sent');
    const token = t.mailer.lastTo(email)!.text.match(/\/verify-email\/(\S+)/)![1]!;
    // Opening the link changes nothing (a mail scanner may open it); its button verifies.
    await browser.get(`/verify-email/${token}`);
    expect((await userByEmail(t, email))!.emailVerifiedAt).toBeNull();
    expect((await browser.submit('/verify-email', {})).status).toBe(200);
    expect((await userByEmail(t, email))!.emailVerifiedAt).not.toBeNull();
    expect((await followVerificationLink(browser, token)).status).toBe(400);
    expect(await (await browser.get('/settings/sign-in-methods')).text()).toContain(`${email} · verified`);
  });

  it('tells a provider-only account to set a password before deleting it', async () => {
    newOidcPerson();
    const browser = new TestBrowser(t.app);
    await signInWithProvider(browser, 'oidc');
    await browser.get('/settings');
    const answer = await browser.submit('/settings/delete-account', { password: 'anything at all here' });
    expect(answer.status).toBe(422);
    expect(await answer.text()).toContain('Your account has no password yet');
  });
});
