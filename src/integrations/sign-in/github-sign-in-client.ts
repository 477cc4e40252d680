import { type ProviderProfile, type SignInProviderClient, SignInProviderError } from './provider-profile.ts';

export type GitHubSignInOptions = {
  /** https://github.com (or GitHub Enterprise), where people approve. */
  url: string;
  /** https://api.github.com (or Enterprise's /api/v3). */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
};

type GitHubEmail = { email?: unknown; primary?: unknown; verified?: unknown };

/**
 * Sign in with GitHub: OAuth 2 without OpenID Connect, so no id_token. PKCE (S256) and state guard
 * the code; the person is then who /user says (its numeric id is the subject, the login can
 * change), and their email is the primary address of /user/emails, verified only if GitHub says so.
 */
export function createGitHubSignInClient(options: GitHubSignInOptions): SignInProviderClient {
  const fetcher = options.fetch ?? fetch;
  async function call(url: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetcher(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new SignInProviderError(`GitHub could not be reached: ${String(error)}`, 'unreachable');
    }
    const body = await response.json().catch(() => undefined);
    if (!response.ok) throw new SignInProviderError(`GitHub answered ${response.status}`, 'refused');
    return body;
  }
  return {
    async authorizationUrl(input) {
      const url = new URL(`${options.url}/login/oauth/authorize`);
      url.searchParams.set('client_id', options.clientId);
      url.searchParams.set('redirect_uri', input.redirectUri);
      url.searchParams.set('scope', 'read:user user:email');
      url.searchParams.set('state', input.state);
      url.searchParams.set('code_challenge', input.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      url.searchParams.set('allow_signup', 'true');
      return url;
    },
    async finish(input): Promise<ProviderProfile> {
      const query = input.callbackQuery;
      if (query.get('state') !== input.checks.state)
        throw new SignInProviderError('state mismatch', 'refused');
      const code = query.get('code');
      if (!code) throw new SignInProviderError(`no code: ${query.get('error') ?? 'declined'}`, 'refused');
      const grant = (await call(`${options.url}/login/oauth/access_token`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: options.clientId,
          client_secret: options.clientSecret,
          code,
          redirect_uri: input.redirectUri,
          code_verifier: input.checks.codeVerifier,
        }),
      })) as { access_token?: unknown; error?: unknown } | undefined;
      // GitHub reports a bad code or verifier with a 200 and an `error` field.
      if (typeof grant?.access_token !== 'string')
        throw new SignInProviderError(`token refused: ${String(grant?.error ?? 'no token')}`, 'refused');
      const headers = {
        authorization: `Bearer ${grant.access_token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      };
      const user = (await call(`${options.apiUrl}/user`, { headers })) as { id?: unknown } | undefined;
      if (typeof user?.id !== 'number' && typeof user?.id !== 'string')
        throw new SignInProviderError('GitHub did not say who signed in', 'refused');
      const emails = await call(`${options.apiUrl}/user/emails`, { headers });
      const primary = (Array.isArray(emails) ? (emails as GitHubEmail[]) : []).find(
        (e) => e.primary === true,
      );
      const email = typeof primary?.email === 'string' ? primary.email.trim().toLowerCase() : undefined;
      return {
        subject: String(user.id),
        email,
        isEmailVerified: email !== undefined && primary?.verified === true,
      };
    },
  };
}
