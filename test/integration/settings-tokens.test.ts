import { beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const api = (token: string, path: string) =>
  t.app.request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('API tokens in settings', () => {
  it('creates a token shown once, lists the calls made with it, and revokes it', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail());
    await browser.get('/settings');
    const created = await browser.submit('/settings/tokens', {
      name: 'Phone widget',
      scope: 'read',
      expiresInDays: '30',
    });
    expect(created.status).toBe(200);
    const html = await created.text();
    const secret = html
      .match(/data-testid="new-token"[^>]*value="(ds_[^"]+)"|value="(ds_[^"]+)"[^>]*data-testid="new-token"/)!
      .slice(1)
      .find(Boolean)!;
    expect(secret).toMatch(/^ds_/);
    expect(html).toContain('Phone widget');
    expect(html).toContain('read · active');

    expect((await api(secret, '/me')).status).toBe(200);
    const later = await (await browser.get('/settings')).text();
    expect(later).not.toContain(secret);
    await expect
      .poll(async () => (await (await browser.get('/settings')).text()).includes('GET /api/v1/me'))
      .toBe(true);

    const id = later.match(/\/settings\/tokens\/([0-9a-f-]+)\/revoke/)![1]!;
    expect((await browser.submit(`/settings/tokens/${id}/revoke`, {})).status).toBe(303);
    expect((await api(secret, '/me')).status).toBe(401);
    expect(await (await browser.get('/settings')).text()).toContain('read · revoked');
  });

  it('refuses a token without a name with a form error', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail());
    await browser.get('/settings');
    const response = await browser.submit('/settings/tokens', {
      name: '  ',
      scope: 'write',
      expiresInDays: '',
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Give the token a name.');
  });
});
