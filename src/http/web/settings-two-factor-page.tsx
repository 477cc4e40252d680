import { raw } from 'hono/html';
import type { TwoFactorStatus } from '../../services/two-factor/two-factor-settings.ts';
import { CsrfField, FormAlert, type PageContext, TextField } from './layout.tsx';
import { SettingsSubpage } from './settings-subpage.tsx';
import { formatDateOf } from './sheet/format.ts';

export type TwoFactorPageProps = {
  page: PageContext;
  status: TwoFactorStatus;
  timeZone: string;
  notice?: string | undefined;
  errors?: Record<string, string> | undefined;
  /** Recovery codes just made: shown on this answer only, never stored in the clear. */
  recoveryCodes?: string[] | undefined;
  /** The enrolment QR code as SVG, drawn on the server from the otpauth link (while setting up). */
  qrSvg?: string | undefined;
};

/** Settings › Two-factor authentication: set up an authenticator app, recovery codes, turn off. */
export function TwoFactorPage(props: TwoFactorPageProps) {
  const status = props.status;
  return (
    <SettingsSubpage
      page={props.page}
      title="Two-factor authentication"
      intro="With two-factor authentication, signing in takes your password and a code from an authenticator app on your phone, so a password alone does not open your account. API tokens keep working as they are."
    >
      <FormAlert message={props.notice} tone="info" />
      <FormAlert message={props.errors?.form} />
      {props.recoveryCodes ? <RecoveryCodes codes={props.recoveryCodes} /> : null}
      {status.state === 'off' ? <SetUpSection {...props} /> : null}
      {status.state === 'setting-up' ? <ConfirmSection {...props} status={status} /> : null}
      {status.state === 'on' ? <OnSection {...props} status={status} /> : null}
    </SettingsSubpage>
  );
}

function SetUpSection(props: TwoFactorPageProps) {
  return (
    <section aria-labelledby="two-factor-setup-heading" class="card">
      <h2 id="two-factor-setup-heading" class="card-title">
        Set up an authenticator app
      </h2>
      <p class="mb-4 text-sm text-stone-600 dark:text-stone-400">
        Any app that makes time-based codes works: 1Password, Aegis, Authy, Google Authenticator, Bitwarden.
      </p>
      <form method="post" action="/settings/two-factor/setup" class="space-y-4">
        <CsrfField token={props.page.csrfToken} />
        <TextField
          label="Your password, to start"
          name="password"
          type="password"
          autocomplete="current-password"
          error={props.errors?.password}
          required
        />
        <button type="submit" class="btn-primary">
          Set up
        </button>
      </form>
    </section>
  );
}

function ConfirmSection(
  props: TwoFactorPageProps & { status: Extract<TwoFactorStatus, { state: 'setting-up' }> },
) {
  const grouped = props.status.secret.match(/.{1,4}/g)?.join(' ') ?? props.status.secret;
  return (
    <section aria-labelledby="two-factor-confirm-heading" class="card">
      <h2 id="two-factor-confirm-heading" class="card-title">
        Add Deepsheet to your app
      </h2>
      <p class="mb-2 text-sm">
        In your authenticator app, add an account and scan this code, or type the key below it (spaces do not
        matter), or open the link on the phone that has the app.
      </p>
      {props.qrSvg ? (
        <div class="mb-3 inline-block rounded bg-white p-2" data-testid="totp-qr">
          {raw(props.qrSvg)}
        </div>
      ) : null}
      <p class="mb-2 font-mono text-lg tracking-wide" data-testid="totp-secret">
        {grouped}
      </p>
      <p class="mb-4 break-all font-mono text-xs text-stone-600 dark:text-stone-400">
        <a class="link" href={props.status.uri} data-testid="totp-uri">
          {props.status.uri}
        </a>
      </p>
      <form method="post" action="/settings/two-factor/confirm" class="space-y-4">
        <CsrfField token={props.page.csrfToken} />
        <TextField
          label="The 6-digit code your app shows now"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          error={props.errors?.code}
          required
        />
        <button type="submit" class="btn-primary">
          Turn on two-factor authentication
        </button>
      </form>
    </section>
  );
}

function RecoveryCodes(props: { codes: string[] }) {
  return (
    <section aria-labelledby="recovery-codes-heading" class="card">
      <h2 id="recovery-codes-heading" class="card-title">
        Your recovery codes
      </h2>
      <p class="mb-3 text-sm">
        Keep these somewhere safe, apart from your phone: each one signs you in once if you lose the app. They
        are shown only this once; making new ones stops these.
      </p>
      <ol class="grid grid-cols-2 gap-2 font-mono" data-testid="recovery-codes">
        {props.codes.map((code) => (
          <li>{code}</li>
        ))}
      </ol>
    </section>
  );
}

function OnSection(props: TwoFactorPageProps & { status: Extract<TwoFactorStatus, { state: 'on' }> }) {
  const errors = props.errors ?? {};
  const left = props.status.recoveryCodesLeft;
  return (
    <>
      <section aria-labelledby="two-factor-on-heading" class="card">
        <h2 id="two-factor-on-heading" class="card-title">
          On since {formatDateOf(props.status.since, props.timeZone)}
        </h2>
        <p class="mb-4 text-sm" data-testid="recovery-codes-left">
          {left === 1 ? '1 recovery code is left.' : `${left} recovery codes are left.`}
        </p>
        <form method="post" action="/settings/two-factor/recovery-codes" class="space-y-4">
          <CsrfField token={props.page.csrfToken} />
          <TextField
            label="Your password, to make new recovery codes"
            name="password"
            type="password"
            autocomplete="current-password"
            error={errors.recoveryPassword}
            required
          />
          <button type="submit" class="btn-secondary">
            Make new recovery codes
          </button>
        </form>
      </section>
      <section aria-labelledby="two-factor-off-heading" class="card">
        <h2 id="two-factor-off-heading" class="card-title">
          Turn off two-factor authentication
        </h2>
        <form method="post" action="/settings/two-factor/disable" class="space-y-4">
          <CsrfField token={props.page.csrfToken} />
          <TextField
            label="Your password"
            name="password"
            type="password"
            autocomplete="current-password"
            error={errors.password}
            required
          />
          <TextField
            label="A code from your app, or a recovery code"
            name="code"
            autocomplete="one-time-code"
            error={errors.code}
            required
          />
          <button type="submit" class="btn-secondary">
            Turn off
          </button>
        </form>
      </section>
    </>
  );
}
