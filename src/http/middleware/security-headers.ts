import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';

/**
 * A strict policy: no inline script or style, nothing from other origins, no framing. Forms post
 * only to us, and to the sign-in providers configured (`formActionOrigins`): a "Continue with …"
 * form is answered with a redirect to the provider, which form-action governs too.
 */
export function contentSecurityPolicy(formActionOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formActionOrigins].join(' '),
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy of a server without sign-in providers. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export function securityHeaders(isProduction: boolean, formActionOrigins: readonly string[] = []) {
  const policy = contentSecurityPolicy(formActionOrigins);
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', policy);
    h.set('X-Content-Type-Options', 'nosniff');
    // 'no-referrer' would make browsers send `Origin: null` on our own form posts, defeating the Origin check.
    h.set('Referrer-Policy', 'same-origin');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (isProduction) h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  });
}
