import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client.ts';
import { focusSessions, projects, sessionTasks, tasks, type UserRow } from '../db/schema/index.ts';
import {
  lockSessionForChange,
  recordSessionChange,
  saveSession,
  sessionFromRow,
} from '../db/stores/session-store.ts';
import { assertTaskId, type TeamTaskRow } from '../db/stores/task-store.ts';
import { taskAccess } from '../db/stores/work-access.ts';
import { AppError } from '../domain/errors.ts';
import { LocalDateField, MAX_GOAL_LENGTH } from '../domain/fields.ts';
import { SessionTaskLinkInput } from '../domain/inputs/session-work.ts';
import { compareLocalDates, type LocalDate, localDateOf } from '../domain/local-date.ts';
import type { SessionTaskRole } from '../domain/work-values.ts';
import { resolveSessionId } from './change-session.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { getUser } from './preferences.ts';
import { reachTask } from './reach-work.ts';
import { announceTeamTask } from './tasks/team-task-events.ts';

const PlanOptions = z.object({ date: LocalDateField.optional() });

/**
 * Links one of the actor's tasks to one of their sessions (storing an untouched day first). A new
 * main task demotes the previous main one to supporting; linking again only changes the role.
 * Tells the person's devices. Throws 'not_found' (session or task) and 'validation' (role).
 */
export async function linkTaskToSession(
  deps: ServiceDeps,
  actor: Actor,
  sessionId: string,
  taskId: string,
  role: SessionTaskRole,
): Promise<void> {
  const ref = resolveSessionId(actor, sessionId);
  const parsedRole = parseOrThrow(SessionTaskLinkInput, { role }).role;
  const user = await getUser(deps, actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { task } = await reachTask(tx, actor, taskId, 'tasks.write');
    const session = await lockSessionForChange(tx, user, ref.date, ref.slot, now);
    await linkTask(tx, user.id, session.id, task.id, parsedRole);
    await recordSessionChange(tx, user.id, session.id, now, { touchesMainTask: true });
  });
}

/** Removes a task from one of the actor's sessions. Throws 'not_found' when it was not linked. */
export async function unlinkTaskFromSession(
  deps: ServiceDeps,
  actor: Actor,
  sessionId: string,
  taskId: string,
): Promise<void> {
  // Throws unless the id is the actor's; a valid id is already canonical, so it is used as is.
  resolveSessionId(actor, sessionId);
  // Any task the person once linked, reachable or not: unlinking touches only their own rows.
  assertTaskId(taskId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .delete(sessionTasks)
      .where(
        and(
          eq(sessionTasks.sessionId, sessionId),
          eq(sessionTasks.taskId, taskId),
          eq(sessionTasks.userId, actor.id),
        ),
      )
      .returning({ taskId: sessionTasks.taskId });
    if (rows.length === 0) throw new AppError('not_found', 'That task is not linked to this session.');
    await recordSessionChange(tx, actor.id, sessionId, now, { touchesMainTask: true });
  });
}

/**
 * The tasks of one of the actor's sessions they may still reach (a team's task leaves with the
 * team), the main one first. Throws 'not_found'.
 */
export async function tasksOfSession(
  deps: ServiceDeps,
  actor: Actor,
  sessionId: string,
): Promise<{ task: TeamTaskRow; role: SessionTaskRole }[]> {
  resolveSessionId(actor, sessionId);
  const rows = await deps.db
    .select({ task: tasks, teamId: projects.teamId, role: sessionTasks.role })
    .from(sessionTasks)
    .innerJoin(tasks, eq(tasks.id, sessionTasks.taskId))
    .leftJoin(projects, eq(projects.id, tasks.projectId))
    .where(
      and(
        eq(sessionTasks.sessionId, sessionId),
        eq(sessionTasks.userId, actor.id),
        taskAccess(actor.id, 'read'),
      ),
    )
    .orderBy(
      asc(sql`case ${sessionTasks.role} when 'main' then 0 else 1 end`),
      asc(tasks.title),
      asc(tasks.id),
    );
  return rows.map((row) => ({ task: { ...row.task, teamId: row.teamId }, role: row.role }));
}

/**
 * Plans a task into the next free slot of a day (default today in the person's zone): the Admin
 * slot for an admin task, else the first of Personal 1..3 that is planned with an empty goal and no
 * main task. The goal becomes the task's title (a goal revision, like an edit), the task becomes its
 * main task, and a 'todo' task becomes 'doing'. Throws 'not_found', 'validation', 'session.not_today'
 * for a past day and 'conflict' when no slot is free.
 */
export async function planTaskIntoSlot(
  deps: ServiceDeps,
  actor: Actor,
  taskId: string,
  options: { date?: LocalDate },
): Promise<{ sessionId: string; date: LocalDate; slot: number }> {
  const { date: requested } = parseOrThrow(PlanOptions, options);
  const user = await getUser(deps, actor);
  const now = deps.clock.now();
  const today = localDateOf(now, user.timeZone);
  const date = requested ?? today;
  if (compareLocalDates(date, today) < 0) {
    throw new AppError('session.not_today', 'That day has passed; plan today or a day ahead.', {
      details: { date, today, relation: 'past', action: 'plan' },
    });
  }
  return deps.db.transaction(async (tx) => {
    const { task, teamId } = await reachTask(tx, actor, taskId, 'tasks.write');
    const slot = await findFreeSlot(tx, user, date, task.type === 'admin' ? [4] : [1, 2, 3], now);
    const current = await lockSessionForChange(tx, user, date, slot, now);
    const goal = task.title.slice(0, MAX_GOAL_LENGTH);
    await saveSession(tx, user.id, { ...current, goal, goalRevision: current.goalRevision + 1 }, now);
    await linkTask(tx, user.id, current.id, task.id, 'main');
    if (task.status === 'todo') {
      await tx.update(tasks).set({ status: 'doing', updatedAt: now }).where(eq(tasks.id, task.id));
      await announceTeamTask(tx, teamId, task.id, 'updated', now);
    }
    await recordSessionChange(tx, user.id, current.id, now, { bump: false });
    return { sessionId: current.id, date, slot };
  });
}

async function linkTask(
  tx: Executor,
  userId: string,
  sessionId: string,
  taskId: string,
  role: SessionTaskRole,
) {
  if (role === 'main') {
    await tx
      .update(sessionTasks)
      .set({ role: 'supporting' })
      .where(
        and(
          eq(sessionTasks.userId, userId),
          eq(sessionTasks.sessionId, sessionId),
          eq(sessionTasks.role, 'main'),
          ne(sessionTasks.taskId, taskId),
        ),
      );
  }
  await tx
    .insert(sessionTasks)
    .values({ sessionId, taskId, role, userId })
    .onConflictDoUpdate({ target: [sessionTasks.sessionId, sessionTasks.taskId], set: { role } });
}

/** Locks the day's candidate slots (storing an untouched day) and returns the first free one. */
async function findFreeSlot(
  tx: Executor,
  user: UserRow,
  date: LocalDate,
  candidates: (1 | 2 | 3 | 4)[],
  now: Date,
): Promise<1 | 2 | 3 | 4> {
  await lockSessionForChange(tx, user, date, candidates[0]!, now);
  const rows = await tx
    .select()
    .from(focusSessions)
    .where(
      and(
        eq(focusSessions.userId, user.id),
        eq(focusSessions.localDate, date),
        inArray(focusSessions.slot, candidates),
      ),
    )
    .orderBy(asc(focusSessions.slot))
    .for('update');
  const withMain = await tx
    .select({ sessionId: sessionTasks.sessionId })
    .from(sessionTasks)
    .where(
      and(
        eq(sessionTasks.userId, user.id),
        inArray(
          sessionTasks.sessionId,
          rows.map((r) => r.id),
        ),
        eq(sessionTasks.role, 'main'),
      ),
    );
  const taken = new Set(withMain.map((r) => r.sessionId));
  const free = rows
    .map(sessionFromRow)
    .find((s) => s.state === 'planned' && s.goal === '' && !taken.has(s.id));
  if (!free) throw new AppError('conflict', 'No free slot on that day.', { details: { date } });
  return free.slot;
}
