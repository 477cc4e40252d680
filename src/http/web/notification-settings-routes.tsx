import { type Context, Hono } from 'hono';
import type { ServiceDeps } from '../../services/deps.ts';
import { getUser } from '../../services/preferences.ts';
import { listPushSubscriptions, unsubscribeFromPush } from '../../services/web-push/push-subscriptions.ts';
import type { PushOutcome } from '../../services/web-push/send-push.ts';
import { sendTestPush } from '../../services/web-push/send-test-push.ts';
import { vapidKeysOf } from '../../services/web-push/vapid-keys.ts';
import type { AppEnv } from '../context.ts';
import type { AssetManifest } from './assets.ts';
import { pageContext } from './page-context.ts';
import { NotificationsPage } from './settings-notifications-page.tsx';

const NOTICES: Record<string, string> = {
  subscribed: 'This device will be told when time is up, even with the tab closed.',
  removed: 'That device will not be told any more.',
  sent: 'A test notification is on its way.',
  gone: 'That device no longer takes notifications, so it was removed.',
  refused: 'That device has to subscribe again: open Deepsheet on it and tap the button on this page.',
  retry: 'Its push service did not answer. Try again in a minute.',
  unknown: 'Its push service broke off; the notification may still arrive.',
  failed: 'Its push service refused the notification.',
};

/**
 * Settings › Notifications, under /settings/notifications behind the settings pages' sign-in
 * check; the global CSRF middleware has checked every POST. Subscribing happens in the page's
 * script (the browser makes the subscription), through POST /api/v1/push-subscriptions.
 */
export function notificationSettingsRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();
  const back = (c: Context<AppEnv>, saved: string) =>
    c.redirect(`/settings/notifications?saved=${saved}`, 303);

  app.get('/', async (c) => {
    const actor = c.get('actor');
    const [user, devices, keys] = await Promise.all([
      getUser(deps, actor),
      listPushSubscriptions(deps, actor),
      vapidKeysOf(deps),
    ]);
    const page = { ...pageContext(c, assets, 'settings'), theme: user.theme };
    return c.html(
      <NotificationsPage
        page={page}
        devices={devices}
        publicKey={keys.publicKey}
        timeZone={user.timeZone}
        notice={NOTICES[c.req.query('saved') ?? '']}
      />,
    );
  });
  app.post('/:id/remove', async (c) => {
    await unsubscribeFromPush(deps, c.get('actor'), c.req.param('id'));
    return back(c, 'removed');
  });
  app.post('/:id/test', async (c) => {
    const outcome: PushOutcome = await sendTestPush(deps, c.get('actor'), c.req.param('id'));
    return back(c, outcome);
  });
  return app;
}
