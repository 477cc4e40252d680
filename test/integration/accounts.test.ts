import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authSessions, users } from '../../src/db/schema/index.ts';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

async function userByEmail(email: string) {
  return (await t.deps.db.select().from(users).where(eq(users.email, email)))[0];
}

describe('sign up', () => {
  it('creates an account with the browser time zone and lands on today', async () => {
    const browser = new TestBrowser(t.app);
    const email = uniqueEmail();
    const response = await browser.signUp(email, 'a calm and long passphrase', 'America/New_York');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?welcome=1');
    const today = await browser.get('/');
    expect(today.status).toBe(200);
    expect(await today.text()).toContain('Three deep sessions for you, one for admin.');
    expect(await (await browser.get('/settings')).text()).toContain('value="America/New_York"');
    const user = await userByEmail(email);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('stores the email lower-cased so the same person cannot sign up twice by case', async () => {
    const email = uniqueEmail('Case');
    await new TestBrowser(t.app).signUp(email);
    const second = new TestBrowser(t.app, '203.0.113.99');
    await second.get('/signup');
    const response = await second.submit('/signup', {
      email: email.toUpperCase(),
      password: 'another long passphrase',
      timeZone: 'UTC',
    });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain('We could not create an account with these details');
    expect(t.mailer.lastTo(email.toLowerCase())?.subject).toBe('Someone tried to sign up with your email');
  });

  it('refuses a short or common password with a form error and stores nothing', async () => {
    const browser = new TestBrowser(t.app);
    await browser.get('/signup');
    const email = uniqueEmail();
    for (const password of ['short', 'password123']) {
      const response = await browser.submit('/signup', { email, password, timeZone: 'UTC' });
      expect(response.status).toBe(422);
      expect(await response.text()).toMatch(/at least 8 characters|too common/);
    }
    expect(await userByEmail(email)).toBeUndefined();
  });

  it.each(['../../etc/passwd', 'localtime', 'Europe/Nowhere', 'posix/Europe/Berlin', '<script>'])(
    'refuses the time zone %j with a form error',
    async (timeZone) => {
      const browser = new TestBrowser(t.app);
      await browser.get('/signup');
      const email = uniqueEmail();
      const response = await browser.submit('/signup', {
        email,
        password: 'a calm and long passphrase',
        timeZone,
      });
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toContain('Choose a time zone');
      expect(html).not.toContain('<script>');
      expect(await userByEmail(email)).toBeUndefined();
    },
  );

  it('is closed when ALLOW_SIGNUP is false', async () => {
    const closed = await createTestApp({ config: { allowSignup: false } });
    const browser = new TestBrowser(closed.app);
    expect((await browser.get('/signup')).status).toBe(403);
    const email = uniqueEmail();
    const response = await browser.submit('/signup', {
      email,
      password: 'a calm and long passphrase',
      timeZone: 'UTC',
    });
    expect(response.status).toBe(403);
    expect(await userByEmail(email)).toBeUndefined();
  });
});

describe('log in and out', () => {
  it('gives the same answer for a wrong password and an unknown email', async () => {
    const email = uniqueEmail();
    await new TestBrowser(t.app).signUp(email);
    const browser = new TestBrowser(t.app, '198.51.100.1');
    await browser.get('/login');
    const wrong = await browser.submit('/login', { email, password: 'not the right one at all' });
    const unknown = await browser.submit('/login', {
      email: uniqueEmail('nobody'),
      password: 'not the right one at all',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '').replace(/content="[^"]*"/g, '');
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
  });

  it('starts a new session id at sign-in and the old one no longer works', async () => {
    const email = uniqueEmail();
    const browser = new TestBrowser(t.app);
    await browser.signUp(email);
    const before = browser.cookies.get('ds_session')!;
    await browser.logIn(email);
    const after = browser.cookies.get('ds_session')!;
    expect(after).not.toBe(before);
    const stale = new TestBrowser(t.app);
    stale.cookies.set('ds_session', before);
    const response = await stale.get('/');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login');
  });

  it('logs out only by POST and then asks to log in again', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail());
    expect((await browser.get('/logout')).status).toBe(404);
    expect((await browser.get('/')).status).toBe(200);
    const out = await browser.submit('/logout', {});
    expect(out.status).toBe(303);
    expect((await browser.get('/')).headers.get('location')).toBe('/login');
  });

  it('returns to a local page after login but never to another site', async () => {
    const email = uniqueEmail();
    await new TestBrowser(t.app).signUp(email);
    for (const [next, expected] of [
      ['/settings', '/settings'],
      ['//evil.example/x', '/'],
      ['https://evil.example/', '/'],
      ['/\\evil.example', '/'],
    ] as const) {
      const browser = new TestBrowser(t.app);
      await browser.get('/login');
      const response = await browser.submit('/login', {
        email,
        password: 'a calm and long passphrase',
        next,
      });
      expect(response.headers.get('location')).toBe(expected);
    }
  });

  it('sends signed-out visitors to log in and back to the page they wanted', async () => {
    const browser = new TestBrowser(t.app);
    const response = await browser.get('/settings');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fsettings');
  });

  it('throttles repeated failures per address without locking the owner out elsewhere', async () => {
    const email = uniqueEmail();
    await new TestBrowser(t.app).signUp(email);
    const attacker = new TestBrowser(t.app, '192.0.2.66');
    await attacker.get('/login');
    let last: Response | undefined;
    for (let i = 0; i < 11; i++)
      last = await attacker.submit('/login', { email, password: `wrong guess number ${i}` });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password is refused from the throttled address...
    expect((await attacker.submit('/login', { email, password: 'a calm and long passphrase' })).status).toBe(
      429,
    );
    // ...but the owner on their own address gets in, and the window passes.
    const owner = new TestBrowser(t.app, '192.0.2.7');
    const ok = await owner.logIn(email);
    expect(ok.status).toBe(303);
    t.clock.advance(16 * 60);
    expect((await attacker.submit('/login', { email, password: 'a calm and long passphrase' })).status).toBe(
      303,
    );
  });

  it('counts failures against the limits the operator set', async () => {
    const strict = await createTestApp({
      config: { signInRateLimits: { perAccountAndAddress: 3, perAddress: 50, perAccount: 200 } },
    });
    const email = uniqueEmail();
    await new TestBrowser(strict.app).signUp(email);
    const guesser = new TestBrowser(strict.app, '192.0.2.67');
    await guesser.get('/login');
    const answers: number[] = [];
    for (let i = 0; i < 4; i++)
      answers.push((await guesser.submit('/login', { email, password: `wrong guess ${i}` })).status);
    expect(answers).toEqual([401, 401, 401, 429]);
  });

  it('ends a session that was not remembered after 12 idle hours', async () => {
    const email = uniqueEmail();
    await new TestBrowser(t.app).signUp(email);
    const browser = new TestBrowser(t.app);
    await browser.logIn(email, undefined, false);
    expect((await browser.get('/')).status).toBe(200);
    t.clock.advance(13 * 3600);
    expect((await browser.get('/')).status).toBe(303);
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated form without the token, or from another origin', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail());
    const noToken = await browser.submit(
      '/settings/preferences',
      { timeZone: 'UTC', sessionLengthMinutes: '30', weekStart: 'monday', theme: 'dark' },
      { csrf: null },
    );
    expect(noToken.status).toBe(403);
    const crossSite = await browser.request('/settings/preferences', {
      method: 'POST',
      body: new URLSearchParams({
        _csrf: browser.csrfToken,
        timeZone: 'UTC',
        sessionLengthMinutes: '30',
        weekStart: 'monday',
        theme: 'dark',
      }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    });
    expect(crossSite.status).toBe(403);
    const settings = await (await browser.get('/settings')).text();
    expect(settings).not.toMatch(/name="sessionLengthMinutes"[^>]*value="30"/);
    expect(settings).not.toContain('data-theme="dark"');
  });

  it('refuses a login form posted without the token', async () => {
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const response = await browser.submit(
      '/login',
      { email: 'x@example.test', password: 'whatever long' },
      { csrf: 'forged' },
    );
    expect(response.status).toBe(403);
  });
});

describe('sessions in the database', () => {
  it('stores only a hash of the session token', async () => {
    const email = uniqueEmail();
    const browser = new TestBrowser(t.app);
    await browser.signUp(email);
    const token = browser.cookies.get('ds_session')!;
    const user = await userByEmail(email);
    const rows = await t.deps.db.select().from(authSessions).where(eq(authSessions.userId, user!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toBe(token);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });
});
