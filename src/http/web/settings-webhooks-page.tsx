import type { TeamWithRole } from '../../db/stores/team-store.ts';
import { type DisabledReason, WEBHOOK_EVENT_DOCS, WEBHOOK_EVENTS } from '../../domain/webhook-events.ts';
import type { presentDelivery, presentWebhook } from '../api/webhook-schemas.ts';
import { CsrfField, FormAlert, type PageContext, PostButton, TextField } from './layout.tsx';
import { SettingsSubpage } from './settings-subpage.tsx';
import { formatInstant } from './sheet/format.ts';

export type WebhookView = ReturnType<typeof presentWebhook> & {
  deliveries: ReturnType<typeof presentDelivery>[];
};

export type WebhooksPageProps = {
  page: PageContext;
  webhooks: WebhookView[];
  /** Teams where the person may add a team webhook. */
  teams: TeamWithRole[];
  /** A secret just made (create or rotate): shown this once. */
  newSecret?: string | undefined;
  notice?: string | undefined;
  errors?: Record<string, string> | undefined;
  /** What the person typed in the add form, shown back with its errors. */
  values?: { url: string; events: string[]; teamId: string } | undefined;
  /** The person's time zone: every time on the page reads on their clock. */
  timeZone: string;
};

const STOPPED: Record<DisabledReason, string> = {
  owner: 'you turned it off',
  gone: 'the endpoint answered 410 Gone',
  failing: 'the endpoint kept failing',
};

/** Settings › Webhooks: endpoints, their secrets (once), their delivery logs. */
export function WebhooksPage(props: WebhooksPageProps) {
  return (
    <SettingsSubpage
      page={props.page}
      title="Webhooks"
      intro="Deepsheet can tell another program when a session starts or ends, a task is added or done, or your day is complete. Each delivery is signed to the Standard Webhooks spec."
    >
      <FormAlert message={props.notice} tone="info" />
      {props.newSecret ? <NewSecret secret={props.newSecret} /> : null}
      <AddForm {...props} />
      {props.webhooks.map((w) => (
        <Endpoint page={props.page} webhook={w} timeZone={props.timeZone} />
      ))}
    </SettingsSubpage>
  );
}

function NewSecret(props: { secret: string }) {
  return (
    <div class="alert-info" role="status">
      <p class="mb-2">Copy this signing secret now; it will not be shown again.</p>
      <label for="new-webhook-secret" class="sr-only">
        Signing secret
      </label>
      <input
        id="new-webhook-secret"
        class="field-input font-mono text-sm"
        readonly
        value={props.secret}
        data-testid="new-webhook-secret"
      />
    </div>
  );
}

function AddForm(props: WebhooksPageProps) {
  const errors = props.errors ?? {};
  const values = props.values ?? { url: '', events: [], teamId: '' };
  return (
    <section aria-labelledby="add-webhook-heading" class="card">
      <h2 id="add-webhook-heading" class="card-title">
        Add a webhook
      </h2>
      <FormAlert message={errors.form} />
      <form method="post" action="/settings/webhooks" class="space-y-3">
        <CsrfField token={props.page.csrfToken} />
        <TextField label="Address (https://…)" name="url" value={values.url} error={errors.url} required />
        <fieldset class="field" aria-describedby={errors.events ? 'field-events-error' : undefined}>
          <legend class="field-label">Events</legend>
          {errors.events ? (
            <p id="field-events-error" class="field-error">
              {errors.events}
            </p>
          ) : null}
          {WEBHOOK_EVENTS.map((event) => (
            <label class="block text-sm">
              <input type="checkbox" name="events" value={event} checked={values.events.includes(event)} />{' '}
              <code>{event}</code>: {WEBHOOK_EVENT_DOCS[event]}
            </label>
          ))}
        </fieldset>
        {props.teams.length > 0 ? (
          <div class="field">
            <label for="field-team" class="field-label">
              For
            </label>
            <select id="field-team" name="teamId" class="field-input">
              <option value="">You (your own events and your teams’ events)</option>
              {props.teams.map((team) => (
                <option value={team.id} selected={values.teamId === team.id}>
                  The team {team.name} (team events only)
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" class="btn-primary">
          Add webhook
        </button>
      </form>
    </section>
  );
}

function Endpoint(props: { page: PageContext; webhook: WebhookView; timeZone: string }) {
  const w = props.webhook;
  const when = (iso: string | null) => (iso ? formatInstant(new Date(iso), props.timeZone) : '');
  const action = (path: string, label: string) => (
    <PostButton
      action={`/settings/webhooks/${w.id}/${path}`}
      csrfToken={props.page.csrfToken}
      label={label}
    />
  );
  return (
    <section class="card" data-testid="webhook" aria-label={`Webhook ${w.url}`}>
      <h2 class="card-title break-all font-mono text-base">{w.url}</h2>
      <p class="text-sm">{w.events.join(', ')}</p>
      <p class="text-sm text-stone-600 dark:text-stone-400" data-testid="webhook-status">
        {w.enabled
          ? 'On.'
          : `Off since ${when(w.disabledAt)}: ${STOPPED[w.disabledReason ?? 'owner']}. Turn it on again when it is ready.`}
        {w.previousSecretExpiresAt
          ? ` The previous secret also signs until ${when(w.previousSecretExpiresAt)}.`
          : ''}
      </p>
      <div class="my-3 flex flex-wrap gap-3">
        {action('test', 'Send a test event')}
        {action('rotate', 'Rotate secret')}
        {w.enabled ? action('disable', 'Turn off') : action('enable', 'Turn on')}
        {action('delete', 'Delete')}
      </div>
      <DeliveryLog page={props.page} webhook={w} when={when} />
    </section>
  );
}

function DeliveryLog(props: { page: PageContext; webhook: WebhookView; when: (iso: string) => string }) {
  const { deliveries } = props.webhook;
  if (deliveries.length === 0) return <p class="text-sm">Nothing sent yet.</p>;
  return (
    <table class="w-full text-sm">
      <caption class="text-left font-medium">Recent deliveries (kept 30 days)</caption>
      <thead>
        <tr>
          <th class="text-left">Time</th>
          <th class="text-left">Event</th>
          <th class="text-left">Status</th>
          <th class="text-left">Answer</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr data-testid="delivery">
            <td>{props.when(d.createdAt)}</td>
            <td>
              <code>{d.eventType}</code>
            </td>
            <td>
              {d.status}
              {d.lastStatusCode ? ` (${d.lastStatusCode})` : ''}
              {d.durationMs !== null ? `, ${d.durationMs} ms` : ''}, {d.attempts}{' '}
              {d.attempts === 1 ? 'try' : 'tries'}
            </td>
            <td class="break-all font-mono">{d.responseSnippet || d.lastError || ''}</td>
            <td>
              <PostButton
                action={`/settings/webhooks/${props.webhook.id}/deliveries/${d.id}/resend`}
                csrfToken={props.page.csrfToken}
                label="Resend"
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
