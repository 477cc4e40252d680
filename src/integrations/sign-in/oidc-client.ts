import * as oidc from 'openid-client';
import {
  type FlowChecks,
  type ProviderProfile,
  type SignInProviderClient,
  SignInProviderError,
} from './provider-profile.ts';

export type OidcClientOptions = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Plain-http issuers (the test fakes) are allowed outside production only. */
  allowHttp: boolean;
};

/**
 * Discovery (and the JWKS openid-client caches on the configuration), once per client; a failed
 * discovery is forgotten, so the next sign-in tries again.
 */
function discoverOnce(options: OidcClientOptions): () => Promise<oidc.Configuration> {
  let found: Promise<oidc.Configuration> | undefined;
  return () => {
    found ??= oidc
      .discovery(
        new URL(options.issuer),
        options.clientId,
        undefined,
        oidc.ClientSecretPost(options.clientSecret),
        options.allowHttp && options.issuer.startsWith('http:')
          ? { execute: [oidc.allowInsecureRequests] }
          : undefined,
      )
      .catch((error: unknown) => {
        found = undefined;
        throw new SignInProviderError(`discovery failed: ${String(error)}`, 'unreachable');
      });
    return found;
  };
}

function isVerified(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * Google or any OpenID Connect provider through openid-client: discovery, the authorization code
 * flow with PKCE (S256), state and nonce, and an id_token whose signature (JWKS), issuer,
 * audience, expiry and nonce openid-client checks before we read a claim.
 */
export function createOidcClient(options: OidcClientOptions): SignInProviderClient {
  const configurationOf = discoverOnce(options);
  return {
    async authorizationUrl(input) {
      const config = await configurationOf();
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: input.redirectUri,
        scope: 'openid email profile',
        state: input.state,
        nonce: input.nonce,
        code_challenge: input.codeChallenge,
        code_challenge_method: 'S256',
      });
    },
    async finish(input): Promise<ProviderProfile> {
      const config = await configurationOf();
      const current = new URL(input.redirectUri);
      current.search = input.callbackQuery.toString();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, current, checksOf(input.checks), {
          redirect_uri: input.redirectUri,
        });
      } catch (error) {
        throw new SignInProviderError(`code exchange refused: ${String(error)}`, 'refused');
      }
      const claims = tokens.claims();
      if (!claims) throw new SignInProviderError('no id_token in the answer', 'refused');
      let email = typeof claims.email === 'string' ? claims.email : undefined;
      let verified = isVerified(claims.email_verified);
      if (!email) {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => undefined);
        email = typeof info?.email === 'string' ? info.email : undefined;
        verified = isVerified(info?.email_verified);
      }
      return { subject: claims.sub, email: email?.trim().toLowerCase(), isEmailVerified: verified };
    },
  };
}

function checksOf(checks: FlowChecks) {
  return {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  };
}
