import { createMiddleware } from 'hono/factory';
import { hitRateLimit } from '../../db/stores/rate-limit-store.ts';
import { AppError } from '../../domain/errors.ts';
import { authenticateApiToken } from '../../services/api-tokens.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { ApiEnv } from './context.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Guessing tokens from one address is slowed down long before it could succeed.
const FAILED_TOKEN_RULE = { limit: 20, windowSeconds: 600 };

/**
 * Bearer tokens for programs, the session cookie for the app's own pages (whose writes the CSRF
 * middleware has already checked). A read-only token may not write: 403.
 */
export function apiAuth(deps: ServiceDeps) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const found = match ? await authenticateApiToken(deps, match[1]!) : null;
      if (!found) {
        const limit = await hitRateLimit(
          deps.db,
          `api:bad-token:${c.get('clientIp')}`,
          FAILED_TOKEN_RULE,
          deps.clock.now(),
        );
        c.header('WWW-Authenticate', 'Bearer realm="deepsheet", error="invalid_token"');
        if (!limit.allowed) {
          throw new AppError('rate_limited', 'Too many requests with invalid tokens.', {
            details: { retryAfterSeconds: limit.retryAfterSeconds },
          });
        }
        throw new AppError('unauthenticated', 'This token is not valid, or it was revoked or has expired.');
      }
      const { user, token } = found;
      c.set('actor', {
        id: user.id,
        email: user.email,
        isAdmin: user.isAdmin,
        user,
        scopes: token.scopes as ApiEnv['Variables']['actor']['scopes'],
        tokenId: token.id,
        sessionId: null,
        expiresAt: token.expiresAt,
      });
    } else {
      const session = c.get('signIn');
      if (!session) {
        c.header('WWW-Authenticate', 'Bearer realm="deepsheet"');
        throw new AppError(
          'unauthenticated',
          'Sign in, or send a personal access token as "Authorization: Bearer <token>".',
        );
      }
      const user = session.user;
      c.set('actor', {
        id: user.id,
        email: user.email,
        isAdmin: user.isAdmin,
        user,
        scopes: ['read', 'write'],
        tokenId: null,
        sessionId: session.id,
        expiresAt: session.expiresAt,
      });
    }
    if (!READ_METHODS.has(c.req.method) && !c.get('actor').scopes.includes('write')) {
      throw new AppError('forbidden', 'This token is read-only; this request needs the write scope.');
    }
    c.header('Cache-Control', 'no-store');
    await next();
  });
}
