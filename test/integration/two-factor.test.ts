import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { userTotp } from '../../src/db/schema/index.ts';
import { totpCodeAt, totpStepAt } from '../../src/security/totp.ts';
import { createApiToken } from '../../src/services/api-tokens.ts';
import { userIdOf } from '../support/api.ts';
import { PASSWORD } from '../support/factories.ts';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

/** The code the person's app shows now, or `offset` steps of 30 seconds away. */
function codeOf(secret: string, offset = 0): string {
  return totpCodeAt(secret, totpStepAt(t.clock.now()) + offset);
}

/** A six-digit code that no step of the window accepts now. */
function wrongCodeOf(secret: string): string {
  const live = [-1, 0, 1].map((offset) => codeOf(secret, offset));
  return ['000000', '111111', '222222', '333333'].find((code) => !live.includes(code))!;
}

/** The next step: the one the last accepted code belonged to is spent. */
function nextStep(): void {
  t.clock.advance(30);
}

type Enrolled = { email: string; browser: TestBrowser; secret: string; recoveryCodes: string[] };

/** A person who set up an authenticator app through the Settings pages. */
async function enrolled(): Promise<Enrolled> {
  const email = uniqueEmail('2fa');
  const browser = new TestBrowser(t.app);
  await browser.signUp(email);
  const started = await browser.submit('/settings/two-factor/setup', { password: PASSWORD });
  expect(started.status).toBe(303);
  const page = await (await browser.get('/settings/two-factor')).text();
  const secret = page.match(/data-testid="totp-secret">([A-Z2-7 ]+)</)![1]!.replaceAll(' ', '');
  const uri = `otpauth://totp/Deepsheet:${encodeURIComponent(email)}?secret=${secret}&issuer=Deepsheet&algorithm=SHA1&digits=6&period=30`;
  expect(page).toContain(uri.replaceAll('&', '&amp;'));
  expect(qrModulesIn(page)).toEqual(qrModulesOf(uri));
  const confirmed = await browser.submit('/settings/two-factor/confirm', { code: codeOf(secret) });
  expect(confirmed.status).toBe(200);
  const html = await confirmed.text();
  expect(html).toContain('Two-factor authentication is on.');
  nextStep();
  return { email, browser, secret, recoveryCodes: recoveryCodesIn(html) };
}

/**
 * The dark squares of the page's QR code, read back from its SVG path ("M x y" and "m dx dy"
 * move, "h n" draws n squares along a row), as rows of 0/1 inside the quiet zone.
 */
function qrModulesIn(html: string): string[] {
  const svg = html.match(/data-testid="totp-qr">(<svg[\s\S]*?<\/svg>)/)?.[1];
  expect(svg, 'the page shows a QR code').toBeDefined();
  expect(svg).toContain('role="img"');
  const size = Number(svg!.match(/viewBox="0 0 (\d+) \d+"/)![1]);
  const d = svg!.match(/<path stroke="[^"]+" d="([^"]+)"/)![1]!;
  const grid = Array.from({ length: size }, () => Array<number>(size).fill(0));
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([Mmh])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?/g)) {
    if (op === 'M') [x, y] = [Number(a), Number(b)];
    else if (op === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let i = 0; i < Number(a); i++) grid[Math.floor(y)]![x + i] = 1;
      x += Number(a);
    }
  }
  const margin = 2;
  return grid.slice(margin, size - margin).map((row) => row.slice(margin, size - margin).join(''));
}

/** What an authenticator app's scanner must read: the QR matrix of `text` as rows of 0/1. */
function qrModulesOf(text: string): string[] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => (modules.get(row, col) ? '1' : '0')).join(''),
  );
}

function recoveryCodesIn(html: string): string[] {
  const list = html.match(/data-testid="recovery-codes">([\s\S]*?)<\/ol>/)![1]!;
  return [...list.matchAll(/<li>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})<\/li>/g)].map((m) => m[1]!);
}

/** Types the password on a fresh browser; returns it at the second step. */
async function passwordStep(email: string, password = PASSWORD, ip?: string): Promise<TestBrowser> {
  const browser = new TestBrowser(t.app, ip);
  await browser.get('/login');
  const response = await browser.submit('/login', { email, password, remember: 'on' });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/login/two-factor');
  return browser;
}

async function isSignedIn(browser: TestBrowser): Promise<boolean> {
  return (await browser.get('/')).status === 200;
}

async function secondStep(browser: TestBrowser, code: string): Promise<Response> {
  await browser.get('/login/two-factor');
  return browser.submit('/login/two-factor', { code });
}

describe('setting up two-factor authentication', () => {
  it('turns on with a code from the app and shows ten recovery codes once', async () => {
    const person = await enrolled();
    expect(person.recoveryCodes).toHaveLength(10);
    expect(new Set(person.recoveryCodes).size).toBe(10);
    const page = await (await person.browser.get('/settings/two-factor')).text();
    expect(page).toContain('10 recovery codes are left.');
    expect(page).not.toContain(person.recoveryCodes[0]);
    expect(page).not.toContain(person.secret);
    expect(await (await person.browser.get('/settings')).text()).toContain(
      'On: signing in takes your password',
    );
    // At rest the secret is sealed, not readable from a database dump.
    const userId = await userIdOf(t, person.email);
    const [row] = await t.deps.db.select().from(userTotp).where(eq(userTotp.userId, userId));
    expect(row!.sealedSecret).toMatch(/^v1\./);
    expect(row!.sealedSecret).not.toContain(person.secret);
  });

  it('needs the password to start and a right code to turn on', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail('2fa'));
    const wrongPassword = await browser.submit('/settings/two-factor/setup', { password: 'not my password' });
    expect(wrongPassword.status).toBe(422);
    expect(await wrongPassword.text()).toContain('Your password is not right.');
    await browser.submit('/settings/two-factor/setup', { password: PASSWORD });
    const page = await (await browser.get('/settings/two-factor')).text();
    const secret = page.match(/data-testid="totp-secret">([A-Z2-7 ]+)</)![1]!.replaceAll(' ', '');
    const refused = await browser.submit('/settings/two-factor/confirm', { code: wrongCodeOf(secret) });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('That code is not right.');
    const notACode = await browser.submit('/settings/two-factor/confirm', { code: 'hello' });
    expect(notACode.status).toBe(422);
    expect(await notACode.text()).toContain('Type the 6-digit code from your authenticator app.');
    expect(await (await browser.get('/settings')).text()).toContain(
      'Off: signing in takes your password only.',
    );
  });
});

describe('signing in with two-factor authentication', () => {
  it('asks for the code after the password and signs in only with it', async () => {
    const person = await enrolled();
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const afterPassword = await browser.submit('/login', {
      email: person.email,
      password: PASSWORD,
      next: '/tasks',
    });
    expect(afterPassword.headers.get('location')).toBe('/login/two-factor?next=%2Ftasks');
    expect(await isSignedIn(browser)).toBe(false);
    const step = await browser.get('/login/two-factor?next=%2Ftasks');
    expect(step.status).toBe(200);
    expect(await step.text()).toContain('type the code it shows');
    const done = await browser.submit('/login/two-factor', { code: codeOf(person.secret), next: '/tasks' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/tasks');
    expect(await isSignedIn(browser)).toBe(true);
  });

  it('refuses a wrong code with a message and stays signed out', async () => {
    const person = await enrolled();
    const browser = await passwordStep(person.email);
    const refused = await secondStep(browser, wrongCodeOf(person.secret));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('That code is not right.');
    expect(await isSignedIn(browser)).toBe(false);
  });

  it('never accepts the same code twice, not even from two requests at once', async () => {
    const person = await enrolled();
    const code = codeOf(person.secret);
    const first = await passwordStep(person.email);
    expect((await secondStep(first, code)).status).toBe(303);
    const second = await passwordStep(person.email);
    const replay = await secondStep(second, code);
    expect(replay.status).toBe(422);
    expect(await replay.text()).toContain('That code was used already.');
    expect(await isSignedIn(second)).toBe(false);

    nextStep();
    const racers = [await passwordStep(person.email), await passwordStep(person.email)];
    for (const racer of racers) await racer.get('/login/two-factor');
    const fresh = codeOf(person.secret);
    const answers = await Promise.all(
      racers.map((racer) => racer.submit('/login/two-factor', { code: fresh })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([303, 422]);
  });

  it('accepts a code one step early or late, and refuses two steps away', async () => {
    const person = await enrolled();
    t.clock.advance(5 * 30);
    const late = await passwordStep(person.email);
    expect((await secondStep(late, codeOf(person.secret, -1))).status).toBe(303);
    const early = await passwordStep(person.email);
    expect((await secondStep(early, codeOf(person.secret, +1))).status).toBe(303);

    t.clock.advance(10 * 30);
    for (const offset of [-2, +2]) {
      const browser = await passwordStep(person.email);
      const refused = await secondStep(browser, codeOf(person.secret, offset));
      expect(refused.status, `offset ${offset}`).toBe(422);
      expect(await refused.text()).toContain('That code is not right.');
    }
  });

  it('takes a recovery code once', async () => {
    const person = await enrolled();
    const code = person.recoveryCodes[3]!;
    const browser = await passwordStep(person.email);
    const done = await secondStep(browser, code.toUpperCase().replaceAll('-', ' '));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/settings/two-factor?saved=recovery-used');
    const page = await (await browser.get('/settings/two-factor?saved=recovery-used')).text();
    expect(page).toContain('You signed in with a recovery code');
    expect(page).toContain('9 recovery codes are left.');

    const again = await passwordStep(person.email);
    const refused = await secondStep(again, code);
    expect(refused.status).toBe(422);
    expect(await isSignedIn(again)).toBe(false);
  });

  it('ends the second step after ten minutes', async () => {
    const person = await enrolled();
    const browser = await passwordStep(person.email);
    await browser.get('/login/two-factor');
    t.clock.advance(10 * 60 + 1);
    const late = await browser.submit('/login/two-factor', { code: codeOf(person.secret) });
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('This sign-in took too long');
    const page = await browser.get('/login/two-factor');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login');
  });

  it('opens the second step only after the password', async () => {
    const browser = new TestBrowser(t.app);
    const page = await browser.get('/login/two-factor');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login');
    const post = await browser.submit('/login/two-factor', { code: '123456' });
    expect(post.status).toBe(410);
  });

  it('refuses the second step without the form token', async () => {
    const person = await enrolled();
    const browser = await passwordStep(person.email);
    await browser.get('/login/two-factor');
    const forged = await browser.submit('/login/two-factor', { code: codeOf(person.secret) }, { csrf: null });
    expect(forged.status).toBe(403);
    expect(await isSignedIn(browser)).toBe(false);
  });

  it('slows down guessing like sign-in, then lets the owner in again', async () => {
    const person = await enrolled();
    const browser = await passwordStep(person.email);
    await browser.get('/login/two-factor');
    const wrong = wrongCodeOf(person.secret);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await browser.submit('/login/two-factor', { code: wrong })).status).toBe(422);
    }
    const blocked = await browser.submit('/login/two-factor', { code: codeOf(person.secret) });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    expect(await blocked.text()).toContain('Too many codes were tried.');
    expect(await isSignedIn(browser)).toBe(false);

    // From the same address, after the window of 15 minutes.
    t.clock.advance(14 * 60);
    const soon = await passwordStep(person.email, PASSWORD, browser.ip);
    expect((await secondStep(soon, codeOf(person.secret))).status).toBe(429);
    t.clock.advance(60);
    const later = await passwordStep(person.email, PASSWORD, browser.ip);
    expect((await secondStep(later, codeOf(person.secret))).status).toBe(303);
  });

  it('still asks for the code after a password reset', async () => {
    const person = await enrolled();
    const waiting = await passwordStep(person.email);
    const reset = new TestBrowser(t.app);
    await reset.get('/forgot-password');
    await reset.submit('/forgot-password', { email: person.email });
    const link = t.mailer
      .lastTo(person.email)!
      .text.match(/http:\/\/localhost:\d+(\/reset-password\/\S+)/)![1]!;
    await reset.get(link);
    await reset.get('/reset-password');
    expect((await reset.submit('/reset-password', { password: 'a brand new passphrase' })).status).toBe(303);
    expect(await isSignedIn(reset)).toBe(false);

    // The sign-in that proved the old password ends with it.
    expect((await waiting.get('/login/two-factor')).headers.get('location')).toBe('/login');
    const browser = await passwordStep(person.email, 'a brand new passphrase');
    expect(await isSignedIn(browser)).toBe(false);
    expect((await secondStep(browser, codeOf(person.secret))).status).toBe(303);
    expect(await isSignedIn(browser)).toBe(true);
  });

  it('ends a sign-in waiting for its code when the password changes', async () => {
    const person = await enrolled();
    const waiting = await passwordStep(person.email);
    await person.browser.get('/settings');
    const changed = await person.browser.submit('/settings/password', {
      currentPassword: PASSWORD,
      newPassword: 'another calm passphrase',
    });
    expect(changed.status).toBe(303);
    await waiting.get('/login/two-factor');
    const late = await waiting.submit('/login/two-factor', { code: codeOf(person.secret) });
    expect(late.status).toBe(410);
    expect(await isSignedIn(waiting)).toBe(false);
  });

  it('leaves API tokens as they are', async () => {
    const person = await enrolled();
    const userId = await userIdOf(t, person.email);
    const { secret } = await createApiToken(
      t.deps,
      { id: userId, email: person.email, isAdmin: false },
      {
        name: 'script',
        scopes: ['read'],
      },
    );
    const response = await t.app.request('http://localhost/api/v1/days/today', {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(response.status).toBe(200);
  });
});

describe('recovery codes and turning off', () => {
  it('makes new recovery codes with the password, and the old ones stop working', async () => {
    const person = await enrolled();
    const refused = await person.browser.submit('/settings/two-factor/recovery-codes', {
      password: 'wrong one',
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Your password is not right.');
    const made = await person.browser.submit('/settings/two-factor/recovery-codes', { password: PASSWORD });
    expect(made.status).toBe(200);
    const fresh = recoveryCodesIn(await made.text());
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(person.recoveryCodes[0]);

    const old = await passwordStep(person.email);
    expect((await secondStep(old, person.recoveryCodes[0]!)).status).toBe(422);
    const withNew = await passwordStep(person.email);
    expect((await secondStep(withNew, fresh[0]!)).status).toBe(303);
  });

  it('turns off only with the password and a code', async () => {
    const person = await enrolled();
    const settings = '/settings/two-factor/disable';
    const noPassword = await person.browser.submit(settings, {
      password: 'wrong',
      code: codeOf(person.secret),
    });
    expect(noPassword.status).toBe(422);
    expect(await noPassword.text()).toContain('Your password is not right.');
    const noCode = await person.browser.submit(settings, {
      password: PASSWORD,
      code: wrongCodeOf(person.secret),
    });
    expect(noCode.status).toBe(422);
    expect(await noCode.text()).toContain('That code is not right.');
    await passwordStep(person.email); // still asks for a code

    const off = await person.browser.submit(settings, { password: PASSWORD, code: codeOf(person.secret) });
    expect(off.status).toBe(303);
    expect(await (await person.browser.get('/settings/two-factor?saved=off')).text()).toContain(
      'Two-factor authentication is off.',
    );
    const browser = new TestBrowser(t.app);
    const login = await browser.logIn(person.email);
    expect(login.headers.get('location')).toBe('/');
    expect(await isSignedIn(browser)).toBe(true);
  });
});

describe('when the server SECRET changes', () => {
  it('lets the person in with a recovery code and turn two-factor off', async () => {
    const person = await enrolled();
    const rotated = await createTestApp({
      now: t.clock.now(),
      config: { secret: 'another-test-secret-that-is-long-enough-9876543210' },
    });
    const browser = new TestBrowser(rotated.app);
    await browser.get('/login');
    await browser.submit('/login', { email: person.email, password: PASSWORD });
    await browser.get('/login/two-factor');
    const app = await browser.submit('/login/two-factor', { code: codeOf(person.secret) });
    expect(app.status).toBe(422);
    expect(await app.text()).toContain('can no longer read your authenticator key');
    const recovered = await browser.submit('/login/two-factor', { code: person.recoveryCodes[0]! });
    expect(recovered.status).toBe(303);
    await browser.get('/settings/two-factor');
    const off = await browser.submit('/settings/two-factor/disable', {
      password: PASSWORD,
      code: person.recoveryCodes[1]!,
    });
    expect(off.status).toBe(303);
    expect(await (await browser.get('/settings')).text()).toContain(
      'Off: signing in takes your password only.',
    );
  });
});
