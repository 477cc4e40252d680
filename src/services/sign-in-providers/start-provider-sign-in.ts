import * as oidc from 'openid-client';
import { insertOauthFlow } from '../../db/stores/identity-store.ts';
import { hitRateLimit } from '../../db/stores/rate-limit-store.ts';
import { AppError } from '../../domain/errors.ts';
import { SignInProviderError } from '../../integrations/sign-in/provider-profile.ts';
import { generateToken, hashToken } from '../../security/secure-token.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { callbackUrlOf, findProvider } from './providers.ts';

/** How long a person has to approve at the provider before the flow expires. */
export const FLOW_MINUTES = 10;
const START_RULE = { limit: 30, windowSeconds: 15 * 60 };

export type StartInput = {
  provider: string;
  /** 'link' when a signed-in person links the provider from Settings. */
  mode: 'sign-in' | 'link';
  actor?: Actor | undefined;
  signInId?: string | undefined;
  remember?: boolean;
  timeZone?: string;
  ip: string;
};

/**
 * Starts a provider sign-in (or link): a random state, nonce and PKCE verifier are stored (state
 * hashed) for 10 minutes, and the provider's approval address is returned with the state, which
 * the caller also puts in a cookie of this browser. Throws 'not_found' for a provider that is not
 * configured, 'rate_limited', and 'unavailable' when the provider's discovery cannot be read.
 */
export async function startProviderSignIn(
  deps: ServiceDeps,
  input: StartInput,
): Promise<{ url: string; state: string }> {
  const provider = findProvider(deps.config, input.provider);
  if (!provider) throw new AppError('not_found', 'This sign-in provider is not set up on this server.');
  const now = deps.clock.now();
  const limit = await hitRateLimit(deps.db, `provider-start:ip:${input.ip}`, START_RULE, now);
  if (!limit.allowed) {
    throw new AppError(
      'rate_limited',
      'Too many sign-in attempts. Please wait a few minutes and try again.',
      {
        details: { retryAfterSeconds: limit.retryAfterSeconds },
      },
    );
  }
  const state = generateToken();
  const nonce = generateToken();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const isLink = input.mode === 'link' && input.actor && input.signInId;
  let url: URL;
  try {
    url = await provider.client.authorizationUrl({
      redirectUri: callbackUrlOf(deps.config, provider.id),
      state,
      nonce,
      codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    });
  } catch (error) {
    if (!(error instanceof SignInProviderError)) throw error;
    deps.logger.warn({ err: error, provider: provider.id }, 'sign-in provider unavailable');
    throw new AppError(
      'unavailable',
      `${provider.name} cannot be reached right now. Please try again later.`,
    );
  }
  await insertOauthFlow(deps.db, {
    stateHash: hashToken(state),
    provider: provider.id,
    mode: isLink ? 'link' : 'sign-in',
    codeVerifier,
    nonce,
    userId: isLink ? input.actor!.id : null,
    signInId: isLink ? input.signInId! : null,
    remember: input.remember ?? true,
    timeZone: (input.timeZone ?? 'UTC').slice(0, 64),
    createdAt: now,
    expiresAt: new Date(now.getTime() + FLOW_MINUTES * 60_000),
  });
  return { url: url.toString(), state };
}
