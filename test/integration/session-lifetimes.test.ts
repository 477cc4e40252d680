import { beforeAll, describe, expect, it } from 'vitest';
import { SESSION_LIFETIMES } from '../../src/services/auth-sessions.ts';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

// ASVS 7.3: a signed-in session ends after a time of inactivity and, however active, after an
// absolute time. Documented in docs/security.md and the README.

const HOUR = 3600;
const DAY = 24 * HOUR;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

async function signedIn(remember: boolean): Promise<TestBrowser> {
  const email = uniqueEmail('lifetime');
  await new TestBrowser(t.app).signUp(email);
  const browser = new TestBrowser(t.app);
  expect((await browser.logIn(email, undefined, remember)).status).toBe(303);
  return browser;
}

/** Whether the sheet opens (200) rather than sending the browser to log in (303). */
async function isSignedIn(browser: TestBrowser): Promise<boolean> {
  const response = await browser.get('/');
  await response.body?.cancel();
  return response.status === 200;
}

describe('session lifetimes', () => {
  it('are 12 idle hours and one day for a browser session, 30 idle days and 90 days when remembered', () => {
    expect(SESSION_LIFETIMES).toEqual({
      remember: { idleSeconds: 30 * DAY, absoluteSeconds: 90 * DAY },
      browser: { idleSeconds: 12 * HOUR, absoluteSeconds: DAY },
    });
  });

  it('ends a browser session after 12 idle hours, and not before', async () => {
    const browser = await signedIn(false);
    t.clock.advance(12 * HOUR - 60);
    expect(await isSignedIn(browser)).toBe(true);
    t.clock.advance(12 * HOUR + 60);
    expect(await isSignedIn(browser)).toBe(false);
  });

  it('ends a browser session a day after sign-in, however active it was', async () => {
    const browser = await signedIn(false);
    for (let hours = 0; hours < 22; hours += 2) {
      t.clock.advance(2 * HOUR);
      expect(await isSignedIn(browser), `after ${hours + 2} hours`).toBe(true);
    }
    t.clock.advance(2 * HOUR + 60);
    expect(await isSignedIn(browser)).toBe(false);
    // The API refuses the same cookie.
    expect((await browser.request('/api/v1/me')).status).toBe(401);
  });

  it('ends a remembered session after 30 idle days', async () => {
    const browser = await signedIn(true);
    t.clock.advance(29 * DAY);
    expect(await isSignedIn(browser)).toBe(true);
    t.clock.advance(30 * DAY + 60);
    expect(await isSignedIn(browser)).toBe(false);
  });

  it('ends a remembered session 90 days after sign-in, however active it was', async () => {
    const browser = await signedIn(true);
    for (let days = 0; days < 88; days += 8) {
      t.clock.advance(8 * DAY);
      expect(await isSignedIn(browser), `after ${days + 8} days`).toBe(true);
    }
    t.clock.advance(2 * DAY + 60);
    expect(await isSignedIn(browser)).toBe(false);
  });

  it('sends a remembered cookie that outlives the browser, and a browser-session cookie that does not', async () => {
    const email = uniqueEmail('lifetime');
    await new TestBrowser(t.app).signUp(email);
    for (const remember of [true, false]) {
      const fresh = new TestBrowser(t.app);
      await fresh.get('/login');
      const response = await fresh.submit('/login', {
        email,
        password: 'a calm and long passphrase',
        ...(remember ? { remember: 'on' } : {}),
      });
      const cookie = response.headers.getSetCookie().find((line) => line.startsWith('ds_session='));
      expect(cookie).toBeDefined();
      if (remember) expect(cookie).toContain(`Max-Age=${90 * DAY}`);
      else expect(cookie).not.toMatch(/Max-Age|Expires/i);
    }
  });
});
