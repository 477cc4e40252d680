/** What a sign-in provider told us about the person, once the code was exchanged and checked. */
export type ProviderProfile = {
  /** The provider's stable id for the person: OIDC `sub`, GitHub's numeric user id. */
  subject: string;
  email: string | undefined;
  /** Whether the provider vouches that the person reads `email`. */
  isEmailVerified: boolean;
};

/** The callback's checks, remembered from the start of the flow. */
export type FlowChecks = { state: string; nonce: string; codeVerifier: string };

/** A provider that could not finish the flow: refused, misconfigured, unreachable, or a forged answer. */
export class SignInProviderError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'unreachable',
  ) {
    super(message);
    this.name = 'SignInProviderError';
  }
}

/** One sign-in provider, as the flow service uses it. */
export interface SignInProviderClient {
  authorizationUrl(input: {
    redirectUri: string;
    state: string;
    nonce: string;
    codeChallenge: string;
  }): Promise<URL>;
  /** Exchanges the code in `callbackQuery` (checking state, PKCE, and for OIDC the id_token and nonce). */
  finish(input: {
    redirectUri: string;
    callbackQuery: URLSearchParams;
    checks: FlowChecks;
  }): Promise<ProviderProfile>;
}
