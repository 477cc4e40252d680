import { and, asc, desc, eq, gt, ilike, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, withoutWaitingForDisk } from '../db/client.ts';
import { apiRequests } from '../db/schema/index.ts';
import { containsPattern, decodeCursor, type Page, toPage } from '../db/stores/keyset.ts';
import { PageQuery } from '../domain/inputs/page-query.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';

export type ApiRequestEntry = {
  userId: string | null;
  tokenId: string | null;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  userAgent: string;
  ip: string;
};

/** Keeps the network part of an address only: 203.0.113.7 -> 203.0.113.0, IPv6 to its /48. */
export function truncateIp(ip: string): string {
  const v4 = ip.replace(/^::ffff:/, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v4)) return v4.replace(/\.\d{1,3}$/, '.0');
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::`;
  return '';
}

type LogRow = typeof apiRequests.$inferInsert;
type Pending = {
  rows: LogRow[];
  timer: NodeJS.Timeout | undefined;
  logger: ServiceDeps['logger'];
  /** The insert under way: its rows have left `rows` but are not readable until it commits. */
  writing: Promise<void> | undefined;
};

// Calls are written together, at most this long after they were answered (or sooner, when this
// many are waiting): one insert and one commit for many calls instead of one each.
const FLUSH_AFTER_MS = 200;
const FLUSH_AT_ROWS = 200;
const pendingByDb = new WeakMap<Db, Pending>();

/**
 * Queues one answered API call for the request log. The call's answer never waits for it; the log
 * is written within FLUSH_AFTER_MS, in one multi-row insert whose commit does not wait for the disk
 * (a crash may forget the last moment of the log). A failure to write is logged, never raised.
 */
export function recordApiRequest(
  deps: Pick<ServiceDeps, 'db' | 'clock' | 'logger'>,
  entry: ApiRequestEntry,
): void {
  let pending = pendingByDb.get(deps.db);
  if (!pending) {
    pending = { rows: [], timer: undefined, logger: deps.logger, writing: undefined };
    pendingByDb.set(deps.db, pending);
  }
  pending.rows.push({
    ...entry,
    userAgent: entry.userAgent.slice(0, 300),
    ip: truncateIp(entry.ip),
    createdAt: deps.clock.now(),
  });
  if (pending.rows.length >= FLUSH_AT_ROWS) void flushApiRequestLog(deps.db);
  else pending.timer ??= setTimeout(() => void flushApiRequestLog(deps.db), FLUSH_AFTER_MS).unref();
}

/** Writes the queued request-log rows now: before listing them, and when the server stops. */
export async function flushApiRequestLog(db: Db): Promise<void> {
  const pending = pendingByDb.get(db);
  if (!pending) return;
  // A reader must also see the calls a timed flush has just taken out of the queue.
  while (pending.writing) await pending.writing;
  if (pending.rows.length === 0) return;
  clearTimeout(pending.timer);
  pending.timer = undefined;
  const rows = pending.rows.splice(0);
  const write = withoutWaitingForDisk(db, (tx) => tx.insert(apiRequests).values(rows)).then(
    () => undefined,
    (error: unknown) => pending.logger.warn({ err: error, calls: rows.length }, 'could not record API calls'),
  );
  pending.writing = write;
  try {
    await write;
  } finally {
    if (pending.writing === write) pending.writing = undefined;
  }
}

export const ApiRequestQuery = PageQuery.extend({
  status: z.coerce.number().int().min(100).max(599).optional(),
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']).optional(),
  q: z.string().trim().max(100).optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
});
export type ApiRequestQuery = z.input<typeof ApiRequestQuery>;

/** The actor's own recent API calls, newest first unless asked otherwise; `q` searches the route. */
export async function listApiRequests(
  deps: ServiceDeps,
  actor: Actor,
  query: ApiRequestQuery,
): Promise<Page<typeof apiRequests.$inferSelect>> {
  const q = parseOrThrow(ApiRequestQuery, query);
  await flushApiRequestLog(deps.db);
  const after = decodeCursor(q.cursor);
  const conditions = [eq(apiRequests.userId, actor.id)];
  if (q.status) conditions.push(eq(apiRequests.status, q.status));
  if (q.method) conditions.push(eq(apiRequests.method, q.method));
  if (q.q) conditions.push(ilike(apiRequests.route, containsPattern(q.q)));
  const isNewestFirst = q.order === 'newest';
  const beyond = isNewestFirst ? lt : gt;
  if (after) {
    const at = new Date(String(after.key));
    conditions.push(
      or(
        beyond(apiRequests.createdAt, at),
        and(eq(apiRequests.createdAt, at), beyond(apiRequests.id, after.id)),
      )!,
    );
  }
  const direction = isNewestFirst ? desc : asc;
  const rows = await deps.db
    .select()
    .from(apiRequests)
    .where(and(...conditions))
    .orderBy(direction(apiRequests.createdAt), direction(apiRequests.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({ key: r.createdAt.toISOString(), id: r.id }));
}
