import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { type InsightRow, insights, users } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import { insightsUpdated } from '../domain/events.ts';
import {
  compareInsights,
  computeInsights,
  DAILY_RULES,
  type Evidence,
  type Insight,
} from '../domain/insights/index.ts';
import { localDateOf, startOfWeek } from '../domain/local-date.ts';
import { recordEvent } from '../realtime/events.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { loadInsightInput } from './insight-history.ts';
import { getUser } from './preferences.ts';

/** A stored insight with its evidence typed as the domain made it. */
export type StoredInsight = Omit<InsightRow, 'evidence'> & { evidence: Evidence[] };

const keyOf = (i: { rule: string; periodKey: string }) => `${i.rule}\u0000${i.periodKey}`;

/**
 * Recomputes a person's insights from their bounded history window and, in one transaction,
 * makes the undismissed ones equal to the fresh set: new ones are added, changed ones updated,
 * ones no longer found (or of a past period) removed. A dismissed row is never touched, so its
 * insight does not return for that period. Records 'insights.updated' only when what the person
 * sees changed. Idempotent; a person who no longer exists is a no-op.
 */
export async function recomputeInsights(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  userId: string,
): Promise<{ changed: boolean; visible: number }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // One recompute per person at a time: two racing ones would each see the other's rows as stale.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`insights:${userId}`}, 0))`);
    const user = (await tx.select().from(users).where(eq(users.id, userId)))[0];
    if (!user) return { changed: false, visible: 0 };
    const fresh = computeInsights(await loadInsightInput(tx, user, now));
    const existing = await tx.select().from(insights).where(eq(insights.userId, userId));
    const dismissed = new Set(existing.filter((r) => r.dismissedAt !== null).map(keyOf));
    const shown = new Map(existing.filter((r) => r.dismissedAt === null).map((r) => [keyOf(r), r]));
    const wanted = fresh.filter((i) => !dismissed.has(keyOf(i)));
    const wantedKeys = new Set(wanted.map(keyOf));
    const changed = wanted.filter((i) => !isSameInsight(shown.get(keyOf(i)), i));
    const stale = [...shown.values()].filter((r) => !wantedKeys.has(keyOf(r)));
    if (stale.length > 0) {
      await tx.delete(insights).where(
        and(
          eq(insights.userId, userId),
          inArray(
            insights.id,
            stale.map((r) => r.id),
          ),
          isNull(insights.dismissedAt),
        ),
      );
    }
    if (changed.length > 0) await upsertInsights(tx, userId, changed, now);
    const hasChanged = stale.length > 0 || changed.length > 0;
    if (hasChanged) {
      await recordEvent(tx, { userId, at: now, event: insightsUpdated({ count: wanted.length }) });
    }
    return { changed: hasChanged, visible: wanted.length };
  });
}

/** Insert or update by (user, rule, period); the `where` keeps a row dismissed meanwhile as it is. */
async function upsertInsights(tx: Tx, userId: string, list: readonly Insight[], now: Date): Promise<void> {
  await tx
    .insert(insights)
    .values(list.map((i) => ({ userId, ...i, computedAt: now })))
    .onConflictDoUpdate({
      target: [insights.userId, insights.rule, insights.periodKey],
      set: {
        severity: sql`excluded.severity`,
        title: sql`excluded.title`,
        message: sql`excluded.message`,
        recommendation: sql`excluded.recommendation`,
        evidence: sql`excluded.evidence`,
        computedAt: sql`excluded.computed_at`,
      },
      setWhere: isNull(insights.dismissedAt),
    });
}

function isSameInsight(row: InsightRow | undefined, fresh: Insight): boolean {
  return (
    row !== undefined &&
    row.severity === fresh.severity &&
    row.title === fresh.title &&
    row.message === fresh.message &&
    row.recommendation === fresh.recommendation &&
    evidenceSignature(row.evidence) === evidenceSignature(fresh.evidence)
  );
}

/** jsonb keeps object keys in its own order, so compare evidence field by field. */
function evidenceSignature(evidence: unknown): string {
  if (!Array.isArray(evidence)) return '';
  return JSON.stringify((evidence as Evidence[]).map((e) => [e.key, e.label, e.value, e.unit]));
}

/**
 * The actor's current, undismissed insights (this week's, and today's for daily rules), warnings
 * first. Insights of past periods stay stored but are not current.
 */
export async function listInsights(deps: ServiceDeps, actor: Actor): Promise<StoredInsight[]> {
  const user = await getUser(deps, actor);
  const today = localDateOf(deps.clock.now(), user.timeZone);
  const weekStart = startOfWeek(today, user.weekStart);
  const daily = [...DAILY_RULES];
  const rows = await deps.db
    .select()
    .from(insights)
    .where(
      and(
        eq(insights.userId, actor.id),
        isNull(insights.dismissedAt),
        or(
          and(inArray(insights.rule, daily), eq(insights.periodKey, today)),
          and(...daily.map((rule) => ne(insights.rule, rule)), eq(insights.periodKey, weekStart)),
        ),
      ),
    );
  return rows.map(asStored).sort(compareInsights);
}

/**
 * Dismisses one of the actor's insights; it stays dismissed for its period, whatever later
 * recomputes find. Dismissing twice is fine. Tells the person's other pages. Throws 'not_found'
 * for an id that is not theirs (or not an id).
 */
export async function dismissInsight(deps: ServiceDeps, actor: Actor, id: string): Promise<StoredInsight> {
  if (!z.uuid().safeParse(id).success) throw insightNotFound();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(insights)
      .set({ dismissedAt: now })
      .where(and(eq(insights.id, id), eq(insights.userId, actor.id), isNull(insights.dismissedAt)))
      .returning();
    if (updated[0]) {
      await recordEvent(tx, {
        userId: actor.id,
        at: now,
        event: insightsUpdated({ dismissedId: id }),
      });
      return asStored(updated[0]);
    }
    const already = await tx
      .select()
      .from(insights)
      .where(and(eq(insights.id, id), eq(insights.userId, actor.id)));
    if (!already[0]) throw insightNotFound();
    return asStored(already[0]);
  });
}

function asStored(row: InsightRow): StoredInsight {
  return { ...row, evidence: Array.isArray(row.evidence) ? (row.evidence as Evidence[]) : [] };
}

function insightNotFound(): AppError {
  return new AppError('not_found', 'That insight does not exist.');
}
