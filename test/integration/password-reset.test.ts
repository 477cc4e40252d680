import { beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

function resetLinkOf(text: string): string {
  const match = text.match(/http:\/\/localhost:\d+(\/reset-password\/[A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no reset link in: ${text}`);
  return match[1]!;
}

async function requestReset(email: string): Promise<string> {
  const browser = new TestBrowser(t.app);
  await browser.get('/forgot-password');
  const response = await browser.submit('/forgot-password', { email });
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('If an account uses that email');
  return resetLinkOf(t.mailer.lastTo(email)!.text);
}

describe('password reset', () => {
  it('answers the same for an unknown email and sends nothing', async () => {
    const before = t.mailer.sent.length;
    const browser = new TestBrowser(t.app);
    await browser.get('/forgot-password');
    const response = await browser.submit('/forgot-password', { email: uniqueEmail('ghost') });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('If an account uses that email');
    expect(t.mailer.sent.length).toBe(before);
  });

  it('sets a new password with a single-use link and signs out every device', async () => {
    const email = uniqueEmail();
    const laptop = new TestBrowser(t.app);
    await laptop.signUp(email);
    const link = await requestReset(email);

    const phone = new TestBrowser(t.app);
    const opened = await phone.get(link);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/reset-password');
    expect((await phone.get('/reset-password')).status).toBe(200);
    const done = await phone.submit('/reset-password', { password: 'a brand new passphrase' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/login?reset=done');

    expect((await laptop.get('/')).status).toBe(303);
    const old = new TestBrowser(t.app);
    await old.get('/login');
    expect((await old.submit('/login', { email, password: 'a calm and long passphrase' })).status).toBe(401);
    expect((await old.logIn(email, 'a brand new passphrase')).status).toBe(303);

    const again = new TestBrowser(t.app);
    await again.get(link);
    expect((await again.get('/reset-password')).status).toBe(410);
    const reuse = await again.submit('/reset-password', { password: 'a third new passphrase' });
    expect(reuse.status).toBe(410);
  });

  it('refuses a link older than 30 minutes', async () => {
    const email = uniqueEmail();
    await new TestBrowser(t.app).signUp(email);
    const link = await requestReset(email);
    t.clock.advance(31 * 60);
    const browser = new TestBrowser(t.app);
    await browser.get(link);
    expect((await browser.get('/reset-password')).status).toBe(410);
    expect((await browser.submit('/reset-password', { password: 'a brand new passphrase' })).status).toBe(
      410,
    );
  });

  it('keeps the link usable after a too-weak password is refused', async () => {
    const email = uniqueEmail();
    await new TestBrowser(t.app).signUp(email);
    const link = await requestReset(email);
    const browser = new TestBrowser(t.app);
    await browser.get(link);
    await browser.get('/reset-password');
    const weak = await browser.submit('/reset-password', { password: 'short' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('at least 8 characters');
    expect((await browser.submit('/reset-password', { password: 'a brand new passphrase' })).status).toBe(
      303,
    );
  });
});
