import { beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const PREFS = { timeZone: 'Asia/Tokyo', sessionLengthMinutes: '60', weekStart: 'sunday', theme: 'dark' };

describe('preferences', () => {
  it('saves preferences that another signed-in device then sees', async () => {
    const email = uniqueEmail();
    const laptop = new TestBrowser(t.app);
    await laptop.signUp(email);
    const phone = new TestBrowser(t.app);
    await phone.logIn(email);

    await laptop.get('/settings');
    const saved = await laptop.submit('/settings/preferences', PREFS);
    expect(saved.status).toBe(303);

    const html = await (await phone.get('/settings')).text();
    expect(html).toContain('value="Asia/Tokyo"');
    expect(html).toContain('value="60"');
    expect(html).toMatch(/<option value="sunday" selected/);
    expect(html).toContain('data-theme="dark"');
  });

  it.each([
    [{ sessionLengthMinutes: '4' }, 'At least 5 minutes.'],
    [{ sessionLengthMinutes: '241' }, 'At most 240 minutes.'],
    [{ sessionLengthMinutes: 'lots' }, 'Enter a number of minutes.'],
    [{ timeZone: 'Mars/Olympus' }, 'Choose a time zone'],
    [{ weekStart: 'friday' }, 'Choose Monday, Sunday or Saturday.'],
    [{ theme: 'neon' }, 'Choose system, light or dark.'],
  ])('refuses %j with a form error and keeps what was saved', async (bad, message) => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail());
    await browser.get('/settings');
    await browser.submit('/settings/preferences', PREFS);
    const response = await browser.submit('/settings/preferences', { ...PREFS, ...bad });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain(message);
    const html = await (await browser.get('/settings')).text();
    expect(html).toContain('value="Asia/Tokyo"');
    expect(html).toContain('value="60"');
  });
});

describe('password change', () => {
  it('needs the current password and signs out the other devices', async () => {
    const email = uniqueEmail();
    const laptop = new TestBrowser(t.app);
    await laptop.signUp(email);
    const phone = new TestBrowser(t.app);
    await phone.logIn(email);

    await laptop.get('/settings');
    const wrong = await laptop.submit('/settings/password', {
      currentPassword: 'not my password',
      newPassword: 'a different passphrase',
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('Your current password is not right.');
    expect((await phone.get('/')).status).toBe(200);

    const ok = await laptop.submit('/settings/password', {
      currentPassword: 'a calm and long passphrase',
      newPassword: 'a different passphrase',
    });
    expect(ok.status).toBe(303);
    expect((await laptop.get('/')).status).toBe(200);
    expect((await phone.get('/')).status).toBe(303);
    expect((await new TestBrowser(t.app).logIn(email, 'a different passphrase')).status).toBe(303);
  });
});

describe('devices', () => {
  it('lists signed-in devices and signs one out', async () => {
    const email = uniqueEmail();
    const laptop = new TestBrowser(t.app);
    await laptop.signUp(email);
    const phone = new TestBrowser(t.app, '203.0.113.7');
    phone.userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1';
    await phone.logIn(email);

    const html = await (await laptop.get('/settings')).text();
    expect(html).toContain('This device');
    // Each device by browser and system, where it signed in from, and when.
    const names = [...html.matchAll(/data-testid="device-name">([\s\S]*?)<\/p>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, '').trim(),
    );
    expect(names).toContain('Safari on iOS · 203.0.113.7');
    expect(names).toHaveLength(2);
    expect(html).toMatch(
      /signed in <time datetime="[^"]+">\d{1,2} \w+ \d{4}, \d\d:\d\d<\/time> · last active/,
    );
    const ids = [...html.matchAll(/\/settings\/devices\/([0-9a-f]+)\/revoke/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(1);
    const revoked = await laptop.submit(`/settings/devices/${ids[0]}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect((await phone.get('/')).status).toBe(303);
    expect((await laptop.get('/')).status).toBe(200);
  });

  it("answers 404 for another person's device", async () => {
    const alice = new TestBrowser(t.app);
    await alice.signUp(uniqueEmail('alice'));
    const aliceOther = new TestBrowser(t.app);
    const aliceEmail = uniqueEmail('alice2');
    await aliceOther.signUp(aliceEmail);
    await new TestBrowser(t.app).logIn(aliceEmail);
    const html = await (await aliceOther.get('/settings')).text();
    const id = html.match(/\/settings\/devices\/([0-9a-f]+)\/revoke/)![1]!;

    await alice.get('/settings');
    const response = await alice.submit(`/settings/devices/${id}/revoke`, {});
    expect(response.status).toBe(404);
    const still = await (await aliceOther.get('/settings')).text();
    expect(still).toContain(`/settings/devices/${id}/revoke`);
  });

  it('signs out every other device at once', async () => {
    const email = uniqueEmail();
    const a = new TestBrowser(t.app);
    await a.signUp(email);
    const b = new TestBrowser(t.app);
    await b.logIn(email);
    const c = new TestBrowser(t.app);
    await c.logIn(email);
    await a.get('/settings');
    expect((await a.submit('/settings/devices/revoke-others', {})).status).toBe(303);
    expect((await b.get('/')).status).toBe(303);
    expect((await c.get('/')).status).toBe(303);
    expect((await a.get('/')).status).toBe(200);
  });
});
