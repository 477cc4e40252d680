import { claimOauthFlow, findIdentity, linkIdentity, touchIdentity } from '../../db/stores/identity-store.ts';
import { hitRateLimit } from '../../db/stores/rate-limit-store.ts';
import { hasConfirmedTotp } from '../../db/stores/two-factor-store.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import { decideIdentityLink, refusalMessage } from '../../domain/identity-linking.ts';
import { type ProviderProfile, SignInProviderError } from '../../integrations/sign-in/provider-profile.ts';
import { hashToken, safeEqual } from '../../security/secure-token.ts';
import { createAuthSession, deleteAuthSession, type SessionContext } from '../auth-sessions.ts';
import { createProviderUser, findUserByEmail } from '../create-user.ts';
import type { ServiceDeps } from '../deps.ts';
import { SIGNUP_RULE } from '../sign-up.ts';
import { startTwoFactorChallenge } from '../two-factor/two-factor-sign-in.ts';
import { callbackUrlOf, findProvider, type SignInProvider } from './providers.ts';

const STALE =
  'This sign-in is not valid any more (it expired, was already used, or began in another browser). Start again.';

export type FinishInput = {
  provider: string;
  /** The callback's query string, as the provider sent it. */
  query: URLSearchParams;
  /** The state this browser's cookie holds (set when the flow started here). */
  cookieState: string;
  /** The browser's current sign-in, if any. */
  signInId?: string | undefined;
};

export type FinishResult =
  | { kind: 'signed-in'; token: string; remember: boolean; userId: string; isNewAccount: boolean }
  | { kind: 'two-factor'; challengeToken: string; userId: string }
  | { kind: 'linked'; userId: string; providerName: string };

/**
 * Finishes a provider flow the provider redirected back from. The state must be the one this
 * browser's cookie holds and a live, unused flow (claimed once, so a replay fails); the provider
 * client checks PKCE, and for OIDC the id_token (signature, issuer, audience, expiry, nonce).
 * Then the linking rules (src/domain/identity-linking.ts) decide: sign in, link then sign in,
 * sign up, link to the signed-in person, or refuse. An account with two-factor sign-in gets a
 * challenge instead of a session unless OAUTH_TRUST_PROVIDER_MFA is set.
 * Throws 'not_found' (provider not configured), 'bad_request' (stale or forged flow, refusal at
 * the provider), 'conflict' (linking refused), 'auth.signup_closed', 'rate_limited', 'unavailable'.
 */
export async function finishProviderSignIn(
  deps: ServiceDeps,
  input: FinishInput,
  context: SessionContext,
): Promise<FinishResult> {
  const provider = findProvider(deps.config, input.provider);
  if (!provider) throw new AppError('not_found', 'This sign-in provider is not set up on this server.');
  const now = deps.clock.now();
  const flow = await claimFlow(deps, provider, input, now);
  const profile = await profileOf(deps, provider, input.query, flow);
  const identity = await findIdentity(deps.db, provider.id, profile.subject);
  const local = profile.email ? await findUserByEmail(deps.db, profile.email) : undefined;
  const decision = decideIdentityLink({
    mode: flow.mode,
    actingUserId: flow.userId ?? undefined,
    identityOwnerId: identity?.userId,
    providerEmail: profile.email,
    providerEmailVerified: profile.isEmailVerified,
    localAccount: local ? { id: local.id, isEmailVerified: local.emailVerifiedAt !== null } : undefined,
    allowSignup: deps.config.allowSignup,
  });
  const link = {
    provider: provider.id,
    subject: profile.subject,
    email: profile.email,
    emailVerified: profile.isEmailVerified,
  };
  const session = { remember: flow.remember, previousSessionId: input.signInId, context };
  switch (decision.kind) {
    case 'refuse': {
      deps.logger.info(
        { event: 'provider.refused', provider: provider.id, reason: decision.reason },
        'provider sign-in refused',
      );
      const code = decision.reason === 'signup-closed' ? 'auth.signup_closed' : 'conflict';
      throw new AppError(code, refusalMessage(decision.reason, provider.name));
    }
    case 'already-linked':
      await touchIdentity(deps.db, identity!.id, link, now);
      return { kind: 'linked', userId: decision.userId, providerName: provider.name };
    case 'link': {
      const owner = await linkIdentity(deps.db, { ...link, userId: decision.userId }, now);
      if (owner !== decision.userId)
        throw new AppError('conflict', refusalMessage('identity-taken', provider.name));
      return { kind: 'linked', userId: decision.userId, providerName: provider.name };
    }
    case 'sign-in':
      await touchIdentity(deps.db, identity!.id, link, now);
      return signIn(deps, decision.userId, false, session);
    case 'link-and-sign-in': {
      // Someone linking the same identity a moment ago wins: the subject decides whose it is.
      const owner = await linkIdentity(deps.db, { ...link, userId: decision.userId }, now);
      return signIn(deps, owner, false, session);
    }
    case 'sign-up': {
      const userId = await signUpWithProvider(
        deps,
        { email: decision.email, timeZone: flow.timeZone },
        link,
        context.ip,
      );
      return signIn(deps, userId, true, session);
    }
  }
}

/**
 * The flow this callback finishes: the query's state must be the one in this browser's cookie and
 * a live flow of this provider, which is claimed (deleted) so a replay finds nothing; a link is
 * finished only by the sign-in that started it. A refusal at the provider ends the flow too.
 */
async function claimFlow(deps: ServiceDeps, provider: SignInProvider, input: FinishInput, now: Date) {
  const state = input.query.get('state') ?? '';
  if (state === '' || state.length > 200 || !safeEqual(state, input.cookieState))
    throw new AppError('bad_request', STALE);
  const flow = await claimOauthFlow(deps.db, hashToken(state), provider.id, now);
  if (!flow) throw new AppError('bad_request', STALE);
  if (flow.mode === 'link' && (!flow.signInId || flow.signInId !== input.signInId))
    throw new AppError('bad_request', STALE);
  if (input.query.get('error'))
    throw new AppError('bad_request', `${provider.name} did not sign you in: the request was declined.`);
  return flow;
}

/** A new account without a password, and its identity, in one transaction (sign-up throttled per address). */
async function signUpWithProvider(
  deps: ServiceDeps,
  account: { email: string; timeZone: string },
  link: Omit<Parameters<typeof linkIdentity>[1], 'userId'>,
  ip: string,
): Promise<string> {
  const now = deps.clock.now();
  const limit = await hitRateLimit(deps.db, `signup:ip:${ip}`, SIGNUP_RULE, now);
  if (!limit.allowed)
    throw new AppError('rate_limited', 'Too many sign-ups from this address. Please try again later.', {
      details: { retryAfterSeconds: limit.retryAfterSeconds },
    });
  try {
    return await deps.db.transaction(async (tx) => {
      const user = await createProviderUser({ db: tx, clock: deps.clock }, account);
      const owner = await linkIdentity(tx, { ...link, userId: user.id }, now);
      // The same identity signed up in another tab a moment ago: this account must not exist.
      if (owner !== user.id) throw new AppError('conflict', 'identity taken meanwhile');
      return user.id;
    });
  } catch (error) {
    // Someone took this email or identity a moment ago: starting again meets the rules afresh.
    if (isAppError(error) && error.code === 'conflict') throw new AppError('bad_request', STALE);
    throw error;
  }
}

async function profileOf(
  deps: ServiceDeps,
  provider: SignInProvider,
  query: URLSearchParams,
  flow: { nonce: string; codeVerifier: string },
): Promise<ProviderProfile> {
  try {
    return await provider.client.finish({
      redirectUri: callbackUrlOf(deps.config, provider.id),
      callbackQuery: query,
      checks: { state: query.get('state') ?? '', nonce: flow.nonce, codeVerifier: flow.codeVerifier },
    });
  } catch (error) {
    if (!(error instanceof SignInProviderError)) throw error;
    deps.logger.warn({ err: error, provider: provider.id }, 'provider sign-in failed');
    if (error.kind === 'unreachable')
      throw new AppError(
        'unavailable',
        `${provider.name} cannot be reached right now. Please try again later.`,
      );
    throw new AppError('bad_request', `${provider.name} did not confirm the sign-in. Start again.`);
  }
}

async function signIn(
  deps: ServiceDeps,
  userId: string,
  isNewAccount: boolean,
  session: { remember: boolean; previousSessionId: string | undefined; context: SessionContext },
): Promise<FinishResult> {
  const { remember, previousSessionId, context } = session;
  if (!deps.config.signInProviders.trustProviderMfa && (await hasConfirmedTotp(deps.db, userId))) {
    const challenge = await startTwoFactorChallenge(deps, userId, remember);
    return { kind: 'two-factor', challengeToken: challenge.token, userId };
  }
  return deps.db.transaction(async (tx) => {
    if (previousSessionId) await deleteAuthSession(tx, previousSessionId);
    const created = await createAuthSession(deps, tx, userId, { remember, ...context });
    return { kind: 'signed-in', token: created.token, remember, userId, isNewAccount };
  });
}
