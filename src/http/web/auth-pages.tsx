import { CsrfField, FormAlert, Layout, NewPasswordField, type PageContext, TextField } from './layout.tsx';

type Errors = Record<string, string>;

/** A configured sign-in provider, as its button needs it. */
export type ProviderButton = { id: string; name: string };

/**
 * One button per configured provider ("Continue with GitHub"): each a POST with the CSRF field,
 * so no other site can start a sign-in in this browser. Nothing at all when none is configured.
 */
export function ProviderButtons(props: { page: PageContext; providers: ProviderButton[] }) {
  if (props.providers.length === 0) return null;
  return (
    <div class="mt-6 space-y-3" data-testid="provider-buttons">
      <p class="text-center text-sm text-stone-600 dark:text-stone-400">or</p>
      {props.providers.map((provider) => (
        <form method="post" action={`/auth/${provider.id}/start`}>
          <CsrfField token={props.page.csrfToken} />
          <input type="hidden" name="timeZone" value="UTC" data-browser-time-zone />
          <button type="submit" class="btn-secondary w-full">
            Continue with {provider.name}
          </button>
        </form>
      ))}
    </div>
  );
}

/** A provider sign-in that could not finish: why, and what to do instead. */
export function ProviderRefusedPage(props: { page: PageContext; message: string }) {
  return (
    <AuthCard page={props.page} title="We could not sign you in">
      <FormAlert message={props.message} />
      <div class="mt-6 flex flex-col gap-2 text-sm">
        <a class="link" href="/login">
          Log in with your password
        </a>
        <a class="link" href="/forgot-password">
          Forgot your password?
        </a>
      </div>
    </AuthCard>
  );
}

const VERIFY_TITLES = {
  ask: 'Verify your email',
  done: 'Your email is verified',
  invalid: 'This link does not work',
} as const;

/** Where a mailed verification link lands: a button to confirm, then the outcome. */
export function VerifyEmailPage(props: {
  page: PageContext;
  state: keyof typeof VERIFY_TITLES;
  error?: string | undefined;
}) {
  const back = props.page.signedIn ? '/settings/sign-in-methods' : '/login';
  return (
    <AuthCard page={props.page} title={VERIFY_TITLES[props.state]}>
      {props.state === 'ask' ? (
        <form method="post" action="/verify-email" class="space-y-4">
          <CsrfField token={props.page.csrfToken} />
          <p>Confirm that this email address belongs to your Deepsheet account.</p>
          <button type="submit" class="btn-primary w-full">
            Verify my email
          </button>
        </form>
      ) : null}
      {props.state === 'done' ? (
        <p>Thank you. Providers you sign in with can now be linked to this account by its email.</p>
      ) : null}
      {props.state === 'invalid' ? (
        <FormAlert
          message={
            props.error ??
            'This verification link has expired or was already used. Send a new one from Settings.'
          }
        />
      ) : null}
      <p class="mt-6 text-sm">
        <a class="link" href={back}>
          {props.page.signedIn ? 'Sign-in methods' : 'Log in'}
        </a>
      </p>
    </AuthCard>
  );
}

function AuthCard(props: { page: PageContext; title: string; children: unknown }) {
  return (
    <Layout page={props.page} title={props.title}>
      <div class="mx-auto mt-8 max-w-sm">
        <p class="mb-6 text-sm font-semibold tracking-wide text-teal-700 dark:text-teal-400">Deepsheet</p>
        <h1 class="mb-6 text-2xl font-semibold">{props.title}</h1>
        {props.children}
      </div>
    </Layout>
  );
}

export function LoginPage(props: {
  page: PageContext;
  email?: string;
  error?: string;
  notice?: string;
  next?: string;
  allowSignup: boolean;
  providers?: ProviderButton[];
  /** The passkeys' RP ID: the page offers them only at an address it covers. */
  rpId: string;
}) {
  return (
    <AuthCard page={props.page} title="Log in">
      <FormAlert message={props.notice} tone="info" />
      <FormAlert message={props.error} />
      <form method="post" action="/login" class="space-y-4">
        <CsrfField token={props.page.csrfToken} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          label="Email"
          name="email"
          type="email"
          value={props.email}
          autocomplete="username webauthn"
          required
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <label class="flex min-h-11 items-center gap-3">
          <input type="checkbox" name="remember" value="on" checked class="size-5 accent-teal-700" />
          <span>Keep me signed in on this device</span>
        </label>
        <button type="submit" class="btn-primary w-full">
          Log in
        </button>
      </form>
      <ProviderButtons page={props.page} providers={props.providers ?? []} />
      <PasskeyButton
        action="sign-in"
        label="Sign in with a passkey"
        next={props.next}
        class="btn-secondary mt-4 w-full"
        rpId={props.rpId}
      />
      <div class="mt-6 flex flex-col gap-2 text-sm">
        <a class="link" href="/forgot-password">
          Forgot your password?
        </a>
        {props.allowSignup ? (
          <a class="link" href="/signup">
            New here? Create an account
          </a>
        ) : null}
      </div>
    </AuthCard>
  );
}

export function SignupPage(props: {
  page: PageContext;
  email?: string;
  timeZone?: string;
  errors?: Errors;
  error?: string;
  providers?: ProviderButton[];
}) {
  const errors = props.errors ?? {};
  return (
    <AuthCard page={props.page} title="Create your account">
      <FormAlert message={props.error} />
      <form method="post" action="/signup" class="space-y-4">
        <CsrfField token={props.page.csrfToken} />
        <TextField
          label="Email"
          name="email"
          type="email"
          value={props.email}
          error={errors.email}
          autocomplete="username"
          required
        />
        <NewPasswordField label="Password" name="password" error={errors.password} />
        <input type="hidden" name="timeZone" value={props.timeZone ?? 'UTC'} data-browser-time-zone />
        {errors.timeZone ? <p class="field-error">{errors.timeZone}</p> : null}
        <p class="text-sm text-stone-600 dark:text-stone-400">
          Your time zone is taken from this browser; you can change it later in Settings.
        </p>
        <button type="submit" class="btn-primary w-full">
          Create account
        </button>
      </form>
      <ProviderButtons page={props.page} providers={props.providers ?? []} />
      <p class="mt-6 text-sm">
        <a class="link" href="/login">
          Already have an account? Log in
        </a>
      </p>
    </AuthCard>
  );
}

export function SignupClosedPage(props: { page: PageContext }) {
  return (
    <AuthCard page={props.page} title="Sign-up is closed">
      <p>This server does not take new sign-ups. Ask its administrator for an account.</p>
      <p class="mt-6 text-sm">
        <a class="link" href="/login">
          Log in
        </a>
      </p>
    </AuthCard>
  );
}

export function ForgotPasswordPage(props: { page: PageContext; sent?: boolean; error?: string }) {
  return (
    <AuthCard page={props.page} title="Reset your password">
      {props.sent ? (
        <FormAlert
          tone="info"
          message="If an account uses that email, we have sent it a link to choose a new password. The link works once, for 30 minutes."
        />
      ) : (
        <>
          <FormAlert message={props.error} />
          <form method="post" action="/forgot-password" class="space-y-4">
            <CsrfField token={props.page.csrfToken} />
            <TextField label="Email" name="email" type="email" autocomplete="username" required />
            <button type="submit" class="btn-primary w-full">
              Send reset link
            </button>
          </form>
        </>
      )}
      <p class="mt-6 text-sm">
        <a class="link" href="/login">
          Back to log in
        </a>
      </p>
    </AuthCard>
  );
}

export function ResetPasswordPage(props: { page: PageContext; isValid: boolean; errors?: Errors }) {
  return (
    <AuthCard page={props.page} title="Choose a new password">
      {props.isValid ? (
        <form method="post" action="/reset-password" class="space-y-4">
          <CsrfField token={props.page.csrfToken} />
          <NewPasswordField label="New password" name="password" error={props.errors?.password} />
          <button type="submit" class="btn-primary w-full">
            Save new password
          </button>
        </form>
      ) : (
        <>
          <FormAlert message="This reset link has expired or was already used." />
          <p class="mt-4">
            <a class="link" href="/forgot-password">
              Ask for a new link
            </a>
          </p>
        </>
      )}
    </AuthCard>
  );
}

/** The second step of signing in, for an account with two-factor authentication. */
export function TwoFactorSignInPage(props: {
  page: PageContext;
  next?: string | undefined;
  error?: string;
  /** The person has a passkey, which may answer instead of a code. */
  canUsePasskey?: boolean;
  rpId: string;
}) {
  return (
    <AuthCard page={props.page} title="Two-factor authentication">
      <p class="mb-4">Open your authenticator app and type the code it shows for Deepsheet.</p>
      {props.canUsePasskey ? (
        <PasskeyButton
          action="second-factor"
          label="Use a passkey instead"
          next={props.next}
          class="btn-secondary mb-4 w-full"
          rpId={props.rpId}
        />
      ) : null}
      <form method="post" action="/login/two-factor" class="space-y-4">
        <CsrfField token={props.page.csrfToken} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          label="Code"
          name="code"
          autocomplete="one-time-code"
          hint="Lost your phone? Type one of your recovery codes instead."
          error={props.error}
          required
        />
        <button type="submit" class="btn-primary w-full">
          Continue
        </button>
      </form>
      <p class="mt-6 text-sm">
        <a class="link" href="/login">
          Start again
        </a>
      </p>
    </AuthCard>
  );
}

/**
 * A passkey ceremony started from a button (src/client/passkeys.ts, on `data-passkey-action`).
 * Hidden until the script finds WebAuthn in the browser; its messages go to the alert below it.
 */
function PasskeyButton(props: {
  action: 'sign-in' | 'second-factor';
  label: string;
  next: string | undefined;
  class: string;
  rpId: string;
}) {
  return (
    <div data-passkey-block data-rp-id={props.rpId} hidden>
      <button type="button" class={props.class} data-passkey-action={props.action} data-next={props.next}>
        {props.label}
      </button>
      <p role="alert" class="field-error mt-2" data-passkey-error hidden />
    </div>
  );
}
