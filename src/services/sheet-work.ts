import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import {
  type ContextSwitchRow,
  contextSwitches,
  type ResourceRow,
  resources,
  sessionTasks,
  tasks,
} from '../db/schema/index.ts';

export type SessionWork = {
  tasks: { id: string; title: string; role: 'main' | 'supporting' }[];
  switches: ContextSwitchRow[];
  resources: ResourceRow[];
};

/**
 * What the sheet shows around its sessions: linked tasks, interruptions and links, for several
 * sessions in three queries (never one per slot).
 */
export async function loadSheetWork(
  db: Executor,
  userId: string,
  sessionIds: string[],
): Promise<Map<string, SessionWork>> {
  const result = new Map<string, SessionWork>(
    sessionIds.map((id) => [id, { tasks: [], switches: [], resources: [] }]),
  );
  if (sessionIds.length === 0) return result;
  const [links, switches, links2] = await Promise.all([
    db
      .select({
        sessionId: sessionTasks.sessionId,
        id: tasks.id,
        title: tasks.title,
        role: sessionTasks.role,
      })
      .from(sessionTasks)
      .innerJoin(tasks, eq(tasks.id, sessionTasks.taskId))
      .where(and(eq(sessionTasks.userId, userId), inArray(sessionTasks.sessionId, sessionIds)))
      .orderBy(asc(sessionTasks.role), asc(tasks.title)),
    db
      .select()
      .from(contextSwitches)
      .where(and(eq(contextSwitches.userId, userId), inArray(contextSwitches.sessionId, sessionIds)))
      .orderBy(asc(contextSwitches.occurredAt)),
    db
      .select()
      .from(resources)
      .where(and(eq(resources.userId, userId), inArray(resources.sessionId, sessionIds)))
      .orderBy(asc(resources.createdAt)),
  ]);
  for (const link of links)
    result.get(link.sessionId)?.tasks.push({ id: link.id, title: link.title, role: link.role });
  for (const s of switches) result.get(s.sessionId)?.switches.push(s);
  for (const r of links2) if (r.sessionId) result.get(r.sessionId)?.resources.push(r);
  return result;
}

/** Open tasks to pick from when linking a session, most recently touched first. */
export async function pickableTasks(db: Executor, userId: string): Promise<{ id: string; title: string }[]> {
  return db
    .select({ id: tasks.id, title: tasks.title })
    .from(tasks)
    .where(and(eq(tasks.userId, userId), inArray(tasks.status, ['todo', 'doing'])))
    .orderBy(asc(tasks.status), asc(tasks.title))
    .limit(200);
}
