import { and, asc, eq, gt, isNotNull, or } from 'drizzle-orm';
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
import { localDateOf } from '../../domain/local-date.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { getUser } from '../preferences.ts';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION } from './archive-format.ts';
import type { ExportFile } from './encode.ts';
import { exportFileName } from './export-range.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock'>;
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
          .where(and(eq(projects.userId, userId), after ? gt(projects.id, after) : undefined))
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
            .where(and(eq(tasks.userId, userId), after ? gt(tasks.id, after) : undefined))
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
            .select()
            .from(contextSwitches)
            .where(and(eq(contextSwitches.userId, userId), after ? gt(contextSwitches.id, after) : undefined))
            .orderBy(asc(contextSwitches.id))
            .limit(BATCH)
        ).map(({ userId: _, ...row }) => row),
      ),
    ],
    [
      'resources',
      byId(async (after) =>
        (
          await db
            .select()
            .from(resources)
            .where(and(eq(resources.userId, userId), after ? gt(resources.id, after) : undefined))
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
