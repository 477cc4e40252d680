import { createMiddleware } from 'hono/factory';
import { recordApiRequest } from '../../services/api-request-log.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { ApiEnv } from './context.ts';

/**
 * Records each authenticated API call (route pattern, never the raw path with ids) after it is
 * answered, off the call's path (queued and written in batches); a failure never fails the call.
 */
export function apiRequestLog(deps: ServiceDeps) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    const actor = c.get('actor');
    if (!actor) return;
    recordApiRequest(deps, {
      userId: actor.id,
      tokenId: actor.tokenId,
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
      userAgent: c.req.header('user-agent') ?? '',
      ip: c.get('clientIp'),
    });
  });
}
