import type { PasskeyView } from '../../services/passkeys/passkey-settings.ts';
import { FormAlert, type PageContext, PostButton, TextField } from './layout.tsx';
import { SettingsSubpage } from './settings-subpage.tsx';
import { formatDateOf } from './sheet/format.ts';

export type PasskeysPageProps = {
  page: PageContext;
  passkeys: PasskeyView[];
  timeZone: string;
  notice?: string | undefined;
  /** The RP ID (APP_URL's host): passkeys can be made only at an address it covers. */
  rpId: string;
};

/**
 * Settings › Passkeys: the person's passkeys and adding one. Adding runs in the browser
 * (src/client/passkeys.ts, on `data-passkey-register`); without WebAuthn the form stays hidden
 * and says why.
 */
export function PasskeysPage(props: PasskeysPageProps) {
  return (
    <SettingsSubpage
      page={props.page}
      title="Passkeys"
      intro="A passkey signs you in with your fingerprint, face or screen lock instead of a password. It is kept by your device or password manager and works only on this site, so it cannot be phished. If two-factor authentication is on, a passkey can answer its second step too."
    >
      <FormAlert message={props.notice} tone="info" />
      <section aria-labelledby="passkeys-list-heading" class="card">
        <h2 id="passkeys-list-heading" class="card-title">
          Your passkeys
        </h2>
        {props.passkeys.length === 0 ? (
          <p class="text-sm" data-testid="no-passkeys">
            You have no passkeys yet.
          </p>
        ) : (
          <ul class="divide-y divide-stone-200 dark:divide-stone-700" data-testid="passkeys">
            {props.passkeys.map((passkey) => (
              <li class="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="passkey">
                <div>
                  <p class="font-medium">{passkey.name}</p>
                  <p class="text-sm text-stone-600 dark:text-stone-400">
                    Added {formatDateOf(passkey.createdAt, props.timeZone)}
                    {' · '}
                    {passkey.lastUsedAt
                      ? `last used ${formatDateOf(passkey.lastUsedAt, props.timeZone)}`
                      : 'not used yet'}
                    {passkey.isSynced ? ' · synced' : ''}
                  </p>
                </div>
                <PostButton
                  action={`/settings/passkeys/${encodeURIComponent(passkey.id)}/remove`}
                  csrfToken={props.page.csrfToken}
                  label={`Remove ${passkey.name}`}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="passkey-add-heading" class="card">
        <h2 id="passkey-add-heading" class="card-title">
          Add a passkey
        </h2>
        <p class="mb-4 text-sm" data-passkey-unsupported>
          Passkeys cannot be made in this browser, or at this address: open Deepsheet at {props.rpId}.
        </p>
        <form class="space-y-4" data-passkey-register data-rp-id={props.rpId} hidden>
          <TextField
            label="Name"
            name="name"
            autocomplete="off"
            hint="So you can tell your passkeys apart, such as “Work laptop” or “Phone”."
          />
          <p role="alert" class="field-error" data-passkey-error hidden />
          <button type="submit" class="btn-primary">
            Add a passkey
          </button>
        </form>
      </section>
    </SettingsSubpage>
  );
}
