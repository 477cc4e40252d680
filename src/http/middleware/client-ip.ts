import { getConnInfo } from '@hono/node-server/conninfo';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';

/**
 * The client's address comes from the socket, or only from the one proxy header the operator
 * named in TRUST_PROXY_HEADER; taking the last entry means a client cannot forge it.
 */
export function clientIp(trustedHeader: string | undefined) {
  return createMiddleware<AppEnv>(async (c, next) => {
    let ip = '';
    if (trustedHeader) {
      const value = c.req.header(trustedHeader);
      ip = value?.split(',').at(-1)?.trim() ?? '';
    }
    if (!ip) {
      try {
        ip = getConnInfo(c).remote.address ?? '';
      } catch {
        ip = ''; // in-process requests (tests) have no socket
      }
    }
    c.set('clientIp', ip.slice(0, 64) || 'unknown');
    await next();
  });
}
