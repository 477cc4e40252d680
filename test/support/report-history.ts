import type { InferInsertModel } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { contextSwitches, focusSessions, projects, sessionTasks, tasks } from '../../src/db/schema/index.ts';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import { addDays, dayOfWeek, type LocalDate, startOfLocalDay } from '../../src/domain/local-date.ts';
import type { SlotNumber } from '../../src/domain/sheet.ts';
import type { SwitchReason } from '../../src/domain/work-values.ts';

type Row = InferInsertModel<typeof focusSessions>;

export type SlotPlan =
  | { state: 'planned' | 'skipped' }
  | {
      state: 'completed';
      minutes: number;
      /** Local wall-clock start, 'HH:MM' on the session's day; absent for a session logged afterwards. */
      at?: string;
      outcome?: 'done' | 'progressed' | 'blocked' | 'nothing';
      mainTaskId?: string;
      switches?: SwitchReason[];
    };

/** Rows of one stored day: all four slots, as the database requires, planned unless `plans` says otherwise. */
function dayRows(
  userId: string,
  timeZone: string,
  date: LocalDate,
  plans: Partial<Record<SlotNumber, SlotPlan>>,
) {
  const sessions: Row[] = [];
  const links: InferInsertModel<typeof sessionTasks>[] = [];
  const switches: InferInsertModel<typeof contextSwitches>[] = [];
  const midnight = startOfLocalDay(date, timeZone).getTime();
  for (const slot of [1, 2, 3, 4] as SlotNumber[]) {
    const plan = plans[slot] ?? { state: 'planned' as const };
    const id = sessionIdFor(userId, date, slot);
    const base = {
      id,
      userId,
      localDate: date,
      slot,
      plannedMinutes: 45,
      version: 3,
      updatedAt: new Date(midnight),
    };
    if (plan.state !== 'completed') {
      sessions.push({
        ...base,
        state: plan.state,
        endedAt: plan.state === 'skipped' ? new Date(midnight) : null,
      });
      continue;
    }
    const [h, m] = (plan.at ?? '12:00').split(':').map(Number) as [number, number];
    const started = new Date(midnight + (h * 60 + m) * 60_000);
    const ended = new Date(started.getTime() + plan.minutes * 60_000);
    sessions.push({
      ...base,
      state: 'completed',
      accumulatedMs: plan.minutes * 60_000,
      startedAt: plan.at ? started : null,
      endedAt: ended,
      focusSeconds: plan.minutes * 60,
      overtimeSeconds: Math.max(0, plan.minutes - 45) * 60,
      loggedAfterwards: !plan.at,
      outcome: plan.outcome ?? null,
    });
    if (plan.mainTaskId) links.push({ sessionId: id, taskId: plan.mainTaskId, role: 'main', userId });
    for (const [n, reason] of (plan.switches ?? []).entries()) {
      switches.push({
        userId,
        sessionId: id,
        reason,
        occurredAt: new Date(started.getTime() + (n + 1) * 60_000),
      });
    }
  }
  return { sessions, links, switches };
}

/** Writes days of history straight into the database; each day in one transaction (four slots at commit). */
export async function insertDays(
  db: Db,
  user: { id: string; timeZone: string },
  days: { date: LocalDate; plans: Partial<Record<SlotNumber, SlotPlan>> }[],
): Promise<void> {
  for (const { date, plans } of days) {
    const rows = dayRows(user.id, user.timeZone, date, plans);
    await db.transaction(async (tx) => {
      await tx.insert(focusSessions).values(rows.sessions);
      if (rows.links.length > 0) await tx.insert(sessionTasks).values(rows.links);
      if (rows.switches.length > 0) await tx.insert(contextSwitches).values(rows.switches);
    });
  }
}

/** A project with one task of the given type; returns the task's id. */
export async function insertTask(
  db: Db,
  userId: string,
  names: { project: string; task: string; type: 'bug' | 'feature' | 'research' },
): Promise<string> {
  const now = new Date('2026-01-01T00:00:00Z');
  const [project] = await db
    .insert(projects)
    .values({ userId, name: names.project, createdAt: now, updatedAt: now })
    .returning();
  const [task] = await db
    .insert(tasks)
    .values({
      userId,
      projectId: project!.id,
      title: names.task,
      type: names.type,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return task!.id;
}

/**
 * A steady working pattern on weekdays from `from` to `to`: slot 1 at 09:00 for 45 minutes
 * ('done'); slot 2 at 11:00 for 60 minutes on Monday, Wednesday and Friday ('progressed', main
 * task `taskId`), skipped on Tuesday and Thursday; admin logged afterwards (30 minutes) on
 * Fridays. A meeting interrupts slot 1 on Mondays, a message slot 2 on Wednesdays. Weekends are
 * untouched (not stored).
 */
export function weekdayPattern(from: LocalDate, to: LocalDate, taskId: string) {
  const days: { date: LocalDate; plans: Partial<Record<SlotNumber, SlotPlan>> }[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const weekday = dayOfWeek(date);
    if (weekday === 0 || weekday === 6) continue;
    const isLongDay = weekday === 1 || weekday === 3 || weekday === 5;
    days.push({
      date,
      plans: {
        1: {
          state: 'completed',
          minutes: 45,
          at: '09:00',
          outcome: 'done',
          switches: weekday === 1 ? ['meeting'] : [],
        },
        2: isLongDay
          ? {
              state: 'completed',
              minutes: 60,
              at: '11:00',
              outcome: 'progressed',
              mainTaskId: taskId,
              switches: weekday === 3 ? ['message'] : [],
            }
          : { state: 'skipped' },
        ...(weekday === 5 ? { 4: { state: 'completed', minutes: 30 } as const } : {}),
      },
    });
  }
  return days;
}
