import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isAppError } from '../../domain/errors.ts';
import { deleteAuthSession } from '../../services/auth-sessions.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { logIn } from '../../services/log-in.ts';
import { canUsePasskeyAsSecondFactor } from '../../services/passkeys/passkey-second-factor.ts';
import { relyingParty } from '../../services/passkeys/relying-party.ts';
import { isResetTokenLive, requestPasswordReset, resetPassword } from '../../services/password-reset.ts';
import { configuredProviders } from '../../services/sign-in-providers/providers.ts';
import { signUp } from '../../services/sign-up.ts';
import {
  CHALLENGE_MINUTES,
  completeTwoFactorSignIn,
  isTwoFactorChallengeLive,
} from '../../services/two-factor/two-factor-sign-in.ts';
import type { AppEnv } from '../context.ts';
import { STATUS_OF } from '../errors.ts';
import {
  clearSessionCookie,
  clearTwoFactorCookie,
  setSessionCookie,
  setTwoFactorCookie,
  twoFactorCookieOf,
} from '../middleware/sign-in.ts';
import type { AssetManifest } from './assets.ts';
import {
  ForgotPasswordPage,
  LoginPage,
  ResetPasswordPage,
  SignupClosedPage,
  SignupPage,
  TwoFactorSignInPage,
} from './auth-pages.tsx';
import { pageContext, safeNextPath } from './page-context.ts';
import { passkeySignInRoutes } from './passkey-sign-in-routes.ts';

const RESET_COOKIE = 'ds_reset';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Sign-up, log in (with its second step), log out and password reset pages. */
export function authRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();
  // Passkeys are offered only at an address this RP ID covers (src/client/passkeys.ts).
  const rpId = relyingParty(deps).id;
  const ctx = (c: Parameters<typeof pageContext>[0]) => pageContext(c, assets);
  const context = (c: Parameters<typeof pageContext>[0]) => ({
    userAgent: c.req.header('user-agent') ?? '',
    ip: c.get('clientIp'),
  });

  const providers = configuredProviders(deps.config);

  app.get('/login', (c) => {
    if (c.get('signIn')) return c.redirect(safeNextPath(c.req.query('next')));
    const notice =
      c.req.query('reset') === 'done'
        ? 'Your password is changed. Log in with the new one.'
        : c.req.query('deleted') === '1'
          ? 'Your account and everything in it are deleted.'
          : undefined;
    return c.html(
      <LoginPage
        page={ctx(c)}
        next={c.req.query('next')}
        notice={notice}
        allowSignup={deps.config.allowSignup}
        providers={providers}
        rpId={rpId}
      />,
    );
  });

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    try {
      const result = await logIn(
        deps,
        {
          email: str(body.email),
          password: str(body.password),
          remember: body.remember === 'on',
          previousSessionId: c.get('signIn')?.id,
        },
        context(c),
      );
      if (result.kind === 'two-factor') {
        setTwoFactorCookie(c, deps.config, result.challengeToken, CHALLENGE_MINUTES * 60);
        const next = safeNextPath(body.next);
        return c.redirect(
          next === '/' ? '/login/two-factor' : `/login/two-factor?next=${encodeURIComponent(next)}`,
          303,
        );
      }
      setSessionCookie(c, deps.config, result.token, body.remember === 'on');
      return c.redirect(safeNextPath(body.next), 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const page = (
        <LoginPage
          page={ctx(c)}
          email={str(body.email)}
          error={error.message}
          next={str(body.next) || undefined}
          allowSignup={deps.config.allowSignup}
          providers={providers}
          rpId={rpId}
        />
      );
      if (error.code === 'rate_limited')
        c.header('Retry-After', String(error.details?.retryAfterSeconds ?? 60));
      return c.html(page, STATUS_OF[error.code]);
    }
  });

  // The second step, for accounts with two-factor sign-in; only a live challenge cookie opens it.
  app.get('/login/two-factor', async (c) => {
    if (!(await isTwoFactorChallengeLive(deps, twoFactorCookieOf(c, deps.config)))) {
      clearTwoFactorCookie(c, deps.config);
      return c.redirect('/login', 303);
    }
    c.header('Cache-Control', 'no-store');
    const canUsePasskey = await canUsePasskeyAsSecondFactor(deps, twoFactorCookieOf(c, deps.config));
    return c.html(
      <TwoFactorSignInPage
        page={ctx(c)}
        next={c.req.query('next')}
        canUsePasskey={canUsePasskey}
        rpId={rpId}
      />,
    );
  });

  app.post('/login/two-factor', async (c) => {
    const body = await c.req.parseBody();
    const next = str(body.next) || undefined;
    try {
      const result = await completeTwoFactorSignIn(
        deps,
        {
          challengeToken: twoFactorCookieOf(c, deps.config),
          code: str(body.code),
          previousSessionId: c.get('signIn')?.id,
        },
        context(c),
      );
      clearTwoFactorCookie(c, deps.config);
      setSessionCookie(c, deps.config, result.token, result.remember);
      return c.redirect(
        result.usedRecoveryCode ? '/settings/two-factor?saved=recovery-used' : safeNextPath(next),
        303,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'auth.challenge_expired') {
        clearTwoFactorCookie(c, deps.config);
        const page = (
          <LoginPage
            page={ctx(c)}
            error={error.message}
            next={next}
            allowSignup={deps.config.allowSignup}
            providers={providers}
            rpId={rpId}
          />
        );
        return c.html(page, STATUS_OF[error.code]);
      }
      if (error.code === 'rate_limited')
        c.header('Retry-After', String(error.details?.retryAfterSeconds ?? 60));
      const canUsePasskey = await canUsePasskeyAsSecondFactor(deps, twoFactorCookieOf(c, deps.config));
      return c.html(
        <TwoFactorSignInPage
          page={ctx(c)}
          next={next}
          error={error.fields?.code ?? error.message}
          canUsePasskey={canUsePasskey}
          rpId={rpId}
        />,
        STATUS_OF[error.code],
      );
    }
  });

  // Passkeys (issue 16): signing in with one alone, or answering the second step with one.
  app.route('/', passkeySignInRoutes(deps));

  app.post('/logout', async (c) => {
    const session = c.get('signIn');
    if (session) await deleteAuthSession(deps.db, session.id);
    clearSessionCookie(c, deps.config);
    return c.redirect('/login', 303);
  });

  app.get('/signup', (c) => {
    if (c.get('signIn')) return c.redirect('/');
    if (!deps.config.allowSignup) return c.html(<SignupClosedPage page={ctx(c)} />, 403);
    return c.html(<SignupPage page={ctx(c)} providers={providers} />);
  });

  app.post('/signup', async (c) => {
    const body = await c.req.parseBody();
    const input = {
      email: str(body.email),
      password: str(body.password),
      timeZone: str(body.timeZone) || 'UTC',
    };
    try {
      const result = await signUp(deps, { ...input, remember: true }, context(c));
      setSessionCookie(c, deps.config, result.token, true);
      return c.redirect('/?welcome=1', 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'auth.signup_closed') return c.html(<SignupClosedPage page={ctx(c)} />, 403);
      const fields = error.fields;
      return c.html(
        <SignupPage
          page={ctx(c)}
          email={input.email}
          timeZone={input.timeZone}
          errors={fields}
          error={fields ? undefined : error.message}
          providers={providers}
        />,
        STATUS_OF[error.code],
      );
    }
  });

  app.get('/forgot-password', (c) => c.html(<ForgotPasswordPage page={ctx(c)} />));

  app.post('/forgot-password', async (c) => {
    const body = await c.req.parseBody();
    try {
      await requestPasswordReset(deps, str(body.email), c.get('clientIp'));
    } catch (error) {
      if (!isAppError(error)) throw error;
      return c.html(<ForgotPasswordPage page={ctx(c)} error={error.message} />, STATUS_OF[error.code]);
    }
    return c.html(<ForgotPasswordPage page={ctx(c)} sent />);
  });

  // The emailed link carries the token once; we move it into a short-lived cookie and redirect,
  // so it leaves the address bar, the history and any Referer.
  app.get('/reset-password/:token', (c) => {
    setCookie(c, RESET_COOKIE, c.req.param('token').slice(0, 100), {
      path: '/reset-password',
      httpOnly: true,
      secure: deps.config.isProduction,
      sameSite: 'Lax',
      maxAge: 30 * 60,
    });
    return c.redirect('/reset-password', 303);
  });

  app.get('/reset-password', async (c) => {
    const token = getCookie(c, RESET_COOKIE) ?? '';
    const isValid = token !== '' && (await isResetTokenLive(deps, token));
    return c.html(<ResetPasswordPage page={ctx(c)} isValid={isValid} />, isValid ? 200 : 410);
  });

  app.post('/reset-password', async (c) => {
    const body = await c.req.parseBody();
    const token = getCookie(c, RESET_COOKIE) ?? '';
    try {
      await resetPassword(deps, token, str(body.password));
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'auth.reset_invalid')
        return c.html(<ResetPasswordPage page={ctx(c)} isValid={false} />, 410);
      return c.html(<ResetPasswordPage page={ctx(c)} isValid errors={error.fields} />, STATUS_OF[error.code]);
    }
    deleteCookie(c, RESET_COOKIE, { path: '/reset-password' });
    clearSessionCookie(c, deps.config);
    return c.redirect('/login?reset=done', 303);
  });

  return app;
}
