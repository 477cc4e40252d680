import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Config } from '../../config.ts';
import { generateToken, hmac } from '../../security/secure-token.ts';
import { resolveAuthSession, SESSION_LIFETIMES } from '../../services/auth-sessions.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { AppEnv } from '../context.ts';

/** `__Host-` cookies must be Secure, so the prefix is used where HTTPS is guaranteed. */
export function cookieNames(config: Pick<Config, 'isProduction'>) {
  return config.isProduction
    ? {
        session: '__Host-ds_session',
        csrf: '__Host-ds_csrf',
        twoFactor: '__Host-ds_2fa',
        oauth: '__Host-ds_oauth',
      }
    : { session: 'ds_session', csrf: 'ds_csrf', twoFactor: 'ds_2fa', oauth: 'ds_oauth' };
}

function baseCookie(config: Pick<Config, 'isProduction'>) {
  return { path: '/', httpOnly: true, secure: config.isProduction, sameSite: 'Lax' as const };
}

/** A remembered session outlives the browser; otherwise the cookie ends with the browser. */
export function setSessionCookie(c: Context, config: Config, token: string, remember: boolean): void {
  // Max-Age, not Expires: it counts from when the browser receives it, whatever either clock says.
  // The server ends idle sessions sooner; the cookie only has to outlive the longest session.
  setCookie(c, cookieNames(config).session, token, {
    ...baseCookie(config),
    ...(remember ? { maxAge: SESSION_LIFETIMES.remember.absoluteSeconds } : {}),
  });
}

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, cookieNames(config).session, baseCookie(config));
}

/**
 * The half-signed-in state between the password and the second factor: a random token naming a
 * short-lived server-side challenge (not a session). Strict, so no other site's link carries it.
 */
export function setTwoFactorCookie(c: Context, config: Config, token: string, maxAgeSeconds: number): void {
  setCookie(c, cookieNames(config).twoFactor, token, {
    ...baseCookie(config),
    sameSite: 'Strict',
    maxAge: maxAgeSeconds,
  });
}

export function twoFactorCookieOf(c: Context, config: Config): string {
  return getCookie(c, cookieNames(config).twoFactor) ?? '';
}

export function clearTwoFactorCookie(c: Context, config: Config): void {
  deleteCookie(c, cookieNames(config).twoFactor, { ...baseCookie(config), sameSite: 'Strict' });
}

/**
 * The state of a provider sign-in this browser started. The callback must bring the same state:
 * that binds the flow to the browser that began it (no one can finish their flow in yours). Lax,
 * because the provider's redirect back is a top-level navigation from another site.
 */
export function setOauthStateCookie(c: Context, config: Config, state: string, maxAgeSeconds: number): void {
  setCookie(c, cookieNames(config).oauth, state, { ...baseCookie(config), maxAge: maxAgeSeconds });
}

export function oauthStateCookieOf(c: Context, config: Config): string {
  return getCookie(c, cookieNames(config).oauth) ?? '';
}

export function clearOauthStateCookie(c: Context, config: Config): void {
  deleteCookie(c, cookieNames(config).oauth, baseCookie(config));
}

/**
 * Loads the signed-in session (if any) and derives the CSRF token: bound to the session when
 * signed in, otherwise to a random anonymous cookie (so login forms are protected too).
 */
export function loadSignIn(deps: ServiceDeps) {
  const names = cookieNames(deps.config);
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, names.session);
    const session = token ? await resolveAuthSession(deps, token) : null;
    if (token && !session) clearSessionCookie(c, deps.config);
    c.set('signIn', session);
    if (session) {
      c.set('csrfToken', hmac(deps.config.secret, `csrf:session:${session.id}`));
    } else {
      let anon = getCookie(c, names.csrf);
      if (!anon || anon.length < 20 || anon.length > 100) {
        anon = generateToken(24);
        setCookie(c, names.csrf, anon, baseCookie(deps.config));
      }
      c.set('csrfToken', hmac(deps.config.secret, `csrf:anon:${anon}`));
    }
    await next();
  });
}
