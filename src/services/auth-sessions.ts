import { and, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import { type Executor, preparedPerDatabase } from '../db/client.ts';
import { authSessions, type UserRow, users } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import { announceAuthChange } from '../realtime/events.ts';
import { generateToken, hashToken } from '../security/secure-token.ts';
import type { Actor, ServiceDeps } from './deps.ts';

/**
 * Session lifetimes. A remembered device stays signed in for a month of inactivity and at most
 * 90 days; otherwise the session ends after 12 idle hours or a day. Documented in docs/security.md.
 */
export const SESSION_LIFETIMES = {
  remember: { idleSeconds: 30 * 86_400, absoluteSeconds: 90 * 86_400 },
  browser: { idleSeconds: 12 * 3600, absoluteSeconds: 24 * 3600 },
} as const;
// Writing last_seen on every request would turn reads into writes; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

export type SessionContext = { userAgent: string; ip: string };
export type CurrentSignIn = { id: string; user: UserRow; remember: boolean; expiresAt: Date };

function expiryOf(createdAt: Date, lastSeenAt: Date, remember: boolean): Date {
  const life = remember ? SESSION_LIFETIMES.remember : SESSION_LIFETIMES.browser;
  return new Date(
    Math.min(
      lastSeenAt.getTime() + life.idleSeconds * 1000,
      createdAt.getTime() + life.absoluteSeconds * 1000,
    ),
  );
}

/** Creates a session and returns the token for the cookie (only its hash is stored). */
export async function createAuthSession(
  deps: Pick<ServiceDeps, 'clock'>,
  db: Executor,
  userId: string,
  options: { remember: boolean } & SessionContext,
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const token = generateToken();
  const id = hashToken(token);
  const expiresAt = expiryOf(now, now, options.remember);
  await db.insert(authSessions).values({
    id,
    userId,
    remember: options.remember,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    userAgent: options.userAgent.slice(0, 300),
    ip: options.ip.slice(0, 64),
  });
  return { token, id, expiresAt };
}

const liveSessionWithUser = preparedPerDatabase((db) =>
  db
    .select({ session: authSessions, user: users })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(
      and(eq(authSessions.id, sql.placeholder('id')), gt(authSessions.expiresAt, sql.placeholder('now'))),
    )
    .prepare('auth_session_with_user'),
);

/** Resolves a cookie token to its live session and user, sliding the idle expiry. */
export async function resolveAuthSession(
  deps: Pick<ServiceDeps, 'clock' | 'db'>,
  token: string,
): Promise<CurrentSignIn | null> {
  if (token.length < 20 || token.length > 100) return null;
  const now = deps.clock.now();
  const id = hashToken(token);
  const rows = await liveSessionWithUser(deps.db).execute({ id, now });
  const row = rows[0];
  if (!row) return null;
  let expiresAt = row.session.expiresAt;
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    expiresAt = expiryOf(row.session.createdAt, now, row.session.remember);
    await deps.db.update(authSessions).set({ lastSeenAt: now, expiresAt }).where(eq(authSessions.id, id));
  }
  return { id, user: row.user, remember: row.session.remember, expiresAt };
}

/** Ends one session; its open event streams close when the deleting transaction commits. */
export async function deleteAuthSession(db: Executor, sessionId: string): Promise<void> {
  const deleted = await db
    .delete(authSessions)
    .where(eq(authSessions.id, sessionId))
    .returning({ userId: authSessions.userId });
  for (const row of deleted) await announceAuthChange(db, row.userId);
}

/** Ends every session of a user except `keepSessionId` (password change, "sign out others"). */
export async function deleteOtherAuthSessions(
  db: Executor,
  userId: string,
  keepSessionId?: string,
): Promise<void> {
  await db
    .delete(authSessions)
    .where(
      keepSessionId
        ? and(eq(authSessions.userId, userId), ne(authSessions.id, keepSessionId))
        : eq(authSessions.userId, userId),
    );
  await announceAuthChange(db, userId);
}

export type DeviceView = {
  id: string;
  userAgent: string;
  ip: string;
  createdAt: Date;
  lastSeenAt: Date;
  isCurrent: boolean;
};

/** The signed-in devices of the actor, newest activity first. Ids are opaque prefixes. */
export async function listDevices(
  deps: ServiceDeps,
  actor: Actor,
  currentSessionId: string | undefined,
): Promise<DeviceView[]> {
  const rows = await deps.db
    .select()
    .from(authSessions)
    .where(and(eq(authSessions.userId, actor.id), gt(authSessions.expiresAt, deps.clock.now())))
    .orderBy(desc(authSessions.lastSeenAt));
  return rows.map((r) => ({
    id: publicDeviceId(r.id),
    userAgent: r.userAgent,
    ip: r.ip,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    isCurrent: r.id === currentSessionId,
  }));
}

/** The stored id is the token's hash; we show only a prefix of a second hash of it. */
export function publicDeviceId(sessionId: string): string {
  return hashToken(`device:${sessionId}`).slice(0, 24);
}

/** Signs out one of the actor's devices. Another user's device is not found (404). */
export async function revokeDevice(deps: ServiceDeps, actor: Actor, deviceId: string): Promise<void> {
  const rows = await deps.db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(eq(authSessions.userId, actor.id));
  const match = rows.find((r) => publicDeviceId(r.id) === deviceId);
  if (!match) throw new AppError('not_found', 'That device is not signed in.');
  await deleteAuthSession(deps.db, match.id);
}

export async function pruneExpiredAuthSessions(deps: Pick<ServiceDeps, 'db' | 'clock'>): Promise<number> {
  const deleted = await deps.db
    .delete(authSessions)
    .where(lt(authSessions.expiresAt, deps.clock.now()))
    .returning({ id: authSessions.id });
  return deleted.length;
}

/** Whether a sign-in session still exists and has not expired (an open event stream asks). */
export async function isAuthSessionLive(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  sessionId: string,
): Promise<boolean> {
  const rows = await deps.db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(and(eq(authSessions.id, sessionId), gt(authSessions.expiresAt, deps.clock.now())));
  return rows.length > 0;
}
