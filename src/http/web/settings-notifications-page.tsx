import type { PushSubscriptionRow } from '../../db/schema/index.ts';
import { describeAgent } from '../../domain/user-agent.ts';
import { FormAlert, type PageContext, PostButton } from './layout.tsx';
import { SettingsSubpage } from './settings-subpage.tsx';
import { formatInstant } from './sheet/format.ts';

export type NotificationsPageProps = {
  page: PageContext;
  devices: PushSubscriptionRow[];
  /** The VAPID public key the page's script subscribes with. */
  publicKey: string;
  timeZone: string;
  notice?: string | undefined;
};

export const IOS_HOME_SCREEN_NOTE =
  'On iPhone and iPad, add Deepsheet to your Home Screen first; iOS delivers notifications only to Home Screen apps.';

/**
 * Settings › Notifications: the offer to alert this device with its tab closed (Web Push), made
 * visible by src/client/push-subscribe.ts only where the browser can receive pushes, and the
 * person's subscribed devices with a test and a Remove each.
 */
export function NotificationsPage(props: NotificationsPageProps) {
  return (
    <SettingsSubpage
      page={props.page}
      title="Notifications"
      intro="When a session’s time is up, Deepsheet can tell your phone or computer even when its tab is closed."
    >
      <FormAlert message={props.notice} tone="info" />
      <section aria-labelledby="this-device-heading" class="card space-y-2">
        <h2 id="this-device-heading" class="card-title">
          This device
        </h2>
        <div data-push-offer data-public-key={props.publicKey} hidden>
          <button type="button" class="btn-secondary" data-push-subscribe>
            Alert me on this device when time is up, even with the tab closed
          </button>
        </div>
        <p class="text-sm" data-push-ios hidden>
          {IOS_HOME_SCREEN_NOTE}
        </p>
        <p class="text-sm text-stone-600 dark:text-stone-400" data-push-unsupported>
          This browser cannot receive notifications with its tab closed; an open tab still shows time’s up.
        </p>
        <p class="text-sm" role="status" data-push-status></p>
      </section>
      <section aria-labelledby="devices-heading" class="card">
        <h2 id="devices-heading" class="card-title">
          Devices that get time’s up
        </h2>
        {props.devices.length === 0 ? (
          <p class="text-sm text-stone-600 dark:text-stone-400">None yet.</p>
        ) : (
          <ul class="divide-y divide-stone-200 dark:divide-stone-700">
            {props.devices.map((d) => (
              <Device page={props.page} device={d} timeZone={props.timeZone} />
            ))}
          </ul>
        )}
      </section>
    </SettingsSubpage>
  );
}

function Device(props: { page: PageContext; device: PushSubscriptionRow; timeZone: string }) {
  const d = props.device;
  return (
    <li
      class="space-y-1 py-3"
      data-push-device={d.id}
      data-needs-resubscribe={d.needsResubscribe ? 'true' : 'false'}
    >
      <p class="font-medium">{describeAgent(d.userAgent)}</p>
      <p class="text-sm text-stone-600 dark:text-stone-400">
        Added {formatInstant(d.createdAt, props.timeZone)} · last delivered{' '}
        {d.lastSuccessAt ? formatInstant(d.lastSuccessAt, props.timeZone) : 'not yet'}
      </p>
      {d.needsResubscribe ? (
        <p class="text-sm">
          This device has to subscribe again: open Deepsheet on it, come to this page and tap the button
          above.
        </p>
      ) : null}
      <div class="flex flex-wrap gap-2">
        <PostButton
          action={`/settings/notifications/${d.id}/test`}
          csrfToken={props.page.csrfToken}
          label="Send a test notification"
        />
        <PostButton
          action={`/settings/notifications/${d.id}/remove`}
          csrfToken={props.page.csrfToken}
          label="Remove"
        />
      </div>
    </li>
  );
}
