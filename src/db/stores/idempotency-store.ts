import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../../domain/clock.ts';
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../client.ts';
import { idempotencyKeys } from '../schema/index.ts';

/** What the store needs of the service dependencies. */
type StoreDeps = { db: Db; clock: Clock };

export type StoredResponse = { status: number; contentType: string; body: string };

export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');
}

/**
 * Claims an Idempotency-Key for a request. Returns the stored response when the same request was
 * already answered (replay), or null when this request should run now. Throws
 * 'idempotency.key_reused' for the same key with a different request, and
 * 'idempotency.in_progress' while the first request with it is still running.
 */
export async function claimIdempotencyKey(
  deps: StoreDeps,
  userId: string,
  key: string,
  fingerprint: string,
): Promise<StoredResponse | null> {
  const inserted = await deps.db
    .insert(idempotencyKeys)
    .values({ userId, key, fingerprint, createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return null;
  const existing = (
    await deps.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
  )[0];
  if (!existing) return null; // pruned in between: run it
  if (existing.fingerprint !== fingerprint) {
    throw new AppError(
      'idempotency.key_reused',
      'This Idempotency-Key was already used for a different request.',
    );
  }
  if (existing.status === null) {
    throw new AppError(
      'idempotency.in_progress',
      'A request with this Idempotency-Key is still being processed. Retry shortly.',
    );
  }
  return {
    status: existing.status,
    contentType: existing.contentType ?? 'application/json',
    body: existing.body ?? '',
  };
}

/** Stores the answer so a retry gets the same one. */
export async function completeIdempotencyKey(
  deps: Pick<StoreDeps, 'db'>,
  userId: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await deps.db
    .update(idempotencyKeys)
    .set({ status: response.status, contentType: response.contentType, body: response.body })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Forgets a key whose request failed on our side, so the client may retry it. */
export async function releaseIdempotencyKey(
  deps: Pick<StoreDeps, 'db'>,
  userId: string,
  key: string,
): Promise<void> {
  await deps.db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}
