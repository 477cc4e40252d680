import { createMiddleware } from 'hono/factory';
import { hitRateLimits, type RateResult, type RateRule } from '../../db/stores/rate-limit-store.ts';
import { AppError } from '../../domain/errors.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { ApiEnv } from './context.ts';

/** The defaults; API_RATE_LIMIT_PER_CALLER and API_RATE_LIMIT_PER_ADDRESS change the limits. */
export const API_RULES = {
  perCaller: { limit: 600, windowSeconds: 60 },
  perIp: { limit: 1200, windowSeconds: 60 },
} satisfies Record<string, RateRule>;

function rulesOf(config: ServiceDeps['config']) {
  return {
    perCaller: { ...API_RULES.perCaller, limit: config.apiRateLimits.perCaller },
    perIp: { ...API_RULES.perIp, limit: config.apiRateLimits.perAddress },
  } satisfies Record<string, RateRule>;
}

function setHeaders(
  c: { header(name: string, value: string): void },
  result: RateResult,
  rule: RateRule,
  policy: string,
) {
  c.header('RateLimit-Limit', String(result.limit));
  c.header('RateLimit-Remaining', String(Math.max(0, result.limit - result.count)));
  c.header('RateLimit-Reset', String(result.retryAfterSeconds));
  c.header('RateLimit-Policy', `${rule.limit};w=${rule.windowSeconds};comment="${policy}"`);
}

/**
 * Limits calls per token (or signed-in person) and per address, with the standard RateLimit
 * headers. Counts live in the database, shared by every instance. Runs after authentication.
 */
export function apiRateLimit(deps: ServiceDeps) {
  let rules: ReturnType<typeof rulesOf> | undefined;
  return createMiddleware<ApiEnv>(async (c, next) => {
    // Read at the first call: the OpenAPI generator builds the API without a configuration.
    rules ??= rulesOf(deps.config);
    const now = deps.clock.now();
    const actor = c.get('actor');
    const callerKey = actor.tokenId ? `api:token:${actor.tokenId}` : `api:user:${actor.id}`;
    const [byCaller, byIp] = await hitRateLimits(
      deps.db,
      [
        { key: callerKey, rule: rules.perCaller },
        { key: `api:ip:${c.get('clientIp')}`, rule: rules.perIp },
      ],
      now,
    );
    if (!byCaller || !byIp) throw new Error('rate limit counters missing');
    const tighter = byCaller.limit - byCaller.count <= byIp.limit - byIp.count ? byCaller : byIp;
    setHeaders(
      c,
      tighter,
      tighter === byCaller ? rules.perCaller : rules.perIp,
      tighter === byCaller ? 'per caller' : 'per address',
    );
    if (!byCaller.allowed || !byIp.allowed) {
      throw new AppError(
        'rate_limited',
        'Too many requests. Slow down and retry after the time in Retry-After.',
        {
          details: { retryAfterSeconds: tighter.retryAfterSeconds },
        },
      );
    }
    await next();
  });
}
