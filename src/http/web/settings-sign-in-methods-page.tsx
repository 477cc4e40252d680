import type { SignInMethods } from '../../services/sign-in-providers/get-sign-in-methods.ts';
import { FormAlert, type PageContext, PostButton } from './layout.tsx';
import { SettingsSubpage } from './settings-subpage.tsx';

export type SignInMethodsPageProps = {
  page: PageContext;
  methods: SignInMethods;
  notice?: string | undefined;
  error?: string | undefined;
};

/** Settings › Sign-in methods: the email and its verification, the password, linked providers. */
export function SignInMethodsPage(props: SignInMethodsPageProps) {
  const m = props.methods;
  return (
    <SettingsSubpage
      page={props.page}
      title="Sign-in methods"
      intro="The ways into your account: your password, and the providers (GitHub, Google, single sign-on) you linked. You always keep at least one."
    >
      <FormAlert message={props.notice} tone="info" />
      <FormAlert message={props.error} />
      <EmailSection page={props.page} methods={m} />
      <section aria-labelledby="password-method-heading" class="card">
        <h2 id="password-method-heading" class="card-title">
          Password
        </h2>
        {m.hasPassword ? (
          <p class="text-sm">
            You can sign in with your password.{' '}
            <a class="link" href="/settings#password-heading">
              Change it
            </a>
          </p>
        ) : (
          <>
            <p class="mb-3 text-sm" data-testid="no-password">
              Your account has no password: you sign in through a provider. To set one, we email you a link.
            </p>
            <PostButton
              action="/settings/sign-in-methods/set-password"
              csrfToken={props.page.csrfToken}
              label="Email me a link to set a password"
            />
          </>
        )}
      </section>
      <section aria-labelledby="providers-heading" class="card">
        <h2 id="providers-heading" class="card-title">
          Linked providers
        </h2>
        {m.identities.length === 0 ? (
          <p class="text-sm text-stone-600 dark:text-stone-400">No provider is linked.</p>
        ) : (
          <ul class="divide-y divide-stone-200 dark:divide-stone-800" data-testid="linked-providers">
            {m.identities.map((identity) => (
              <li class="flex items-center justify-between gap-3 py-3">
                <div class="min-w-0">
                  <p class="text-sm font-medium">{identity.providerName}</p>
                  <p class="truncate text-xs text-stone-600 dark:text-stone-400">
                    {identity.email ?? 'no email shared'} · last used{' '}
                    <time datetime={identity.lastUsedAt.toISOString()}>
                      {identity.lastUsedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
                    </time>
                  </p>
                </div>
                <PostButton
                  action={`/settings/sign-in-methods/${identity.id}/unlink`}
                  csrfToken={props.page.csrfToken}
                  label={`Unlink ${identity.providerName}`}
                />
              </li>
            ))}
          </ul>
        )}
        {m.linkable.length > 0 ? (
          <div class="mt-4 flex flex-wrap gap-3">
            {m.linkable.map((provider) => (
              <PostButton
                action={`/settings/sign-in-methods/link/${provider.id}`}
                csrfToken={props.page.csrfToken}
                label={`Link ${provider.name}`}
              />
            ))}
          </div>
        ) : null}
      </section>
    </SettingsSubpage>
  );
}

function EmailSection(props: { page: PageContext; methods: SignInMethods }) {
  return (
    <section aria-labelledby="email-method-heading" class="card">
      <h2 id="email-method-heading" class="card-title">
        Email
      </h2>
      <p class="mb-3 text-sm" data-testid="email-state">
        {props.methods.email} ·{' '}
        {props.methods.isEmailVerified
          ? 'verified'
          : 'not verified yet: a provider can be linked by this email only once it is'}
      </p>
      {props.methods.isEmailVerified ? null : (
        <PostButton
          action="/settings/sign-in-methods/verify-email"
          csrfToken={props.page.csrfToken}
          label="Send a verification link"
        />
      )}
    </section>
  );
}
