import type { Child } from 'hono/jsx';
import type { ApiTokenRow, apiRequests } from '../../db/schema/index.ts';
import type { Preferences } from '../../domain/inputs/preferences.ts';
import { describeAgent } from '../../domain/user-agent.ts';
import type { DeviceView } from '../../services/auth-sessions.ts';
import {
  CsrfField,
  FormAlert,
  Layout,
  NewPasswordField,
  type PageContext,
  PostButton,
  TextField,
} from './layout.tsx';
import { ApiCallsSection, ApiTokensSection } from './settings-api.tsx';
import { CalendarFeedSection, type CalendarFeedView } from './settings-calendar-feed.tsx';
import { DeleteAccountSection } from './settings-delete-account.tsx';
import { YourDataSection } from './settings-your-data.tsx';
import { formatInstant } from './sheet/format.ts';

type Errors = Record<string, string>;

const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

export type SettingsProps = {
  page: PageContext;
  email: string;
  preferences: Preferences;
  devices: DeviceView[];
  /** The saved time zone (the form may hold a refused one). */
  timeZone: string;
  preferenceErrors?: Errors | undefined;
  passwordErrors?: Errors | undefined;
  deleteAccountError?: string | undefined;
  notice?: string | undefined;
  tokens: ApiTokenRow[];
  apiCalls: (typeof apiRequests.$inferSelect)[];
  now: Date;
  newTokenSecret?: string | undefined;
  tokenErrors?: Errors | undefined;
  calendarFeed: CalendarFeedView;
  isTwoFactorOn: boolean;
  hasPassword: boolean;
  isEmailVerified: boolean;
};

export function SettingsPage(props: SettingsProps) {
  return (
    <Layout page={props.page} title="Settings">
      <h1 class="mb-6 text-2xl font-semibold">Settings</h1>
      <FormAlert message={props.notice} tone="info" />
      <div class="grid gap-8 lg:grid-cols-2">
        <PreferencesSection {...props} />
        <div class="space-y-8">
          {props.hasPassword ? (
            <PasswordSection page={props.page} errors={props.passwordErrors} />
          ) : (
            <section aria-labelledby="password-heading" class="card">
              <h2 id="password-heading" class="card-title">
                Set a password
              </h2>
              <p class="mb-3 text-sm text-stone-600 dark:text-stone-400">
                You sign in through a provider and have no password yet. We email you a link to choose one.
              </p>
              <PostButton
                action="/settings/sign-in-methods/set-password"
                csrfToken={props.page.csrfToken}
                label="Email me a link to set a password"
              />
            </section>
          )}
          {/* Sign-in methods (issue 16) */}
          <section aria-labelledby="sign-in-methods-heading" class="card">
            <h2 id="sign-in-methods-heading" class="card-title">
              Sign-in methods
            </h2>
            <p class="mb-2 text-sm text-stone-600 dark:text-stone-400" data-testid="email-verified-state">
              {props.isEmailVerified
                ? 'Your email is verified.'
                : 'Your email is not verified yet: providers cannot be linked by it.'}
            </p>
            {props.isEmailVerified ? null : (
              <div class="mb-2">
                <PostButton
                  action="/settings/sign-in-methods/verify-email"
                  csrfToken={props.page.csrfToken}
                  label="Send a verification link"
                />
              </div>
            )}
            <a class="link" href="/settings/sign-in-methods">
              Password, GitHub, Google and single sign-on
            </a>
          </section>
          {/* Two-factor authentication (issue 16) */}
          <section aria-labelledby="two-factor-heading" class="card">
            <h2 id="two-factor-heading" class="card-title">
              Two-factor authentication
            </h2>
            <p class="mb-2 text-sm text-stone-600 dark:text-stone-400" data-testid="two-factor-state">
              {props.isTwoFactorOn
                ? 'On: signing in takes your password and a code from your authenticator app.'
                : 'Off: signing in takes your password only.'}
            </p>
            <a class="link" href="/settings/two-factor">
              {props.isTwoFactorOn ? 'Recovery codes and turning it off' : 'Set it up'}
            </a>
          </section>
          {/* Passkeys (issue 16) */}
          <LinkCard id="passkeys" title="Passkeys" href="/settings/passkeys" link="Your passkeys">
            Sign in with your fingerprint, face or screen lock instead of a password.
          </LinkCard>
          <DevicesSection page={props.page} devices={props.devices} timeZone={props.timeZone} />
        </div>
        <ApiTokensSection
          page={props.page}
          tokens={props.tokens}
          now={props.now}
          newSecret={props.newTokenSecret}
          errors={props.tokenErrors}
        />
        <ApiCallsSection calls={props.apiCalls} />
        <LinkCard id="teams" title="Teams" href="/teams" link="Your teams">
          Plan work with others. Nothing of yours is shared unless you choose to share it.
        </LinkCard>
        {/* GitHub and GitLab import (issue 15) */}
        <LinkCard
          id="integrations"
          title="GitHub and GitLab"
          href="/settings/integrations"
          link="Your connections"
        >
          Bring the open issues of your repositories in as tasks.
        </LinkCard>
        {/* Web Push (issue 16) */}
        <LinkCard id="notifications" title="Notifications" href="/settings/notifications" link="Your devices">
          Hear that time is up on your phone, even with Deepsheet closed.
        </LinkCard>
        {/* Webhooks (issue 15) */}
        <LinkCard id="webhooks" title="Webhooks" href="/settings/webhooks" link="Your webhooks">
          Tell another program when sessions, tasks or your day change.
        </LinkCard>
        {/* Slack focus status (issue 15) */}
        <LinkCard id="slack" title="Slack" href="/settings/slack" link="Your Slack status">
          Show that you are in deep work while a session runs.
        </LinkCard>
        <YourDataSection page={props.page} />
        <CalendarFeedSection page={props.page} feed={props.calendarFeed} />
        <DeleteAccountSection page={props.page} error={props.deleteAccountError} />
      </div>
    </Layout>
  );
}

function PreferencesSection(props: SettingsProps) {
  const p = props.preferences;
  const errors = props.preferenceErrors ?? {};
  return (
    <section aria-labelledby="prefs-heading" class="card">
      <h2 id="prefs-heading" class="card-title">
        Preferences
      </h2>
      <p class="mb-4 text-sm text-stone-600 dark:text-stone-400">Signed in as {props.email}</p>
      <form method="post" action="/settings/preferences" class="space-y-4" id="preferences-form">
        <CsrfField token={props.page.csrfToken} />
        <TextField
          label="Time zone"
          name="timeZone"
          value={p.timeZone}
          error={errors.timeZone}
          autocomplete="off"
          list="time-zones"
          required
        />
        <datalist id="time-zones">
          {TIME_ZONES.map((zone) => (
            <option value={zone} />
          ))}
        </datalist>
        <TextField
          label="Session length (minutes)"
          name="sessionLengthMinutes"
          type="number"
          inputmode="numeric"
          min={5}
          max={240}
          value={String(p.sessionLengthMinutes)}
          error={errors.sessionLengthMinutes}
          required
        />
        <TextField
          label="Weekly focus target (minutes)"
          name="weeklyFocusTargetMinutes"
          type="number"
          inputmode="numeric"
          min={30}
          max={6000}
          value={String(p.weeklyFocusTargetMinutes)}
          error={errors.weeklyFocusTargetMinutes}
          required
        />
        <SelectField
          label="First day of the week"
          name="weekStart"
          value={p.weekStart}
          error={errors.weekStart}
          options={[
            ['monday', 'Monday'],
            ['sunday', 'Sunday'],
            ['saturday', 'Saturday'],
          ]}
        />
        <SelectField
          label="Theme"
          name="theme"
          value={p.theme}
          error={errors.theme}
          options={[
            ['system', 'Follow the system'],
            ['light', 'Light'],
            ['dark', 'Dark'],
          ]}
        />
        <button type="submit" class="btn-secondary">
          Save preferences
        </button>
      </form>
    </section>
  );
}

function SelectField(props: {
  label: string;
  name: string;
  value: string;
  error?: string | undefined;
  options: [string, string][];
}) {
  const id = `field-${props.name}`;
  return (
    <div class="field">
      <label for={id} class="field-label">
        {props.label}
      </label>
      <select id={id} name={props.name} class="field-input" aria-invalid={props.error ? 'true' : undefined}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
      {props.error ? <p class="field-error">{props.error}</p> : null}
    </div>
  );
}

function PasswordSection(props: { page: PageContext; errors?: Errors | undefined }) {
  const errors = props.errors ?? {};
  return (
    <section aria-labelledby="password-heading" class="card">
      <h2 id="password-heading" class="card-title">
        Password
      </h2>
      <form method="post" action="/settings/password" class="space-y-4">
        <CsrfField token={props.page.csrfToken} />
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          error={errors.currentPassword}
          required
        />
        <NewPasswordField
          label="New password"
          name="newPassword"
          error={errors.password ?? errors.newPassword}
          extraHint="Other devices will be signed out."
        />
        <button type="submit" class="btn-secondary">
          Change password
        </button>
      </form>
    </section>
  );
}

function DevicesSection(props: { page: PageContext; devices: DeviceView[]; timeZone: string }) {
  const when = (at: Date) => <time datetime={at.toISOString()}>{formatInstant(at, props.timeZone)}</time>;
  return (
    <section aria-labelledby="devices-heading" class="card">
      <h2 id="devices-heading" class="card-title">
        Devices
      </h2>
      <ul class="divide-y divide-stone-200 dark:divide-stone-800" data-testid="devices">
        {props.devices.map((device) => (
          <li class="flex items-center justify-between gap-3 py-3">
            <div class="min-w-0">
              <p class="truncate text-sm" data-testid="device-name">
                {describeAgent(device.userAgent)}
                {device.ip ? <span class="text-stone-600 dark:text-stone-400"> · {device.ip}</span> : null}
              </p>
              <p class="text-xs text-stone-600 dark:text-stone-400">
                {device.isCurrent ? 'This device · ' : ''}signed in {when(device.createdAt)} · last active{' '}
                {when(device.lastSeenAt)}
              </p>
            </div>
            {device.isCurrent ? null : (
              <form method="post" action={`/settings/devices/${device.id}/revoke`}>
                <CsrfField token={props.page.csrfToken} />
                <button type="submit" class="btn-quiet">
                  Sign out
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <div class="mt-4 flex flex-wrap gap-3">
        {props.devices.length > 1 ? (
          <form method="post" action="/settings/devices/revoke-others">
            <CsrfField token={props.page.csrfToken} />
            <button type="submit" class="btn-secondary">
              Sign out other devices
            </button>
          </form>
        ) : null}
        <form method="post" action="/logout">
          <CsrfField token={props.page.csrfToken} />
          <button type="submit" class="btn-secondary">
            Log out
          </button>
        </form>
      </div>
    </section>
  );
}

/** A card that says what a settings page is for and links to it. */
function LinkCard(props: { id: string; title: string; href: string; link: string; children: Child }) {
  return (
    <section aria-labelledby={`${props.id}-heading`} class="card">
      <h2 id={`${props.id}-heading`} class="card-title">
        {props.title}
      </h2>
      <p class="mb-2 text-sm text-stone-600 dark:text-stone-400">{props.children}</p>
      <a class="link" href={props.href}>
        {props.link}
      </a>
    </section>
  );
}
