import { and, asc, desc, eq, gt, ilike, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { preparedPerDatabase } from '../db/client.ts';
import { type ApiTokenRow, apiTokens, type TokenScope, type UserRow, users } from '../db/schema/index.ts';
import { containsPattern, decodeCursor, type Page, toPage } from '../db/stores/keyset.ts';
import { AppError } from '../domain/errors.ts';
import { NewTokenInput, TokenListQuery } from '../domain/inputs/tokens.ts';
import { announceAuthChange } from '../realtime/events.ts';
import { generateToken, hashToken } from '../security/secure-token.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';

const TOKEN_PREFIX = 'ds_';
// last_used_at is for people, not forensics: once a minute is precise enough and saves writes.
const TOUCH_INTERVAL_MS = 60_000;

export type { NewTokenInput, TokenListQuery };

/**
 * Creates a personal access token and returns its secret, the only time it is ever shown.
 * A token may only create tokens within its own scopes. Throws 'validation' and 'forbidden'.
 */
export async function createApiToken(
  deps: ServiceDeps,
  actor: Actor & { scopes?: readonly TokenScope[] },
  input: NewTokenInput,
): Promise<{ token: ApiTokenRow; secret: string }> {
  const data = parseOrThrow(NewTokenInput, input);
  const scopes = [...new Set(data.scopes)].sort() as TokenScope[];
  if (actor.scopes && scopes.some((s) => !actor.scopes!.includes(s))) {
    throw new AppError('forbidden', 'A token cannot create a token with more scopes than its own.');
  }
  const now = deps.clock.now();
  const secret = `${TOKEN_PREFIX}${generateToken()}`;
  const rows = await deps.db
    .insert(apiTokens)
    .values({
      userId: actor.id,
      name: data.name,
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      scopes,
      createdAt: now,
      expiresAt: data.expiresInDays ? new Date(now.getTime() + data.expiresInDays * 86_400_000) : null,
    })
    .returning();
  return { token: rows[0]!, secret };
}

/** The actor's tokens, newest first by default, filtered by status and name. */
export async function listApiTokens(
  deps: ServiceDeps,
  actor: Actor,
  query: TokenListQuery,
): Promise<Page<ApiTokenRow>> {
  const q = parseOrThrow(TokenListQuery, query);
  const now = deps.clock.now();
  const after = decodeCursor(q.cursor);
  const conditions: (SQL | undefined)[] = [eq(apiTokens.userId, actor.id)];
  if (q.q) conditions.push(ilike(apiTokens.name, containsPattern(q.q)));
  if (q.status === 'revoked') conditions.push(isNotNull(apiTokens.revokedAt));
  if (q.status === 'expired') conditions.push(and(isNull(apiTokens.revokedAt), lt(apiTokens.expiresAt, now)));
  if (q.status === 'active')
    conditions.push(
      and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))),
    );
  if (after) {
    const at = new Date(String(after.key));
    const cmp = q.order === 'newest' ? lt : gt;
    conditions.push(
      or(cmp(apiTokens.createdAt, at), and(eq(apiTokens.createdAt, at), cmp(apiTokens.id, after.id))),
    );
  }
  const direction = q.order === 'newest' ? desc : asc;
  const rows = await deps.db
    .select()
    .from(apiTokens)
    .where(and(...conditions))
    .orderBy(direction(apiTokens.createdAt), direction(apiTokens.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({ key: r.createdAt.toISOString(), id: r.id }));
}

/** Revokes one of the actor's tokens; another person's token is not found. */
export async function revokeApiToken(deps: ServiceDeps, actor: Actor, tokenId: string): Promise<void> {
  if (!z.uuid().safeParse(tokenId).success) throw new AppError('not_found', 'That token does not exist.');
  const rows = await deps.db
    .update(apiTokens)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (rows.length > 0) await announceAuthChange(deps.db, actor.id);
  if (rows.length === 0) {
    const exists = await deps.db
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.id)));
    if (exists.length === 0) throw new AppError('not_found', 'That token does not exist.');
  }
}

export type TokenStatus = 'active' | 'revoked' | 'expired';
export function tokenStatus(token: ApiTokenRow, now: Date): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** Resolves a bearer secret to its live token and owner, or null for unknown, revoked or expired ones. */
const tokenWithUser = preparedPerDatabase((db) =>
  db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
    .prepare('api_token_with_user'),
);

export async function authenticateApiToken(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  secret: string,
): Promise<{ token: ApiTokenRow; user: UserRow } | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return null;
  const rows = await tokenWithUser(deps.db).execute({ hash: hashToken(secret) });
  const row = rows[0];
  const now = deps.clock.now();
  if (!row || tokenStatus(row.token, now) !== 'active') return null;
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await deps.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  return row;
}

/** For the command line: a token for the account with this email. */
export async function createApiTokenForEmail(deps: ServiceDeps, email: string, input: NewTokenInput) {
  const user = (await deps.db.select().from(users).where(eq(users.email, email.trim().toLowerCase())))[0];
  if (!user) throw new AppError('not_found', `No account uses ${email}.`);
  return createApiToken(deps, { id: user.id, email: user.email, isAdmin: user.isAdmin }, input);
}

/** Whether a token is still active: not revoked, not expired (an open event stream asks). */
export async function isApiTokenActive(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  tokenId: string,
): Promise<boolean> {
  const rows = await deps.db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
  return rows[0] !== undefined && tokenStatus(rows[0], deps.clock.now()) === 'active';
}
