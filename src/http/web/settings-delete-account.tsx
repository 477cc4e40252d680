import { CsrfField, type PageContext, TextField } from './layout.tsx';

/** Settings → Delete account: the last section, behind a disclosure and the current password. */
export function DeleteAccountSection(props: { page: PageContext; error?: string | undefined }) {
  return (
    <section aria-labelledby="delete-account-heading" class="card" id="delete-account">
      <h2 id="delete-account-heading" class="card-title">
        Delete account
      </h2>
      <details open={props.error ? true : undefined}>
        <summary class="btn-quiet">Delete your account and everything in it</summary>
        <p class="my-3 text-sm text-stone-600 dark:text-stone-400">
          Your sheets, tasks, projects, reports, tokens and calendar feed are removed at once and for good,
          and every device is signed out. Export your whole account above first if you may want it back.
        </p>
        <form method="post" action="/settings/delete-account" class="space-y-4">
          <CsrfField token={props.page.csrfToken} />
          <TextField
            label="Your password, to confirm"
            name="password"
            type="password"
            autocomplete="current-password"
            error={props.error}
            required
          />
          <button type="submit" class="btn-secondary">
            Delete my account
          </button>
        </form>
      </details>
    </section>
  );
}
