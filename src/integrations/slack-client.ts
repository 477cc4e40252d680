/**
 * The few Slack Web API methods Deepsheet uses, over plain fetch. The base URL is injectable (a
 * local fake in tests). Slack answers HTTP 200 with `{ ok: false, error }` for most refusals; a
 * 429 carries Retry-After. Every failure is a SlackError naming what happened.
 */

/** Errors that mean the token no longer works: the connection is marked disconnected. */
export const DEAD_TOKEN_ERRORS = ['token_revoked', 'invalid_auth', 'account_inactive', 'not_authed'] as const;

const TIMEOUT_MS = 15_000;

export class SlackError extends Error {
  constructor(
    /** Slack's error code (`invalid_auth`, `ratelimited`, …) or `network` / `http_<status>`. */
    readonly code: string,
    /** For `ratelimited`: how long Slack asked us to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Slack answered ${code}`);
    this.name = 'SlackError';
  }

  get isDeadToken(): boolean {
    return (DEAD_TOKEN_ERRORS as readonly string[]).includes(this.code);
  }

  get isRateLimited(): boolean {
    return this.code === 'ratelimited';
  }
}

export type SlackIdentity = { teamId: string; teamName: string; userId: string };
export type SlackProfileStatus = { statusText: string; statusEmoji: string; statusExpiration: number };
export type SlackOauthGrant = { accessToken: string; scopes: string };

type SlackAnswer = Record<string, unknown> & { ok?: boolean; error?: string };

async function call(baseUrl: string, method: string, init: RequestInit): Promise<SlackAnswer> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/${method}`, {
      ...init,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new SlackError('network');
  }
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new SlackError('ratelimited', Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 30);
  }
  const body = (await response.json().catch(() => null)) as SlackAnswer | null;
  if (!body) throw new SlackError(`http_${response.status}`);
  if (body.ok !== true) throw new SlackError(body.error ?? `http_${response.status}`);
  return body;
}

/** A client acting with one user token. */
export function slackClient(baseUrl: string, token: string) {
  const authorization = { authorization: `Bearer ${token}` };
  const post = (method: string, body: unknown) =>
    call(baseUrl, method, {
      method: 'POST',
      headers: { ...authorization, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
  return {
    async authTest(): Promise<SlackIdentity> {
      const answer = await call(baseUrl, 'auth.test', { method: 'POST', headers: authorization });
      return {
        teamId: String(answer.team_id ?? ''),
        teamName: String(answer.team ?? ''),
        userId: String(answer.user_id ?? ''),
      };
    },
    async getStatus(): Promise<SlackProfileStatus> {
      const answer = await call(baseUrl, 'users.profile.get', { method: 'GET', headers: authorization });
      const profile = (answer.profile ?? {}) as Record<string, unknown>;
      return {
        statusText: String(profile.status_text ?? ''),
        statusEmoji: String(profile.status_emoji ?? ''),
        statusExpiration: Number(profile.status_expiration ?? 0) || 0,
      };
    },
    /** `expiration`: when Slack clears the status by itself; null for never. */
    async setStatus(text: string, emoji: string, expiration: Date | null): Promise<void> {
      const seconds = expiration ? Math.floor(expiration.getTime() / 1000) : 0;
      await post('users.profile.set', {
        profile: { status_text: text, status_emoji: emoji, status_expiration: seconds },
      });
    },
    async snoozeDnd(minutes: number): Promise<void> {
      await post('dnd.setSnooze', { num_minutes: minutes });
    },
    async endDnd(): Promise<void> {
      await post('dnd.endSnooze', {});
    },
  };
}
export type SlackClient = ReturnType<typeof slackClient>;

/** Exchanges an OAuth v2 code for the user token (`authed_user.access_token`). */
export async function exchangeSlackCode(
  baseUrl: string,
  input: { clientId: string; clientSecret: string; code: string; redirectUri: string },
): Promise<SlackOauthGrant> {
  const answer = await call(baseUrl, 'oauth.v2.access', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: input.clientId,
      client_secret: input.clientSecret,
      code: input.code,
      redirect_uri: input.redirectUri,
    }),
  });
  const user = (answer.authed_user ?? {}) as Record<string, unknown>;
  if (typeof user.access_token !== 'string') throw new SlackError('no_user_token');
  return { accessToken: user.access_token, scopes: String(user.scope ?? '') };
}

/** The user-token scopes Deepsheet asks for. */
export const SLACK_USER_SCOPES = ['users.profile:read', 'users.profile:write', 'dnd:write'] as const;
