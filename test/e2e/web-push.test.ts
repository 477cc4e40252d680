import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_NAMES } from '../../src/services/job-sender.ts';
import {
  type Browser,
  hasBrowser,
  LAPTOP,
  launchBrowser,
  openContext,
  type Page,
  startTestServer,
  type TestServer,
} from '../support/browser.ts';
import { setServerTime, signUpInPage } from '../support/e2e-flows.ts';
import { type PushServiceFake, startPushServiceFake } from '../support/fakes/push-service.ts';
import { TEST_VAPID } from '../support/test-app.ts';

const POLL = { timeout: 20_000, interval: 200 };

/** The page's own API call (cookie and CSRF token), as its scripts make them. */
function callApi(page: Page, path: string, method = 'GET', body?: unknown) {
  return page.evaluate(
    async ({ path, method, body }) => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
    },
    { path, method, body },
  );
}

describe.skipIf(!hasBrowser)('time’s up with the tab closed (Web Push) in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let fake: PushServiceFake;
  beforeAll(async () => {
    fake = await startPushServiceFake({ vapidPublicKey: TEST_VAPID.publicKey });
    server = await startTestServer({
      database: 'pglite',
      env: {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        VAPID_PUBLIC_KEY: TEST_VAPID.publicKey,
        VAPID_PRIVATE_KEY: TEST_VAPID.privateKey,
        VAPID_SUBJECT: TEST_VAPID.subject,
      },
    });
    browser = await launchBrowser();
    await setServerTime(server.url, { now: '2026-04-06T07:00:00Z' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.stop();
  });

  it('offers the button where PushManager exists, subscribes only on the tap, and says so when the browser cannot', async () => {
    // Playwright's contexts are incognito profiles, where Chromium has no Push API service at all.
    const { context } = await openContext(browser, server.url, LAPTOP, {
      expectedProblems: [/^console\.error: Chrome currently does not support the Push API in incognito mode/],
    });
    await context.grantPermissions(['notifications'], { origin: server.url });
    const page = await context.newPage();
    await signUpInPage(page, `push-offer-${Date.now()}@example.test`);
    await page.goto('/settings/notifications');
    const button = page.getByRole('button', {
      name: 'Alert me on this device when time is up, even with the tab closed',
    });
    await expect.poll(() => button.isVisible()).toBe(true);
    expect(await page.getByText('iOS delivers notifications only to Home Screen apps').isVisible()).toBe(
      false,
    );
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    // Nothing was asked of the push service before the tap.
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.ready).pushManager.getSubscription()),
    ).toBeNull();
    await button.click();
    // Here subscribe() is refused (no push service in an incognito profile, and none but Google's
    // FCM in a real one): the page says so instead of pretending. Storing a browser's
    // subscription through the same API call is proved in test/integration/web-push.test.ts.
    await expect
      .poll(() => page.locator('[data-push-status]').textContent(), POLL)
      .toBe('This browser could not subscribe (its push service did not answer). Try again later.');
    expect(await callApi(page, '/push-subscriptions')).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('shows the server’s push as “Personal 1 · time is up” with Complete and Keep going, and Complete works without opening the page', async () => {
    const { context } = await openContext(browser, server.url, LAPTOP);
    await context.grantPermissions(['notifications'], { origin: server.url });
    const page = await context.newPage();
    await signUpInPage(page, `push-sw-${Date.now()}@example.test`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

    // This sign-in subscribes a device of the push-service fake: the server's real push for it is
    // decrypted there, then handed to this browser's service worker as its push service would.
    const device = fake.createDevice();
    expect((await callApi(page, '/push-subscriptions', 'POST', device.subscription)).status).toBe(201);
    const day = (await callApi(page, '/days/2026-04-06')).body as { sessions: { id: string }[] };
    const sessionId = day.sessions[0]!.id;
    expect((await callApi(page, `/sessions/${sessionId}/start`, 'POST')).status).toBe(200);
    await setServerTime(server.url, { advanceSeconds: 45 * 60 });
    // The queue counts on the database's clock: the job's due time comes forward as the server's did.
    await expect
      .poll(async () => {
        await server.server.runtime.deps.db.execute(
          sql`update pgboss.job set start_after = now() where name = ${JOB_NAMES.pushTimeUp} and state = 'created'`,
        );
        return fake.receivedBy(device).length;
      }, POLL)
      .toBe(1);
    const payload = fake.receivedBy(device)[0]!.payload;

    // A trusted push event, through DevTools, to the page's service worker registration.
    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find((r) => r.scopeURL.startsWith(server.url) && !r.isDeleted);
        if (found) resolve(found.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.url,
      registrationId: await registrationId,
      data: JSON.stringify(payload),
    });
    const shown = () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
          actions: (n as Notification & { actions?: { action: string; title: string }[] }).actions?.map(
            (a) => a.title,
          ),
        })),
      );
    await expect.poll(shown, POLL).toEqual([
      {
        title: 'Personal 1 · time is up',
        body: '45 minutes',
        tag: `time-up:${sessionId}`,
        actions: ['Complete', 'Keep going'],
      },
    ]);

    // The tab closes. Chromium offers no way to press a notification's button from a test: the
    // worker's own click handler is given the notification and the "complete" action.
    const [worker] = context.serviceWorkers();
    expect(worker).toBeDefined();
    await page.close();
    await worker!.evaluate(async () => {
      const scope = self as unknown as ServiceWorkerGlobalScope;
      const [notification] = await scope.registration.getNotifications();
      scope.dispatchEvent(
        new NotificationEvent('notificationclick', { notification: notification!, action: 'complete' }),
      );
    });
    const later = await context.newPage();
    await later.goto('/settings');
    await expect
      .poll(
        async () => ((await callApi(later, `/sessions/${sessionId}`)).body as { state: string }).state,
        POLL,
      )
      .toBe('completed');
    // No window was opened for it, and the notification is gone.
    expect(context.pages()).toEqual([later]);
    expect(
      await later.evaluate(
        async () => (await (await navigator.serviceWorker.ready).getNotifications()).length,
      ),
    ).toBe(0);
  });
});
