import { aliasedTable, and, asc, count, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import { type FocusSessionRow, focusSessions, sessionTasks, tasks } from '../../db/schema/index.ts';
import { keysetBatches } from '../../db/stores/keyset.ts';
import { sessionsAfter } from '../../db/stores/session-store.ts';
import { taskAccess } from '../../db/stores/work-access.ts';
import { type ExportValue, iso, labelOf, type ResolvedRange, type TableSource } from './table-source.ts';

function sessionRange(range: ResolvedRange): (SQL | undefined)[] {
  return [
    range.from ? gte(focusSessions.localDate, range.from) : undefined,
    range.to ? lte(focusSessions.localDate, range.to) : undefined,
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

/** Stored sessions by day and slot, with their main task. */
export const sessionSource: TableSource = {
  columns: SESSION_COLUMNS,
  batches(deps, actor, range, batchSize) {
    return keysetBatches(
      batchSize,
      async (after: { date: string; slot: number } | undefined) => {
        const rows = await deps.db
          .select({ session: focusSessions, mainId: mainTask.id, mainTitle: mainTask.title })
          .from(focusSessions)
          .leftJoin(
            sessionTasks,
            and(eq(sessionTasks.sessionId, focusSessions.id), eq(sessionTasks.role, 'main')),
          )
          .leftJoin(
            mainTask,
            and(eq(mainTask.id, sessionTasks.taskId), taskAccess(actor.id, 'read', sql.raw('main_task'))),
          )
          .where(and(eq(focusSessions.userId, actor.id), ...sessionRange(range), sessionsAfter(after)))
          .orderBy(asc(focusSessions.localDate), asc(focusSessions.slot))
          .limit(batchSize);
        return rows;
      },
      (r) => ({ date: r.session.localDate, slot: r.session.slot }),
      (r) => sessionRecord(r.session, { id: r.mainId, title: r.mainTitle }),
    );
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
