import type { Config } from '../../config.ts';
import type { SlackConnectionRow } from '../../db/schema/index.ts';
import { updateSlackConnection } from '../../db/stores/slack-store.ts';
import { AppError } from '../../domain/errors.ts';
import { type SlackClient, SlackError, slackClient } from '../../integrations/slack-client.ts';
import { createSecretBox, type SecretBox } from '../../security/secret-box.ts';
import type { ServiceDeps } from '../deps.ts';

/** The box Slack tokens are sealed in: its own key, derived from SECRET. */
export function slackTokenBox(config: Config): SecretBox {
  return createSecretBox(config.secret, 'slack-token');
}

/** A client acting with the connection's token. */
export function slackClientOf(deps: Pick<ServiceDeps, 'config'>, row: SlackConnectionRow): SlackClient {
  return slackClient(deps.config.slack.apiUrl, slackTokenBox(deps.config).open(row.sealedToken));
}

/**
 * Remembers that Slack refused the token: nothing more is sent until the person connects again.
 * Our status, if on, expires by itself at the session's planned end.
 */
export async function markSlackDisconnected(
  deps: ServiceDeps,
  userId: string,
  reason: string,
): Promise<void> {
  const now = deps.clock.now();
  await updateSlackConnection(
    deps.db,
    userId,
    { status: 'disconnected', disconnectedReason: reason, disconnectedAt: now, isApplied: false },
    now,
  );
  deps.logger.info({ userId, reason }, 'slack connection marked disconnected');
}

/** A Slack refusal while connecting, as the form or the API says it. */
export function connectErrorOf(error: unknown): AppError {
  if (!(error instanceof SlackError)) throw error;
  if (error.isDeadToken || error.code === 'missing_scope' || error.code.startsWith('http_4'))
    return new AppError('validation', 'Slack did not accept this token. Check it and try again.', {
      fields: { token: 'Slack did not accept this token. Check it and try again.' },
    });
  if (error.isRateLimited)
    return new AppError('rate_limited', 'Slack asks us to wait a moment. Try again in a minute.');
  return new AppError('unavailable', 'Slack could not be reached just now. Try again in a minute.');
}

/** Words for why a connection stopped, shown calmly on the settings page. */
export function disconnectedReasonText(reason: string | null): string {
  if (reason === 'token_revoked') return 'The token was revoked in Slack.';
  if (reason === 'account_inactive') return 'The Slack account is no longer active.';
  return 'Slack no longer accepts the token.';
}
