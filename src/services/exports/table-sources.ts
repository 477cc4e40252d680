import { aliasedTable, and, asc, count, eq, gt, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import {
  contextSwitches,
  type FocusSessionRow,
  focusSessions,
  projects,
  sessionTasks,
  tasks,
} from '../../db/schema/index.ts';
import { addDays, startOfLocalDay } from '../../domain/local-date.ts';
import { SLOTS } from '../../domain/sheet.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import type { ExportRange, TableKind } from './export-range.ts';

/** A value as it leaves in a file: JSON keeps the type, CSV writes it as text. */
export type ExportValue = string | number | boolean | null;
export type ExportRecord = Record<string, ExportValue>;

/** One exportable table: its columns in file order and a reader that pages through it by key. */
export type TableSource = {
  columns: readonly string[];
  /** Yields the person's rows in batches of at most `batchSize`, in a stable order. */
  batches(
    deps: Pick<ServiceDeps, 'db'>,
    actor: Actor,
    range: ResolvedRange,
    batchSize: number,
  ): AsyncGenerator<ExportRecord[]>;
  /** How many rows the export will hold (for a job's progress). */
  count(deps: Pick<ServiceDeps, 'db'>, actor: Actor, range: ResolvedRange): Promise<number>;
};

/** A range with the person's time zone, so instants can be placed on their local days. */
export type ResolvedRange = ExportRange & { timeZone: string };

export const DEFAULT_BATCH_SIZE = 500;

const iso = (value: Date | null) => (value ? value.toISOString() : null);
const labelOf = (slot: number) => SLOTS.find((s) => s.slot === slot)?.label ?? `Slot ${slot}`;

function sessionRange(range: ResolvedRange): (SQL | undefined)[] {
  return [
    range.from ? gte(focusSessions.localDate, range.from) : undefined,
    range.to ? lte(focusSessions.localDate, range.to) : undefined,
  ];
}

function instantRange(
  column: typeof tasks.createdAt | typeof contextSwitches.occurredAt,
  range: ResolvedRange,
) {
  return [
    range.from ? gte(column, startOfLocalDay(range.from, range.timeZone)) : undefined,
    range.to ? lt(column, startOfLocalDay(addDays(range.to, 1), range.timeZone)) : undefined,
  ];
}

const mainTask = aliasedTable(tasks, 'main_task');

const SESSION_COLUMNS = [
  'id',
  'date',
  'slot',
  'label',
  'kind',
  'state',
  'goal',
  'plannedMinutes',
  'focusMinutes',
  'focusSeconds',
  'overtimeSeconds',
  'pauseCount',
  'startedAt',
  'endedAt',
  'loggedAfterwards',
  'flagged',
  'skipReason',
  'outcome',
  'outcomeNote',
  'mainTaskId',
  'mainTask',
  'notes',
] as const;

function sessionRecord(
  row: FocusSessionRow,
  main: { id: string | null; title: string | null },
): Record<(typeof SESSION_COLUMNS)[number], ExportValue> {
  return {
    id: row.id,
    date: row.localDate,
    slot: row.slot,
    label: labelOf(row.slot),
    kind: row.kind,
    state: row.state,
    goal: row.goal,
    plannedMinutes: row.plannedMinutes,
    focusMinutes: row.focusSeconds === null ? null : Math.round(row.focusSeconds / 60),
    focusSeconds: row.focusSeconds,
    overtimeSeconds: row.overtimeSeconds,
    pauseCount: row.pauseCount,
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    loggedAfterwards: row.loggedAfterwards,
    flagged: row.isFlagged,
    skipReason: row.skipReason,
    outcome: row.outcome,
    outcomeNote: row.outcomeNote,
    mainTaskId: main.id,
    mainTask: main.title,
    notes: row.notes,
  };
}

const sessions: TableSource = {
  columns: SESSION_COLUMNS,
  async *batches(deps, actor, range, batchSize) {
    let after: { date: string; slot: number } | undefined;
    for (;;) {
      const rows = await deps.db
        .select({ session: focusSessions, mainId: mainTask.id, mainTitle: mainTask.title })
        .from(focusSessions)
        .leftJoin(
          sessionTasks,
          and(eq(sessionTasks.sessionId, focusSessions.id), eq(sessionTasks.role, 'main')),
        )
        .leftJoin(mainTask, eq(mainTask.id, sessionTasks.taskId))
        .where(
          and(
            eq(focusSessions.userId, actor.id),
            ...sessionRange(range),
            after
              ? or(
                  gt(focusSessions.localDate, after.date),
                  and(eq(focusSessions.localDate, after.date), gt(focusSessions.slot, after.slot)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(focusSessions.localDate), asc(focusSessions.slot))
        .limit(batchSize);
      if (rows.length > 0)
        yield rows.map((r) => sessionRecord(r.session, { id: r.mainId, title: r.mainTitle }));
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) return;
      after = { date: last.session.localDate, slot: last.session.slot };
    }
  },
  async count(deps, actor, range) {
    const [row] = await deps.db
      .select({ n: count() })
      .from(focusSessions)
      .where(and(eq(focusSessions.userId, actor.id), ...sessionRange(range)));
    return row?.n ?? 0;
  },
};

/** Pages through a table ordered by (timestamp, id), the way every list of the API does. */
function byInstant<Row extends { id: string }>(
  at: (row: Row) => Date,
  read: (
    deps: Pick<ServiceDeps, 'db'>,
    actor: Actor,
    range: ResolvedRange,
    after: { at: Date; id: string } | undefined,
    limit: number,
  ) => Promise<Row[]>,
  record: (row: Row) => ExportRecord,
): TableSource['batches'] {
  return async function* (deps, actor, range, batchSize) {
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const rows = await read(deps, actor, range, after, batchSize);
      if (rows.length > 0) yield rows.map(record);
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) return;
      after = { at: at(last), id: last.id };
    }
  };
}

function afterKey(
  column: typeof tasks.createdAt | typeof contextSwitches.occurredAt,
  id: typeof tasks.id | typeof contextSwitches.id,
  after?: { at: Date; id: string },
) {
  return after ? or(gt(column, after.at), and(eq(column, after.at), gt(id, after.id))) : undefined;
}

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

const taskSource: TableSource = {
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
            eq(tasks.userId, actor.id),
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
      .where(and(eq(tasks.userId, actor.id), ...instantRange(tasks.createdAt, range)));
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

const switchSource: TableSource = {
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
        .leftJoin(fromTask, eq(fromTask.id, contextSwitches.fromTaskId))
        .leftJoin(toTask, eq(toTask.id, contextSwitches.toTaskId))
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

export const TABLE_SOURCES: Record<TableKind, TableSource> = {
  sessions,
  tasks: taskSource,
  'context-switches': switchSource,
};
