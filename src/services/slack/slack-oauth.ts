import { lt } from 'drizzle-orm';
import { slackOauthStates } from '../../db/schema/index.ts';
import { consumeSlackOauthState, insertSlackOauthState } from '../../db/stores/slack-store.ts';
import { AppError } from '../../domain/errors.ts';
import { exchangeSlackCode, SLACK_USER_SCOPES, SlackError } from '../../integrations/slack-client.ts';
import { generateToken, hashToken } from '../../security/secure-token.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { connectSlackToken } from './save-slack-settings.ts';
import { connectErrorOf } from './slack-access.ts';

/** How long a person has to approve in Slack before the state expires. */
const STATE_LIFETIME_MS = 10 * 60_000;

/** Who starts or finishes an OAuth flow: a person in one signed-in browser. */
export type OauthOwner = { actor: Actor; signInId: string };

function oauthConfig(deps: ServiceDeps) {
  const oauth = deps.config.slack.oauth;
  if (!oauth) throw new AppError('not_found', 'Connecting through Slack is not set up on this server.');
  return oauth;
}

/**
 * The Slack address that asks the person to approve our user scopes. Its `state` is random,
 * stored hashed for this sign-in only, and used once: the callback refuses any other (CSRF).
 * Throws 'not_found' when SLACK_CLIENT_ID/SLACK_CLIENT_SECRET are not set.
 */
export async function startSlackOauth(
  deps: ServiceDeps,
  owner: OauthOwner,
  redirectUri: string,
): Promise<string> {
  const { clientId } = oauthConfig(deps);
  const state = generateToken();
  const now = deps.clock.now();
  await deps.db.delete(slackOauthStates).where(lt(slackOauthStates.expiresAt, now));
  await insertSlackOauthState(deps.db, {
    stateHash: hashToken(state),
    userId: owner.actor.id,
    signInId: owner.signInId,
    expiresAt: new Date(now.getTime() + STATE_LIFETIME_MS),
  });
  const url = new URL(deps.config.slack.authorizeUrl);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('user_scope', SLACK_USER_SCOPES.join(','));
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  return url.toString();
}

/**
 * Finishes the flow Slack redirected back from: checks the state (this sign-in's, live, unused),
 * exchanges the code at oauth.v2.access and connects with the user token. Throws 'bad_request'
 * for a missing, wrong, expired or reused state or a refusal in Slack, and what connecting throws.
 */
export async function finishSlackOauth(
  deps: ServiceDeps,
  owner: OauthOwner,
  input: { state?: string | undefined; code?: string | undefined; error?: string | undefined },
  redirectUri: string,
): Promise<void> {
  const oauth = oauthConfig(deps);
  const state = input.state ?? '';
  const isOurs =
    state !== '' &&
    (await consumeSlackOauthState(
      deps.db,
      hashToken(state),
      { userId: owner.actor.id, signInId: owner.signInId },
      deps.clock.now(),
    ));
  if (!isOurs)
    throw new AppError('bad_request', 'This Slack sign-in link is not valid any more. Start again.');
  if (input.error || !input.code)
    throw new AppError('bad_request', 'Slack was not connected: the request was declined.');
  const grant = await exchangeSlackCode(deps.config.slack.apiUrl, {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    code: input.code,
    redirectUri,
  }).catch((error: unknown) => {
    const isRefusal = error instanceof SlackError && error.code !== 'network' && !error.isRateLimited;
    if (isRefusal) throw new AppError('bad_request', 'Slack did not confirm the connection. Start again.');
    throw connectErrorOf(error);
  });
  await connectSlackToken(deps, owner.actor.id, grant.accessToken);
}
