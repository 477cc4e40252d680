import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isAppError } from '../../domain/errors.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { verifyEmail } from '../../services/email-verification.ts';
import { canUsePasskeyAsSecondFactor } from '../../services/passkeys/passkey-second-factor.ts';
import { relyingParty } from '../../services/passkeys/relying-party.ts';
import { finishProviderSignIn } from '../../services/sign-in-providers/finish-provider-sign-in.ts';
import {
  FLOW_MINUTES,
  type StartInput,
  startProviderSignIn,
} from '../../services/sign-in-providers/start-provider-sign-in.ts';
import { CHALLENGE_MINUTES } from '../../services/two-factor/two-factor-sign-in.ts';
import type { AppEnv } from '../context.ts';
import { STATUS_OF } from '../errors.ts';
import {
  clearOauthStateCookie,
  oauthStateCookieOf,
  setOauthStateCookie,
  setSessionCookie,
  setTwoFactorCookie,
} from '../middleware/sign-in.ts';
import type { AssetManifest } from './assets.ts';
import { ProviderRefusedPage, TwoFactorSignInPage, VerifyEmailPage } from './auth-pages.tsx';
import { pageContext } from './page-context.ts';

/** A refusal the person can read (provider not configured, too many attempts, provider down); anything else is a bug. */
function refusedPage(c: Context<AppEnv>, assets: AssetManifest, error: unknown) {
  if (!isAppError(error)) throw error;
  if (error.code === 'rate_limited') c.header('Retry-After', String(error.details?.retryAfterSeconds ?? 60));
  return c.html(
    <ProviderRefusedPage page={pageContext(c, assets)} message={error.message} />,
    STATUS_OF[error.code],
  );
}

/**
 * Starts a provider flow from a POST (sign-in from /login and /signup, or linking from Settings):
 * the state goes into this browser's cookie and the browser to the provider. A refusal (provider
 * not configured, too many attempts, provider down) is a page, never a 500.
 */
export async function redirectToProvider(
  c: Context<AppEnv>,
  deps: ServiceDeps,
  assets: AssetManifest,
  input: Omit<StartInput, 'ip'>,
) {
  try {
    const { url, state } = await startProviderSignIn(deps, { ...input, ip: c.get('clientIp') });
    setOauthStateCookie(c, deps.config, state, FLOW_MINUTES * 60);
    return c.redirect(url, 303);
  } catch (error) {
    return refusedPage(c, assets, error);
  }
}

const VERIFY_COOKIE = 'ds_verify';

/** /auth/{provider}/start and /callback, and the mailed email-verification link. */
export function providerSignInRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();

  app.post('/auth/:provider/start', async (c) => {
    if (c.get('signIn')) return c.redirect('/', 303);
    const body = await c.req.parseBody();
    return redirectToProvider(c, deps, assets, {
      provider: c.req.param('provider'),
      mode: 'sign-in',
      remember: true,
      timeZone: typeof body.timeZone === 'string' ? body.timeZone : 'UTC',
    });
  });

  // A GET from the provider: the state (in the query and in this browser's cookie, single use)
  // is what protects it, as CSRF tokens protect our forms.
  app.get('/auth/:provider/callback', async (c) => {
    const cookieState = oauthStateCookieOf(c, deps.config);
    clearOauthStateCookie(c, deps.config);
    c.header('Cache-Control', 'no-store');
    const query = new URL(c.req.url).searchParams;
    try {
      const result = await finishProviderSignIn(
        deps,
        { provider: c.req.param('provider'), query, cookieState, signInId: c.get('signIn')?.id },
        { userAgent: c.req.header('user-agent') ?? '', ip: c.get('clientIp') },
      );
      if (result.kind === 'linked') return c.redirect('/settings/sign-in-methods?saved=linked', 303);
      if (result.kind === 'two-factor') {
        // The second step is shown here rather than redirected to: this answer ends a navigation
        // that began at the provider's site, so the browser would not send the (Strict) challenge
        // cookie along a redirect. The form's POST comes from our own page, and carries it.
        setTwoFactorCookie(c, deps.config, result.challengeToken, CHALLENGE_MINUTES * 60);
        const canUsePasskey = await canUsePasskeyAsSecondFactor(deps, result.challengeToken);
        return c.html(
          <TwoFactorSignInPage
            page={pageContext(c, assets)}
            canUsePasskey={canUsePasskey}
            rpId={relyingParty(deps).id}
          />,
        );
      }
      setSessionCookie(c, deps.config, result.token, result.remember);
      return c.redirect(result.isNewAccount ? '/?welcome=1' : '/', 303);
    } catch (error) {
      return refusedPage(c, assets, error);
    }
  });

  // The mailed link carries the token once; it moves into a short-lived cookie and out of the
  // address bar, and the address is verified by the page's button (a POST: no GET changes
  // anything, so a mail scanner that opens links verifies nothing).
  app.get('/verify-email/:token', (c) => {
    setCookie(c, VERIFY_COOKIE, c.req.param('token').slice(0, 100), {
      path: '/verify-email',
      httpOnly: true,
      secure: deps.config.isProduction,
      sameSite: 'Lax',
      maxAge: 30 * 60,
    });
    return c.redirect('/verify-email', 303);
  });
  app.get('/verify-email', (c) => {
    c.header('Cache-Control', 'no-store');
    const hasToken = (getCookie(c, VERIFY_COOKIE) ?? '') !== '';
    return c.html(
      <VerifyEmailPage page={pageContext(c, assets)} state={hasToken ? 'ask' : 'invalid'} />,
      hasToken ? 200 : 410,
    );
  });
  app.post('/verify-email', async (c) => {
    const token = getCookie(c, VERIFY_COOKIE) ?? '';
    deleteCookie(c, VERIFY_COOKIE, { path: '/verify-email' });
    try {
      await verifyEmail(deps, token);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return c.html(
        <VerifyEmailPage page={pageContext(c, assets)} state="invalid" error={error.message} />,
        STATUS_OF[error.code],
      );
    }
    return c.html(<VerifyEmailPage page={pageContext(c, assets)} state="done" />);
  });

  return app;
}
