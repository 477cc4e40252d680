import { and, asc, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import {
  contextSwitches,
  focusSessions,
  insights,
  projects,
  resources,
  sessionTasks,
  tasks,
} from '../../db/schema/index.ts';
import { keysetBatches } from '../../db/stores/keyset.ts';
import { sessionsAfter } from '../../db/stores/session-store.ts';
import { isPersonalTask } from '../../db/stores/work-access.ts';
import { localDateOf } from '../../domain/local-date.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { getUser } from '../preferences.ts';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION } from './archive-format.ts';
import type { ExportFile } from './encode.ts';
import { exportFileName } from './export-range.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock'>;

// The archive holds the person's own work: a team's projects and tasks are the team's, whoever
// created them, and stay out of it (with the links and resources that point at them).
const personalTaskIds = (userId: string) =>
  sql`(select pt.id from ${tasks} pt where pt.user_id = ${userId} and ${isPersonalTask(sql.raw('pt'))})`;
const BATCH = 500;

/** Pages through rows ordered by one unique text key (a uuid), `BATCH` at a time. */
function pages<Row>(read: (after: string | undefined) => Promise<Row[]>, keyOf: (row: Row) => string) {
  return keysetBatches(BATCH, read, keyOf, (row) => row);
}

function sessionBatches(deps: Deps, userId: string) {
  return keysetBatches(
    BATCH,
    (after: { date: string; slot: number } | undefined) =>
      deps.db
        .select()
        .from(focusSessions)
        .where(and(eq(focusSessions.userId, userId), sessionsAfter(after)))
        .orderBy(asc(focusSessions.localDate), asc(focusSessions.slot))
        .limit(BATCH),
    (last) => ({ date: last.localDate, slot: last.slot }),
    ({ userId: _, kind: __, localDate, ...row }) => ({ ...row, date: localDate }),
  );
}

/** Every section of the archive after the profile: its key and its rows, batch by batch. */
function sections(deps: Deps, userId: string): [string, AsyncIterable<object[]>][] {
  const { db } = deps;
  const byId = <T extends { id: string }>(read: (after: string | undefined) => Promise<T[]>) =>
    pages(read, (r) => r.id);
  return [
    [
      'projects',
      byId((after) =>
        db
          .select({
            id: projects.id,
            name: projects.name,
            color: projects.color,
            description: projects.description,
            status: projects.status,
            createdAt: projects.createdAt,
            updatedAt: projects.updatedAt,
          })
          .from(projects)
          .where(
            and(
              eq(projects.userId, userId),
              isNull(projects.teamId),
              after ? gt(projects.id, after) : undefined,
            ),
          )
          .orderBy(asc(projects.id))
          .limit(BATCH),
      ),
    ],
    [
      'tasks',
      byId(async (after) =>
        (
          await db
            .select()
            .from(tasks)
            .where(and(eq(tasks.userId, userId), isPersonalTask(), after ? gt(tasks.id, after) : undefined))
            .orderBy(asc(tasks.id))
            .limit(BATCH)
        ).map(({ userId: _, ...task }) => task),
      ),
    ],
    ['sessions', sessionBatches(deps, userId)],
    [
      'sessionTasks',
      pages(
        (after) =>
          db
            .select({
              sessionId: sessionTasks.sessionId,
              taskId: sessionTasks.taskId,
              role: sessionTasks.role,
            })
            .from(sessionTasks)
            .where(
              and(
                eq(sessionTasks.userId, userId),
                inArray(sessionTasks.taskId, personalTaskIds(userId)),
                after
                  ? or(
                      gt(sessionTasks.sessionId, after.slice(0, 36)),
                      and(
                        eq(sessionTasks.sessionId, after.slice(0, 36)),
                        gt(sessionTasks.taskId, after.slice(37)),
                      ),
                    )
                  : undefined,
              ),
            )
            .orderBy(asc(sessionTasks.sessionId), asc(sessionTasks.taskId))
            .limit(BATCH),
        (r) => `${r.sessionId}/${r.taskId}`,
      ),
    ],
    [
      'contextSwitches',
      byId(async (after) =>
        (
          await db
            .select({
              row: contextSwitches,
              fromIsPersonal: sql<boolean>`${contextSwitches.fromTaskId} in ${personalTaskIds(userId)}`,
              toIsPersonal: sql<boolean>`${contextSwitches.toTaskId} in ${personalTaskIds(userId)}`,
            })
            .from(contextSwitches)
            .where(and(eq(contextSwitches.userId, userId), after ? gt(contextSwitches.id, after) : undefined))
            .orderBy(asc(contextSwitches.id))
            .limit(BATCH)
        ).map(({ row: { userId: _, ...row }, fromIsPersonal, toIsPersonal }) => ({
          ...row,
          // A team's task is the team's: the interruption stays, without the link to it.
          fromTaskId: fromIsPersonal ? row.fromTaskId : null,
          toTaskId: toIsPersonal ? row.toTaskId : null,
        })),
      ),
    ],
    [
      'resources',
      byId(async (after) =>
        (
          await db
            .select()
            .from(resources)
            .where(
              and(
                eq(resources.userId, userId),
                or(isNull(resources.taskId), inArray(resources.taskId, personalTaskIds(userId))),
                after ? gt(resources.id, after) : undefined,
              ),
            )
            .orderBy(asc(resources.id))
            .limit(BATCH)
        ).map(({ userId: _, ...row }) => row),
      ),
    ],
    [
      'insightDismissals',
      byId(async (after) =>
        (
          await db
            .select()
            .from(insights)
            .where(
              and(
                eq(insights.userId, userId),
                isNotNull(insights.dismissedAt),
                after ? gt(insights.id, after) : undefined,
              ),
            )
            .orderBy(asc(insights.id))
            .limit(BATCH)
        ).map(({ userId: _, ...row }) => row),
      ),
    ],
  ];
}

/**
 * The person's whole account as one JSON archive (see archive-format.ts), written section by
 * section in batches so a long history never sits in memory. `onSection` reports progress.
 */
export async function openAccountArchive(
  deps: Deps,
  actor: Actor,
  options: { onSection?: (done: number, total: number) => Promise<void> } = {},
): Promise<ExportFile> {
  const user = await getUser(deps, actor);
  const now = deps.clock.now();
  const header = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: now.toISOString(),
    profile: {
      email: user.email,
      timeZone: user.timeZone,
      sessionLengthMinutes: user.sessionLengthMinutes,
      weekStart: user.weekStart,
      theme: user.theme,
      weeklyFocusTargetMinutes: user.weeklyFocusTargetMinutes,
    },
  };
  const parts = sections(deps, user.id);
  async function* chunks() {
    yield JSON.stringify(header, null, 1).replace(/\n}$/, '');
    for (const [index, [key, batches]] of parts.entries()) {
      let isFirst = true;
      yield `,\n "${key}": [`;
      for await (const batch of batches) {
        yield `${isFirst ? '\n' : ',\n'}${batch.map((row) => `  ${JSON.stringify(row)}`).join(',\n')}`;
        isFirst = false;
      }
      yield isFirst ? ']' : '\n ]';
      await options.onSection?.(index + 1, parts.length);
    }
    yield '\n}\n';
  }
  return {
    fileName: exportFileName('account', 'json', {}, localDateOf(now, user.timeZone)),
    contentType: 'application/json; charset=utf-8',
    chunks: chunks(),
  };
}
