import { describe, expect, it } from 'vitest';
import { deliverDueWebhooks } from '../../../src/services/webhooks/deliver-webhooks.ts';
import { startWebhookReceiver } from '../../support/fakes/webhook-receiver.ts';
import { TestBrowser } from '../../support/http-client.ts';
import { createTestApp, uniqueEmail } from '../../support/test-app.ts';

const t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });

async function signedIn(): Promise<TestBrowser> {
  const browser = new TestBrowser(t.app);
  await browser.signUp(uniqueEmail());
  return browser;
}

const secretIn = (html: string) => html.match(/value="(whsec_[^"]+)"/)?.[1];

describe('Settings › Webhooks', () => {
  it('is linked from settings', async () => {
    const browser = await signedIn();
    expect(await (await browser.get('/settings')).text()).toContain('href="/settings/webhooks"');
  });

  it('adds a webhook, shows its secret once, sends a test and shows the answer escaped', async () => {
    const browser = await signedIn();
    const receiver = await startWebhookReceiver(() => t.clock.now());
    await browser.get('/settings/webhooks');
    const added = await browser.submit('/settings/webhooks', { url: receiver.url, events: 'task.created' });
    expect(added.status).toBe(200);
    const secret = secretIn(await added.text());
    expect(secret).toMatch(/^whsec_/);
    receiver.secrets = [secret!];
    const page = await (await browser.get('/settings/webhooks')).text();
    expect(page).not.toContain('whsec_');
    const id = page.match(/\/settings\/webhooks\/([0-9a-f-]{36})\/test/)![1]!;
    expect((await browser.submit(`/settings/webhooks/${id}/test`, {})).status).toBe(303);
    while ((await deliverDueWebhooks(t.deps, { timeoutMs: 2000 })) > 0) {}
    expect(receiver.received[0]!.verifiedWith).toEqual([true]);
    const log = await (await browser.get('/settings/webhooks')).text();
    expect(log).toContain('webhook.test');
    expect(log).toContain('&lt;b&gt;thanks&lt;/b&gt;');
    expect(log).not.toContain('<b>thanks</b>');
  });

  it('explains a refused address on the form', async () => {
    const browser = await signedIn();
    await browser.get('/settings/webhooks');
    const refused = await browser.submit('/settings/webhooks', {
      url: 'not an address',
      events: 'task.created',
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Use a full address');
  });

  it('turns a webhook off and on, rotates its secret and deletes it', async () => {
    const browser = await signedIn();
    await browser.get('/settings/webhooks');
    const added = await browser.submit('/settings/webhooks', {
      url: 'http://127.0.0.1:9/h',
      events: 'task.created',
    });
    const id = (await added.text()).match(/\/settings\/webhooks\/([0-9a-f-]{36})\/test/)![1]!;
    await browser.submit(`/settings/webhooks/${id}/disable`, {});
    expect(await (await browser.get('/settings/webhooks')).text()).toContain('you turned it off');
    await browser.submit(`/settings/webhooks/${id}/enable`, {});
    const rotated = await browser.submit(`/settings/webhooks/${id}/rotate`, {});
    expect(secretIn(await rotated.text())).toMatch(/^whsec_/);
    await browser.submit(`/settings/webhooks/${id}/delete`, {});
    expect(await (await browser.get('/settings/webhooks')).text()).not.toContain('http://127.0.0.1:9/h');
  });

  it('refuses a form post without the CSRF token', async () => {
    const browser = await signedIn();
    await browser.get('/settings/webhooks');
    const refused = await browser.submit(
      '/settings/webhooks',
      { url: 'http://127.0.0.1:9/h', events: 'task.created' },
      { csrf: null },
    );
    expect(refused.status).toBe(403);
    expect(await (await browser.get('/settings/webhooks')).text()).not.toContain('http://127.0.0.1:9/h');
  });
});
