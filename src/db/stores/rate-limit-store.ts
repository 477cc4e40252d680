import { sql } from 'drizzle-orm';
import { type Db, queryRows, skipDiskWaitCondition } from '../client.ts';
import { rateLimits } from '../schema/index.ts';

export type RateRule = { limit: number; windowSeconds: number };
export type RateResult = { allowed: boolean; count: number; limit: number; retryAfterSeconds: number };

/**
 * Counts one hit against `key` in a fixed window kept in the database, so every instance shares
 * the count. Returns whether the hit is within the limit.
 */
export async function hitRateLimit(db: Db, key: string, rule: RateRule, now: Date): Promise<RateResult> {
  return (await hitRateLimits(db, [{ key, rule }], now))[0]!;
}

/**
 * Counts one hit against each key (distinct keys) in one statement: a single multi-row upsert, so
 * an API call pays one round trip and one commit for all its counters. On PostgreSQL the commit does
 * not wait for the disk (a crash may forget a fraction of a second of counts, which is harmless). Results
 * in the given order.
 */
export async function hitRateLimits(
  db: Db,
  hits: readonly { key: string; rule: RateRule }[],
  now: Date,
): Promise<RateResult[]> {
  // Rows are locked in key order, so two calls sharing keys can never wait on each other in a cycle.
  const sorted = [...hits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const floorOf = (rule: RateRule) => new Date(now.getTime() - rule.windowSeconds * 1000).toISOString();
  const floor = sql.join(
    [
      sql`case rate_limits.key`,
      ...sorted.map((h) => sql`when ${h.key} then ${floorOf(h.rule)}::timestamptz`),
      sql`end`,
    ],
    sql` `,
  );
  const rows = await queryRows<{ key: string; count: number; window_start: Date | string }>(
    db,
    sql`insert into rate_limits (key, window_start, count)
      select v.key, ${now.toISOString()}::timestamptz, 1
      from (values ${sql.join(
        sorted.map((h) => sql`(${h.key}::text)`),
        sql`, `,
      )}) as v(key)
      where ${skipDiskWaitCondition(db)}
      order by v.key
      on conflict (key) do update set
        count = case when rate_limits.window_start <= ${floor} then 1 else rate_limits.count + 1 end,
        window_start = case when rate_limits.window_start <= ${floor}
          then excluded.window_start else rate_limits.window_start end
      returning key, count, window_start`,
  );
  return hits.map(({ key, rule }) => {
    const row = rows.find((r) => r.key === key)!;
    const windowEnds = new Date(row.window_start).getTime() + rule.windowSeconds * 1000;
    return {
      allowed: row.count <= rule.limit,
      count: row.count,
      limit: rule.limit,
      retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)),
    };
  });
}

/** Reads a counter without counting a hit. */
export async function peekRateLimit(db: Db, key: string, rule: RateRule, now: Date): Promise<RateResult> {
  const rows = await db.select().from(rateLimits).where(sql`${rateLimits.key} = ${key}`);
  const row = rows[0];
  if (!row || row.windowStart.getTime() <= now.getTime() - rule.windowSeconds * 1000) {
    return { allowed: true, count: 0, limit: rule.limit, retryAfterSeconds: 0 };
  }
  const windowEnds = row.windowStart.getTime() + rule.windowSeconds * 1000;
  return {
    allowed: row.count < rule.limit,
    count: row.count,
    limit: rule.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)),
  };
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}
