import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { contextSwitches, focusSessions, sessionTasks } from '../db/schema/index.ts';
import type { Page } from '../db/stores/keyset.ts';
import { decodeSortCursor, pageBySortKeys, type SortKey, type SortKeyKind } from '../db/stores/keyset.ts';
import { type StoredSession, sessionFromRow } from '../db/stores/session-store.ts';
import { LocalDateField } from '../domain/fields.ts';
import { PageQuery } from '../domain/inputs/page-query.ts';
import { compareLocalDates, type LocalDate, localDateOf } from '../domain/local-date.ts';
import { SESSION_STATES } from '../domain/timer.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { getUser } from './preferences.ts';

export const SESSION_LIST_ORDERS = ['newest', 'oldest', 'focus', 'interruptions'] as const;

export const SessionListQuery = PageQuery.extend({
  from: LocalDateField.optional(),
  to: LocalDateField.optional(),
  /** Repeated (`state=a&state=b`), comma-separated (`state=a,b`) or both. */
  state: z.preprocess(
    (v) =>
      v === undefined
        ? v
        : [v].flat().flatMap((s) => (typeof s === 'string' ? s.split(',').filter((p) => p.trim()) : [s])),
    z
      .array(
        z
          .string()
          .trim()
          .pipe(z.enum(SESSION_STATES, { message: `Choose from ${SESSION_STATES.join(', ')}.` })),
      )
      .max(SESSION_STATES.length * 2, 'Name each state once.')
      .optional(),
  ),
  category: z.enum(['personal', 'admin'], { message: 'Choose personal or admin.' }).optional(),
  taskId: z.uuid({ message: 'Use the id of one of your tasks.' }).optional(),
  order: z
    .enum(SESSION_LIST_ORDERS, { message: `Choose one of ${SESSION_LIST_ORDERS.join(', ')}.` })
    .default('newest'),
}).refine((q) => !q.from || !q.to || compareLocalDates(q.from, q.to) <= 0, {
  path: ['to'],
  message: 'The range ends before it starts; put `to` on or after `from`.',
});
export type SessionListQuery = z.input<typeof SessionListQuery>;

export type SessionList = { page: Page<StoredSession>; today: LocalDate; now: Date };

/**
 * The actor's stored sessions, newest day and slot first unless ordered by oldest, by focus
 * (focusSeconds, none counting as 0) or by interruptions; filtered by local dates (inclusive),
 * states, kind and a task linked as main or supporting. A day is stored whole on its first change
 * and an untouched day not at all, so the list holds all four slots of every day that was touched
 * and nothing of the others. Another person's task id matches nothing. Every order pages stably:
 * the cursor holds its sort keys. Throws 'validation' for a bad filter or cursor.
 */
export async function listSessions(
  deps: ServiceDeps,
  actor: Actor,
  query: SessionListQuery,
): Promise<SessionList> {
  const q = parseOrThrow(SessionListQuery, query);
  const order = ORDERS[q.order];
  const after = decodeSortCursor(q.cursor, order.kinds);
  const user = await getUser(deps, actor);
  const conditions: (SQL | undefined)[] = [eq(focusSessions.userId, actor.id)];
  if (q.from) conditions.push(gte(focusSessions.localDate, q.from));
  if (q.to) conditions.push(lte(focusSessions.localDate, q.to));
  if (q.state?.length) conditions.push(inArray(focusSessions.state, q.state));
  if (q.category) conditions.push(eq(focusSessions.kind, q.category));
  if (q.taskId) {
    conditions.push(sql`exists (select 1 from ${sessionTasks} st where st.session_id = ${focusSessions}.id
      and st.task_id = ${q.taskId}::uuid and st.user_id = ${actor.id}::uuid)`);
  }
  if (after) conditions.push(order.after(after.keys, after.id));
  const rows = await deps.db
    .select({ session: focusSessions, interruptions: INTERRUPTIONS })
    .from(focusSessions)
    .where(and(...conditions))
    .orderBy(...order.by)
    .limit(q.limit + 1);
  const page = pageBySortKeys(rows.map(withId), q.limit, order.keysOf);
  const now = deps.clock.now();
  return {
    page: { items: page.items.map((r) => sessionFromRow(r.session)), nextCursor: page.nextCursor },
    today: localDateOf(now, user.timeZone),
    now,
  };
}

type Row = { id: string; session: typeof focusSessions.$inferSelect; interruptions: number };
const withId = (r: Omit<Row, 'id'>): Row => ({ ...r, id: r.session.id });

// Qualified by hand: drizzle writes a one-table query's columns unqualified, even in a subquery.
const INTERRUPTIONS = sql<number>`(select count(*) from ${contextSwitches} cs
  where cs.session_id = ${focusSessions}.id)`.mapWith(Number);
const FOCUS = sql<number>`coalesce(${focusSessions.focusSeconds}, 0)`;

type Order = {
  kinds: SortKeyKind[];
  by: SQL[];
  keysOf: (r: Row) => SortKey[];
  after: (keys: SortKey[], id: string) => SQL;
};
const before = (isNewest: boolean) => sql.raw(isNewest ? '<' : '>');
const byDay = (isNewest: boolean): Order => {
  const direction = isNewest ? desc : asc;
  return {
    kinds: ['date', 'int'],
    by: [direction(focusSessions.localDate), direction(focusSessions.slot), direction(focusSessions.id)],
    keysOf: (r) => [r.session.localDate, r.session.slot],
    after: ([d, s], id) =>
      sql`(${focusSessions.localDate}, ${focusSessions.slot}, ${focusSessions.id}) ${before(isNewest)} (${d}::date, ${s}::int, ${id}::uuid)`,
  };
};
/** Most first, then newest day and slot first: the sessions that stand out, latest among equals. */
const byCount = (count: SQL<number>, countOf: (r: Row) => number): Order => ({
  kinds: ['int', 'date', 'int'],
  by: [desc(count), desc(focusSessions.localDate), desc(focusSessions.slot), desc(focusSessions.id)],
  keysOf: (r) => [countOf(r), r.session.localDate, r.session.slot],
  after: ([c, d, s], id) =>
    sql`(${count}, ${focusSessions.localDate}, ${focusSessions.slot}, ${focusSessions.id}) < (${c}::int, ${d}::date, ${s}::int, ${id}::uuid)`,
});
const ORDERS: Record<(typeof SESSION_LIST_ORDERS)[number], Order> = {
  newest: byDay(true),
  oldest: byDay(false),
  focus: byCount(FOCUS, (r) => r.session.focusSeconds ?? 0),
  interruptions: byCount(INTERRUPTIONS, (r) => r.interruptions),
};
