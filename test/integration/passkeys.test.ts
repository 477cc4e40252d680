import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { passkeys, webauthnChallenges } from '../../src/db/schema/index.ts';
import { totpCodeAt, totpStepAt } from '../../src/security/totp.ts';
import { PASSKEY_OPTIONS_RULE, PASSKEY_SIGN_IN_RULES } from '../../src/services/passkeys/passkey-sign-in.ts';
import { pruneExpired } from '../../src/services/prune-expired.ts';
import { PASSWORD } from '../support/factories.ts';
import { TestBrowser } from '../support/http-client.ts';
import { type Bend, SoftwareAuthenticator } from '../support/passkey-authenticator.ts';
import { addPasskeyInSettings, postJson } from '../support/passkeys.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

// The relying party comes from APP_URL alone: RP ID localhost, origin http://localhost:3000.
const ORIGIN = 'http://localhost:3000';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { appUrl: ORIGIN } });
});

const browserAt = (ip?: string) => new TestBrowser(t.app, ip, ORIGIN);

type Person = {
  email: string;
  browser: TestBrowser;
  authenticator: SoftwareAuthenticator;
  credentialId: string;
};

/** A person who added a passkey in Settings › Passkeys. */
async function withPasskey(options: { synced?: boolean; name?: string } = {}): Promise<Person> {
  const email = uniqueEmail('passkey');
  const browser = browserAt();
  await browser.signUp(email);
  const added = await addPasskeyInSettings(browser, {
    name: options.name ?? 'Work laptop',
    origin: ORIGIN,
    synced: options.synced ?? false,
  });
  return { email, browser, ...added };
}

/** Signs in with the passkey alone on a fresh browser; returns the browser and the last answer. */
async function passkeySignIn(person: Person, bend: Bend = {}, browser = browserAt()) {
  await browser.get('/login');
  const options = await (await postJson(browser, '/login/passkey/options', {})).json();
  const response = person.authenticator.authenticate(options, bend);
  const answer = await postJson(browser, '/login/passkey?next=%2Freports', { response, remember: true });
  return { browser, answer, response };
}

async function isSignedIn(browser: TestBrowser): Promise<boolean> {
  return (await browser.get('/')).status === 200;
}

describe('adding passkeys in Settings', () => {
  it('lists an added passkey with its name and when it was added and used', async () => {
    const person = await withPasskey({ name: 'Work laptop' });
    let page = await (await person.browser.get('/settings/passkeys?saved=added')).text();
    expect(page).toContain('The passkey is added');
    expect(page).toContain('Work laptop');
    expect(page).toContain('not used yet');
    await passkeySignIn(person);
    page = await (await person.browser.get('/settings/passkeys')).text();
    expect(page).toContain('last used');
    expect(await (await person.browser.get('/settings')).text()).toContain('href="/settings/passkeys"');
  });

  it('refuses an answer made for another site or another RP ID, and adds nothing', async () => {
    const email = uniqueEmail('passkey-origin');
    const browser = browserAt();
    await browser.signUp(email);
    await browser.get('/settings/passkeys');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    for (const bend of [{ origin: 'https://evil.example' }, { rpId: 'evil.example' }]) {
      const options = await (await postJson(browser, '/settings/passkeys/options', {})).json();
      const answer = await postJson(browser, '/settings/passkeys', {
        name: 'Phone',
        response: authenticator.register(options, bend),
      });
      expect(answer.status).toBe(401);
      expect((await answer.json()).detail).toBe('That passkey could not be added. Try again.');
    }
    expect(await (await browser.get('/settings/passkeys')).text()).toContain('You have no passkeys yet.');
  });

  it('does not take an answer to another person’s challenge', async () => {
    const alice = browserAt();
    await alice.signUp(uniqueEmail('passkey-alice'));
    const bob = browserAt();
    await bob.signUp(uniqueEmail('passkey-bob'));
    await alice.get('/settings/passkeys');
    await bob.get('/settings/passkeys');
    const options = await (await postJson(alice, '/settings/passkeys/options', {})).json();
    const response = new SoftwareAuthenticator(ORIGIN).register(options);
    const answer = await postJson(bob, '/settings/passkeys', { name: 'Stolen', response });
    expect(answer.status).toBe(410);
  });

  it('refuses a name that is too long or has control characters, with the reason', async () => {
    const browser = browserAt();
    await browser.signUp(uniqueEmail('passkey-name'));
    await browser.get('/settings/passkeys');
    const options = await (await postJson(browser, '/settings/passkeys/options', {})).json();
    const response = new SoftwareAuthenticator(ORIGIN).register(options);
    const long = await postJson(browser, '/settings/passkeys', { name: 'x'.repeat(61), response });
    expect(long.status).toBe(422);
    expect((await long.json()).errors.name).toContain('60 characters');
    const control = await postJson(browser, '/settings/passkeys', { name: 'a\u0007b', response });
    expect(control.status).toBe(422);
  });

  it('answers 4xx, never 500, to bodies that are not an answer', async () => {
    const browser = browserAt();
    await browser.signUp(uniqueEmail('passkey-garbage'));
    await browser.get('/settings/passkeys');
    expect((await postJson(browser, '/settings/passkeys', '{not json')).status).toBe(400);
    for (const response of [
      null,
      'x',
      { id: 'abc' },
      {
        id: 'a',
        rawId: 'a',
        type: 'public-key',
        response: { clientDataJSON: 'bm90IGpzb24', attestationObject: 'AA' },
      },
    ]) {
      const answer = await postJson(browser, '/settings/passkeys', { name: 'x', response });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    const signIn = await postJson(browserAt(), '/login/passkey', { response: { id: 'x' } });
    expect(signIn.status).toBe(401);
  });
});

describe('signing in with a passkey alone', () => {
  it('starts a normal session and goes where the page asked', async () => {
    const person = await withPasskey();
    const { browser, answer } = await passkeySignIn(person);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ redirect: '/reports' });
    expect(await isSignedIn(browser)).toBe(true);
    expect(await (await browser.get('/settings')).text()).toContain(person.email);
  });

  it('takes each challenge once: a replayed answer is refused', async () => {
    const person = await withPasskey({ synced: true });
    const { answer, response } = await passkeySignIn(person);
    expect(answer.status).toBe(200);
    const thief = browserAt();
    await thief.get('/login');
    const replay = await postJson(thief, '/login/passkey', { response, remember: true });
    expect(replay.status).toBe(410);
    expect(await isSignedIn(thief)).toBe(false);
  });

  it('refuses a challenge older than five minutes', async () => {
    const person = await withPasskey();
    const browser = browserAt();
    await browser.get('/login');
    const options = await (await postJson(browser, '/login/passkey/options', {})).json();
    t.clock.advance(5 * 60 + 1);
    const late = await postJson(browser, '/login/passkey', {
      response: person.authenticator.authenticate(options),
      remember: true,
    });
    expect(late.status).toBe(410);
    expect((await late.json()).detail).toContain('expired');
  });

  it('forgets challenges nobody answered once they expire', async () => {
    const browser = browserAt();
    await browser.get('/login');
    const options = await (await postJson(browser, '/login/passkey/options', {})).json();
    const stored = () =>
      t.deps.db.select().from(webauthnChallenges).where(eq(webauthnChallenges.challenge, options.challenge));
    expect(await stored()).toHaveLength(1);
    t.clock.advance(5 * 60 + 1);
    expect((await pruneExpired(t.deps)).webauthnChallenges).toBeGreaterThanOrEqual(1);
    expect(await stored()).toEqual([]);
  });

  it('refuses an answer for another origin or RP ID, whatever the Host header says', async () => {
    const person = await withPasskey();
    for (const bend of [
      { origin: 'https://evil.example' },
      { origin: 'http://localhost' },
      { rpId: 'evil.example' },
    ]) {
      const { browser, answer } = await passkeySignIn(person, bend);
      expect(answer.status).toBe(401);
      expect(await isSignedIn(browser)).toBe(false);
    }
    // A request addressed to another host still checks against APP_URL's origin.
    const browser = new TestBrowser(t.app, undefined, 'http://localhost:3000');
    await browser.get('/login');
    const options = await (await postJson(browser, '/login/passkey/options', {})).json();
    expect(options.rpId).toBe('localhost');
  });

  it('refuses an answer naming another account than the passkey’s', async () => {
    const person = await withPasskey();
    const other = await withPasskey();
    const otherHandle = other.authenticator.credentials[0]!.userHandle;
    const { browser, answer } = await passkeySignIn(person, { userHandle: otherHandle });
    expect(answer.status).toBe(401);
    expect(await isSignedIn(browser)).toBe(false);
  });

  it('limits how many challenges one address may ask for', async () => {
    const browser = browserAt();
    await browser.get('/login');
    for (let i = 0; i < PASSKEY_OPTIONS_RULE.limit; i += 1) {
      expect((await postJson(browser, '/login/passkey/options', {})).status).toBe(200);
    }
    expect((await postJson(browser, '/login/passkey/options', {})).status).toBe(429);
  });

  it('accepts a synced passkey whose counter stays 0', async () => {
    const person = await withPasskey({ synced: true });
    for (let i = 0; i < 3; i += 1) expect((await passkeySignIn(person)).answer.status).toBe(200);
  });

  it('refuses a counter that stands still or goes back once it counts', async () => {
    const person = await withPasskey();
    expect((await passkeySignIn(person, { counter: 5 })).answer.status).toBe(200);
    expect((await passkeySignIn(person, { counter: 5 })).answer.status).toBe(401);
    expect((await passkeySignIn(person, { counter: 3 })).answer.status).toBe(401);
    expect((await passkeySignIn(person, { counter: 0 })).answer.status).toBe(401);
    expect((await passkeySignIn(person, { counter: 6 })).answer.status).toBe(200);
    const [row] = await t.deps.db.select().from(passkeys).where(eq(passkeys.id, person.credentialId));
    expect(row?.counter).toBe(6);
  });

  it('keeps password sign-in as it was for a person with a passkey and no two-factor', async () => {
    const person = await withPasskey();
    const browser = browserAt();
    const response = await browser.logIn(person.email, PASSWORD);
    expect(response.headers.get('location')).toBe('/');
    expect(await isSignedIn(browser)).toBe(true);
  });

  it('limits refused passkey sign-ins per address', async () => {
    const person = await withPasskey();
    const browser = browserAt();
    for (let i = 0; i < PASSKEY_SIGN_IN_RULES.ip.limit; i += 1) {
      expect((await passkeySignIn(person, { origin: 'https://evil.example' }, browser)).answer.status).toBe(
        401,
      );
    }
    const blocked = await postJson(browser, '/login/passkey/options', {});
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).not.toBeNull();
  });
});

/** Turns on two-factor sign-in for the person; returns the authenticator app's secret. */
async function turnOnTwoFactor(browser: TestBrowser): Promise<string> {
  await browser.get('/settings/two-factor');
  await browser.submit('/settings/two-factor/setup', { password: PASSWORD });
  const page = await (await browser.get('/settings/two-factor')).text();
  const secret = page.match(/data-testid="totp-secret">([A-Z2-7 ]+)</)![1]!.replaceAll(' ', '');
  const confirmed = await browser.submit('/settings/two-factor/confirm', {
    code: totpCodeAt(secret, totpStepAt(t.clock.now())),
  });
  expect(confirmed.status).toBe(200);
  t.clock.advance(30);
  return secret;
}

async function passwordStep(email: string): Promise<TestBrowser> {
  const browser = browserAt();
  await browser.get('/login');
  const response = await browser.submit('/login', { email, password: PASSWORD, remember: 'on' });
  expect(response.headers.get('location')).toBe('/login/two-factor');
  return browser;
}

describe('a passkey as the second factor', () => {
  it('answers the second step instead of a code', async () => {
    const person = await withPasskey();
    await turnOnTwoFactor(person.browser);
    const browser = await passwordStep(person.email);
    const page = await (await browser.get('/login/two-factor')).text();
    expect(page).toContain('Use a passkey instead');
    const options = await (await postJson(browser, '/login/two-factor/passkey/options', {})).json();
    expect(options.allowCredentials).toEqual([expect.objectContaining({ id: person.credentialId })]);
    const answer = await postJson(browser, '/login/two-factor/passkey', {
      response: person.authenticator.authenticate(options),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ redirect: '/' });
    expect(await isSignedIn(browser)).toBe(true);
    // The half-signed-in challenge is used up.
    const again = await browser.get('/login/two-factor');
    expect(again.headers.get('location')).toBe('/login');
  });

  it('does not offer a passkey to a person who has none', async () => {
    const browser = browserAt();
    const email = uniqueEmail('passkey-none');
    await browser.signUp(email);
    await turnOnTwoFactor(browser);
    const second = await passwordStep(email);
    expect(await (await second.get('/login/two-factor')).text()).not.toContain('Use a passkey instead');
    expect((await postJson(second, '/login/two-factor/passkey/options', {})).status).toBe(409);
  });

  it('refuses another person’s passkey at someone’s second step', async () => {
    const victim = await withPasskey();
    await turnOnTwoFactor(victim.browser);
    const attacker = await withPasskey();
    const browser = await passwordStep(victim.email);
    await browser.get('/login/two-factor');
    const options = await (await postJson(browser, '/login/two-factor/passkey/options', {})).json();
    const answer = await postJson(browser, '/login/two-factor/passkey', {
      response: attacker.authenticator.authenticate(options),
    });
    expect(answer.status).toBe(401);
    expect(await isSignedIn(browser)).toBe(false);
  });

  it('needs no second step after a verified passkey, but does after an unverified one', async () => {
    const person = await withPasskey();
    await turnOnTwoFactor(person.browser);
    const verified = await passkeySignIn(person);
    expect(await verified.answer.json()).toEqual({ redirect: '/reports' });
    const unverified = await passkeySignIn(person, { userVerified: false });
    expect(await unverified.answer.json()).toEqual({ redirect: '/login/two-factor?next=%2Freports' });
    expect(await isSignedIn(unverified.browser)).toBe(false);
    // The same passkey cannot stand for the second factor too: the code is due.
    const page = await (await unverified.browser.get('/login/two-factor')).text();
    expect(page).not.toContain('Use a passkey instead');
    const again = await postJson(unverified.browser, '/login/two-factor/passkey/options', {});
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toContain('type the code');
  });
});

describe('removing passkeys', () => {
  it('removes one’s own passkey, which then no longer signs in', async () => {
    const person = await withPasskey();
    const removed = await person.browser.submit(`/settings/passkeys/${person.credentialId}/remove`, {});
    expect(removed.status).toBe(303);
    expect(await (await person.browser.get('/settings/passkeys')).text()).toContain(
      'You have no passkeys yet.',
    );
    expect((await passkeySignIn(person)).answer.status).toBe(401);
  });

  it('answers 404 for another person’s passkey and leaves it alone', async () => {
    const owner = await withPasskey();
    const other = browserAt();
    await other.signUp(uniqueEmail('passkey-other'));
    await other.get('/settings/passkeys');
    const attempt = await other.submit(`/settings/passkeys/${owner.credentialId}/remove`, {});
    expect(attempt.status).toBe(404);
    expect((await passkeySignIn(owner)).answer.status).toBe(200);
  });

  it('needs a signed-in person and the CSRF token', async () => {
    const owner = await withPasskey();
    const stranger = browserAt();
    await stranger.get('/login');
    const anonymous = await stranger.submit(`/settings/passkeys/${owner.credentialId}/remove`, {});
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
    const forged = await owner.browser.submit(
      `/settings/passkeys/${owner.credentialId}/remove`,
      {},
      { csrf: null },
    );
    expect(forged.status).toBe(403);
    expect((await postJson(owner.browser, '/settings/passkeys/options', {}, { csrf: null })).status).toBe(
      403,
    );
    expect((await postJson(browserAt(), '/login/passkey/options', {}, { csrf: 'wrong' })).status).toBe(403);
    expect((await passkeySignIn(owner)).answer.status).toBe(200);
  });
});
