import { aliasedTable, and, asc, count, eq, sql } from 'drizzle-orm';
import { contextSwitches, focusSessions, projects, tasks } from '../../db/schema/index.ts';
import { taskAccess } from '../../db/stores/work-access.ts';
import {
  afterKey,
  byInstant,
  type ExportValue,
  instantRange,
  iso,
  labelOf,
  type TableSource,
} from './table-source.ts';

type TaskJoin = { task: typeof tasks.$inferSelect; project: string | null };

const TASK_COLUMNS = [
  'id',
  'title',
  'type',
  'priority',
  'status',
  'projectId',
  'project',
  'estimateSessions',
  'dueDate',
  'externalUrl',
  'externalId',
  'createdAt',
  'updatedAt',
  'description',
] as const;

function taskRecord({ task, project }: TaskJoin): Record<(typeof TASK_COLUMNS)[number], ExportValue> {
  return {
    id: task.id,
    title: task.title,
    type: task.type,
    priority: task.priority,
    status: task.status,
    projectId: task.projectId,
    project,
    estimateSessions: task.estimateSessions,
    dueDate: task.dueDate,
    externalUrl: task.externalUrl,
    externalId: task.externalId,
    createdAt: iso(task.createdAt),
    updatedAt: iso(task.updatedAt),
    description: task.description,
  };
}

/** The tasks the person may reach (their own and their teams'), by creation, with their project by name. */
export const taskSource: TableSource = {
  columns: TASK_COLUMNS,
  batches: byInstant<TaskJoin & { id: string }>(
    (r) => r.task.createdAt,
    async (deps, actor, range, after, limit) => {
      const rows = await deps.db
        .select({ task: tasks, project: projects.name })
        .from(tasks)
        .leftJoin(projects, eq(projects.id, tasks.projectId))
        .where(
          and(
            taskAccess(actor.id, 'read'),
            ...instantRange(tasks.createdAt, range),
            afterKey(tasks.createdAt, tasks.id, after),
          ),
        )
        .orderBy(asc(tasks.createdAt), asc(tasks.id))
        .limit(limit);
      return rows.map((r) => ({ ...r, id: r.task.id }));
    },
    taskRecord,
  ),
  async count(deps, actor, range) {
    const [row] = await deps.db
      .select({ n: count() })
      .from(tasks)
      .where(and(taskAccess(actor.id, 'read'), ...instantRange(tasks.createdAt, range)));
    return row?.n ?? 0;
  },
};

const fromTask = aliasedTable(tasks, 'from_task');
const toTask = aliasedTable(tasks, 'to_task');
type SwitchJoin = {
  id: string;
  row: typeof contextSwitches.$inferSelect;
  date: string;
  slot: number;
  fromTitle: string | null;
  toTitle: string | null;
};

const SWITCH_COLUMNS = [
  'id',
  'occurredAt',
  'date',
  'sessionId',
  'session',
  'reason',
  'fromTaskId',
  'fromTask',
  'toTaskId',
  'toTask',
  'note',
] as const;

function switchRecord(s: SwitchJoin): Record<(typeof SWITCH_COLUMNS)[number], ExportValue> {
  return {
    id: s.row.id,
    occurredAt: iso(s.row.occurredAt),
    date: s.date,
    sessionId: s.row.sessionId,
    session: labelOf(s.slot),
    reason: s.row.reason,
    fromTaskId: s.row.fromTaskId,
    fromTask: s.fromTitle,
    toTaskId: s.row.toTaskId,
    toTask: s.toTitle,
    note: s.row.note,
  };
}

/** Interruptions as they happened, with their session and tasks. */
export const switchSource: TableSource = {
  columns: SWITCH_COLUMNS,
  batches: byInstant<SwitchJoin>(
    (r) => r.row.occurredAt,
    async (deps, actor, range, after, limit) => {
      const rows = await deps.db
        .select({
          row: contextSwitches,
          date: focusSessions.localDate,
          slot: focusSessions.slot,
          fromTitle: fromTask.title,
          toTitle: toTask.title,
        })
        .from(contextSwitches)
        .innerJoin(focusSessions, eq(focusSessions.id, contextSwitches.sessionId))
        // A team's task is named while the person may still reach it.
        .leftJoin(
          fromTask,
          and(
            eq(fromTask.id, contextSwitches.fromTaskId),
            taskAccess(actor.id, 'read', sql.raw('from_task')),
          ),
        )
        .leftJoin(
          toTask,
          and(eq(toTask.id, contextSwitches.toTaskId), taskAccess(actor.id, 'read', sql.raw('to_task'))),
        )
        .where(
          and(
            eq(contextSwitches.userId, actor.id),
            ...instantRange(contextSwitches.occurredAt, range),
            afterKey(contextSwitches.occurredAt, contextSwitches.id, after),
          ),
        )
        .orderBy(asc(contextSwitches.occurredAt), asc(contextSwitches.id))
        .limit(limit);
      return rows.map((r) => ({ ...r, id: r.row.id }));
    },
    switchRecord,
  ),
  async count(deps, actor, range) {
    const [row] = await deps.db
      .select({ n: count() })
      .from(contextSwitches)
      .where(and(eq(contextSwitches.userId, actor.id), ...instantRange(contextSwitches.occurredAt, range)));
    return row?.n ?? 0;
  },
};
