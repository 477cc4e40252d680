import type { SlackConnectionView } from '../../services/slack/get-slack-connection.ts';
import { CsrfField, FormAlert, type PageContext, TextField } from './layout.tsx';
import { SettingsSubpage } from './settings-subpage.tsx';
import { formatDateOf } from './sheet/format.ts';

export type SlackPageProps = {
  page: PageContext;
  /** The connection without its token, or null when there is none. */
  connection: SlackConnectionView | null;
  /** Whether "Connect with Slack" (OAuth) is set up on this server. */
  canUseOauth: boolean;
  /** The person's time zone, for the date a connection stopped. */
  timeZone: string;
  notice?: string | undefined;
  errors?: Record<string, string> | undefined;
  /** What the person typed in the settings form, shown back with its errors. */
  values?: { statusText: string; statusEmoji: string; setDnd: boolean } | undefined;
};

/** Settings › Slack: connect (token or OAuth), what the focus status says, disconnect. */
export function SlackPage(props: SlackPageProps) {
  const connected = props.connection?.status === 'connected';
  return (
    <SettingsSubpage
      page={props.page}
      title="Slack"
      intro="While a session runs, Slack can show that you are in deep work until its planned end, with Do Not Disturb. When you pause, finish or skip, your own status comes back. The status expires by itself at the planned end."
    >
      <FormAlert message={props.notice} tone="info" />
      {connected ? <ConnectedSection {...props} /> : <ConnectSection {...props} />}
    </SettingsSubpage>
  );
}

function ConnectSection(props: SlackPageProps) {
  const errors = props.errors ?? {};
  const stopped = props.connection?.status === 'disconnected' ? props.connection : null;
  return (
    <section aria-labelledby="slack-connect-heading" class="card">
      <h2 id="slack-connect-heading" class="card-title">
        Connect Slack
      </h2>
      {stopped ? (
        <p class="alert-info" data-testid="slack-stopped">
          {`Slack stopped accepting the token${stopped.disconnectedAt ? ` on ${formatDateOf(stopped.disconnectedAt, props.timeZone)}` : ''}; connect again.`}
        </p>
      ) : null}
      {props.canUseOauth ? (
        <p class="my-3">
          <a class="btn-primary" href="/settings/slack/connect">
            Connect with Slack
          </a>
        </p>
      ) : null}
      <FormAlert message={errors.form} />
      <form method="post" action="/settings/slack" class="space-y-3">
        <CsrfField token={props.page.csrfToken} />
        <TextField
          label="Slack user token"
          name="token"
          type="password"
          autocomplete="off"
          error={errors.token}
          hint="A user token (xoxp-…) with the scopes users.profile:write, users.profile:read and dnd:write. It is stored encrypted and never shown again."
          required
        />
        <button type="submit" class={props.canUseOauth ? 'btn-secondary' : 'btn-primary'}>
          Connect with a token
        </button>
      </form>
    </section>
  );
}

function ConnectedSection(props: SlackPageProps) {
  const connection = props.connection!;
  const errors = props.errors ?? {};
  const values = props.values ?? {
    statusText: connection.statusTemplate,
    statusEmoji: connection.statusEmoji,
    setDnd: connection.setDnd,
  };
  return (
    <section aria-labelledby="slack-connected-heading" class="card">
      <h2 id="slack-connected-heading" class="card-title" data-testid="slack-workspace">
        Connected to {connection.teamName}
      </h2>
      <FormAlert message={errors.form} />
      <form method="post" action="/settings/slack/settings" class="space-y-3">
        <CsrfField token={props.page.csrfToken} />
        <TextField
          label="Status text"
          name="statusText"
          value={values.statusText}
          error={errors.statusText}
          hint="{end} becomes the session’s planned end, for example 10:45."
          required
        />
        <TextField
          label="Status emoji"
          name="statusEmoji"
          value={values.statusEmoji}
          error={errors.statusEmoji}
          hint="A Slack emoji code, such as :headphones:."
          required
        />
        <label class="block text-sm">
          <input type="checkbox" name="setDnd" value="on" checked={values.setDnd} /> Turn on Do Not Disturb
          until the planned end
        </label>
        <button type="submit" class="btn-primary">
          Save
        </button>
      </form>
      <form method="post" action="/settings/slack/disconnect" class="mt-4">
        <CsrfField token={props.page.csrfToken} />
        <button type="submit" class="btn-secondary">
          Disconnect
        </button>
      </form>
    </section>
  );
}
