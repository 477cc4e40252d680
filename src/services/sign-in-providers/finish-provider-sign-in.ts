import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
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
  const state = input.query.get('state') ?? '';
  const cookieState = input.cookieState;
  if (state === '' || state.length > 200 || !safeEqual(state, cookieState))
    throw new AppError('bad_request', STALE);
  const now = deps.clock.now();
  const flow = await claimOauthFlow(deps.db, hashToken(state), provider.id, now);
  if (!flow) throw new AppError('bad_request', STALE);
  if (flow.mode === 'link' && (!flow.signInId || flow.signInId !== input.signInId))
    throw new AppError('bad_request', STALE);
  if (input.query.get('error'))
    throw new AppError('bad_request', `${provider.name} did not sign you in: the request was declined.`);

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
  const facts = { email: profile.email, emailVerified: profile.isEmailVerified };
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
      await touchIdentity(deps.db, identity!.id, facts, now);
      return { kind: 'linked', userId: decision.userId, providerName: provider.name };
    case 'link': {
      const owner = await linkIdentity(
        deps.db,
        { userId: decision.userId, provider: provider.id, subject: profile.subject, ...facts },
        now,
      );
      if (owner !== decision.userId)
        throw new AppError('conflict', refusalMessage('identity-taken', provider.name));
      return { kind: 'linked', userId: decision.userId, providerName: provider.name };
    }
    case 'sign-in':
      await touchIdentity(deps.db, identity!.id, facts, now);
      return signIn(deps, decision.userId, flow.remember, false, input.signInId, context);
    case 'link-and-sign-in': {
      const owner = await linkIdentity(
        deps.db,
        { userId: decision.userId, provider: provider.id, subject: profile.subject, ...facts },
        now,
      );
      return signIn(deps, owner, flow.remember, false, input.signInId, context);
    }
    case 'sign-up': {
      const limit = await hitRateLimit(deps.db, `signup:ip:${context.ip}`, SIGNUP_RULE, now);
      if (!limit.allowed)
        throw new AppError('rate_limited', 'Too many sign-ups from this address. Please try again later.', {
          details: { retryAfterSeconds: limit.retryAfterSeconds },
        });
      const user = await createProviderUser(deps, { email: decision.email, timeZone: flow.timeZone }).catch(
        (error: unknown) => {
          // Someone signed up with this email a moment ago: the person starts again and meets the rules.
          if (isAppError(error) && error.code === 'conflict') throw new AppError('bad_request', STALE);
          throw error;
        },
      );
      const owner = await linkIdentity(
        deps.db,
        { userId: user.id, provider: provider.id, subject: profile.subject, ...facts },
        now,
      );
      if (owner !== user.id) {
        await deps.db.delete(users).where(eq(users.id, user.id));
        throw new AppError('bad_request', STALE);
      }
      return signIn(deps, user.id, flow.remember, true, input.signInId, context);
    }
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
  remember: boolean,
  isNewAccount: boolean,
  previousSessionId: string | undefined,
  context: SessionContext,
): Promise<FinishResult> {
  if (!deps.config.signInProviders.trustProviderMfa && (await hasConfirmedTotp(deps.db, userId))) {
    const challenge = await startTwoFactorChallenge(deps, userId, remember);
    return { kind: 'two-factor', challengeToken: challenge.token, userId };
  }
  return deps.db.transaction(async (tx) => {
    if (previousSessionId) await deleteAuthSession(tx, previousSessionId);
    const session = await createAuthSession(deps, tx, userId, { remember, ...context });
    return { kind: 'signed-in', token: session.token, remember, userId, isNewAccount };
  });
}
