import type { ApiTokenRow, apiRequests } from '../../db/schema/index.ts';
import { tokenStatus } from '../../services/api-tokens.ts';
import { CsrfField, FormAlert, type PageContext, TextField } from './layout.tsx';

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never');

/** Personal access tokens: create (the secret is shown once, here), list and revoke. */
export function ApiTokensSection(props: {
  page: PageContext;
  tokens: ApiTokenRow[];
  now: Date;
  newSecret?: string | undefined;
  errors?: Record<string, string> | undefined;
}) {
  const errors = props.errors ?? {};
  return (
    <section aria-labelledby="tokens-heading" class="card">
      <h2 id="tokens-heading" class="card-title">
        API tokens
      </h2>
      <p class="mb-4 text-sm text-stone-600 dark:text-stone-400">
        For scripts, widgets and other programs. See the{' '}
        <a class="link" href="/api/docs">
          API reference
        </a>
        .
      </p>
      {props.newSecret ? (
        <div class="alert-info" role="status">
          <p class="mb-2">Copy this token now; it will not be shown again.</p>
          <label for="new-token-secret" class="sr-only">
            New token
          </label>
          <input
            id="new-token-secret"
            class="field-input font-mono text-sm"
            readonly
            value={props.newSecret}
            data-testid="new-token"
          />
        </div>
      ) : null}
      <FormAlert message={errors.form} />
      <form method="post" action="/settings/tokens" class="mb-4 space-y-3">
        <CsrfField token={props.page.csrfToken} />
        <TextField label="Token name" name="name" error={errors.name} required />
        <div class="field">
          <label for="field-scope" class="field-label">
            Access
          </label>
          <select id="field-scope" name="scope" class="field-input">
            <option value="read">Read only</option>
            <option value="write">Read and write</option>
          </select>
        </div>
        <div class="field">
          <label for="field-expires" class="field-label">
            Expires
          </label>
          <select id="field-expires" name="expiresInDays" class="field-input">
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In a year</option>
            <option value="">Never</option>
          </select>
        </div>
        <button type="submit" class="btn-secondary">
          Create token
        </button>
      </form>
      <ul class="divide-y divide-stone-200 dark:divide-stone-800" data-testid="tokens">
        {props.tokens.map((token) => {
          const status = tokenStatus(token, props.now);
          return (
            <li class="flex items-center justify-between gap-3 py-3">
              <div class="min-w-0 text-sm">
                <p class="truncate font-medium">{token.name}</p>
                <p class="text-stone-600 dark:text-stone-400">
                  {`${token.prefix}… · ${token.scopes.join(' + ')} · ${status} · last used ${when(token.lastUsedAt)}`}
                </p>
              </div>
              {status === 'active' ? (
                <form method="post" action={`/settings/tokens/${token.id}/revoke`}>
                  <CsrfField token={props.page.csrfToken} />
                  <button type="submit" class="btn-quiet" aria-label={`Revoke ${token.name}`}>
                    Revoke
                  </button>
                </form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The person's own recent API calls. */
export function ApiCallsSection(props: { calls: (typeof apiRequests.$inferSelect)[] }) {
  return (
    <section aria-labelledby="calls-heading" class="card">
      <h2 id="calls-heading" class="card-title">
        Recent API calls
      </h2>
      {props.calls.length === 0 ? (
        <p class="text-sm text-stone-600 dark:text-stone-400">No API calls yet.</p>
      ) : (
        <ul class="space-y-1 text-sm" data-testid="api-calls">
          {props.calls.map((call) => (
            <li class="flex justify-between gap-3">
              <span class="truncate font-mono">{`${call.method} ${call.route}`}</span>
              <span class="shrink-0 text-stone-600 dark:text-stone-400">{`${call.status} · ${when(call.createdAt)}`}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
