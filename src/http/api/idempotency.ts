import { createMiddleware } from 'hono/factory';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  requestFingerprint,
} from '../../db/stores/idempotency-store.ts';
import { AppError } from '../../domain/errors.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { ApiEnv } from './context.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Honours `Idempotency-Key` on every POST: the first request runs, a retry with the same key and
 * body gets the stored answer (marked `Idempotent-Replayed: true`), so a flaky phone's repeated
 * "pause" is applied once. Answers of 5xx are not stored, so they can be retried.
 */
export function idempotency(deps: ServiceDeps) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new AppError('validation', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', {
        fields: { 'Idempotency-Key': 'Not a valid key.' },
      });
    }
    const userId = c.get('actor').id;
    const fingerprint = requestFingerprint(c.req.method, c.req.path, await c.req.text());
    const stored = await claimIdempotencyKey(deps, userId, key, fingerprint);
    if (stored) {
      // A 204 answer may not carry a body, not even an empty one: Response() would throw.
      if (NULL_BODY_STATUSES.has(stored.status)) {
        return c.body(null, stored.status as 204, { 'Idempotent-Replayed': 'true' });
      }
      return c.body(stored.body, stored.status as 200, {
        'Content-Type': stored.contentType,
        'Idempotent-Replayed': 'true',
      });
    }
    try {
      await next();
    } catch (error) {
      await releaseIdempotencyKey(deps, userId, key);
      throw error;
    }
    if (c.res.status >= 500) {
      await releaseIdempotencyKey(deps, userId, key);
      return;
    }
    const body = await c.res.clone().text();
    await completeIdempotencyKey(deps, userId, key, {
      status: c.res.status,
      contentType: c.res.headers.get('content-type') ?? 'application/json',
      body,
    });
  });
}
