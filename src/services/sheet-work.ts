import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/client.ts';
import type { ContextSwitchRow, ResourceRow } from '../db/schema/index.ts';
import { openStatesSql } from '../db/stores/session-store.ts';
import { taskAccess } from '../db/stores/work-access.ts';
import type { LocalDate } from '../domain/local-date.ts';

export type SessionWork = {
  tasks: { id: string; title: string; role: 'main' | 'supporting' }[];
  switches: ContextSwitchRow[];
  resources: ResourceRow[];
};

export type SheetWork = {
  /** Per shown session id; sessions without work are absent. */
  work: Map<string, SessionWork>;
  /** Open tasks a session can be linked to, most recently touched first (at most 200). */
  pickable: { id: string; title: string }[];
};

type Link = { sessionId: string; id: string; title: string; role: 'main' | 'supporting' };
type Switch = Omit<ContextSwitchRow, 'occurredAt'> & { occurredAt: string };
type Resource = Omit<ResourceRow, 'createdAt'> & { createdAt: string };
type WorkRow = { links: Link[]; switches: Switch[]; resources: Resource[]; pickable: SheetWork['pickable'] };

export const emptyWork = (): SessionWork => ({ tasks: [], switches: [], resources: [] });

/**
 * What the sheet shows around its sessions (linked tasks, interruptions and links of the sessions
 * of `date` and of open sessions elsewhere) and the tasks to pick from, in one statement: each
 * list is a JSON array built by the database, so a page costs one round trip here, not four.
 */
export async function loadSheetWork(db: Executor, userId: string, date: LocalDate): Promise<SheetWork> {
  const [row] = await queryRows<WorkRow>(
    db,
    sql`with shown as (
      select id from focus_sessions
      where user_id = ${userId} and (local_date = ${date} or state in (${openStatesSql}))
    )
    select
      (select coalesce(json_agg(json_build_object(
          'sessionId', st.session_id, 'id', t.id, 'title', t.title, 'role', st.role
        ) order by st.role, t.title), '[]'::json)
        from session_tasks st join tasks t on t.id = st.task_id
        where st.user_id = ${userId} and st.session_id in (select id from shown)
          and ${taskAccess(userId, 'read', sql.raw('t'))}) as links,
      (select coalesce(json_agg(json_build_object(
          'id', cs.id, 'userId', cs.user_id, 'sessionId', cs.session_id, 'occurredAt', cs.occurred_at,
          'reason', cs.reason, 'note', cs.note, 'fromTaskId', cs.from_task_id, 'toTaskId', cs.to_task_id
        ) order by cs.occurred_at), '[]'::json)
        from context_switches cs
        where cs.user_id = ${userId} and cs.session_id in (select id from shown)) as switches,
      (select coalesce(json_agg(json_build_object(
          'id', r.id, 'userId', r.user_id, 'taskId', r.task_id, 'sessionId', r.session_id, 'url', r.url,
          'title', r.title, 'kind', r.kind, 'createdAt', r.created_at
        ) order by r.created_at), '[]'::json)
        from resources r
        where r.user_id = ${userId} and r.session_id in (select id from shown)) as resources,
      (select coalesce(json_agg(json_build_object('id', p.id, 'title', p.title) order by p.status, p.title), '[]'::json)
        from (
          select id, title, status from tasks
          where ${taskAccess(userId, 'tasks.write')} and status in ('todo', 'doing')
          order by status, title limit 200
        ) p) as pickable`,
  );
  const work = new Map<string, SessionWork>();
  const of = (sessionId: string) => {
    const entry = work.get(sessionId) ?? emptyWork();
    work.set(sessionId, entry);
    return entry;
  };
  for (const link of row!.links)
    of(link.sessionId).tasks.push({ id: link.id, title: link.title, role: link.role });
  for (const s of row!.switches) of(s.sessionId).switches.push({ ...s, occurredAt: new Date(s.occurredAt) });
  for (const r of row!.resources)
    if (r.sessionId) of(r.sessionId).resources.push({ ...r, createdAt: new Date(r.createdAt) });
  return { work, pickable: row!.pickable };
}
