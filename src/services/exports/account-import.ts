import { randomUUID } from 'node:crypto';
import { and, count, eq, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  contextSwitches,
  focusSessions,
  insights,
  projects,
  resources,
  sessionTasks,
  tasks,
  users,
} from '../../db/schema/index.ts';
import { sessionIdFor } from '../../db/stores/session-ids.ts';
import { AppError } from '../../domain/errors.ts';
import type { SlotNumber } from '../../domain/sheet.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { queueInsightsRecompute } from '../queue-insights.ts';
import { problemsOfArchive } from './archive-checks.ts';
import { Archive } from './archive-format.ts';

export type ImportSummary = {
  projects: number;
  tasks: number;
  days: number;
  sessions: number;
  contextSwitches: number;
  resources: number;
};

const CHUNK = 500;
/** The largest archive an import takes (an upload or a request body). */
export const MAX_ARCHIVE_BYTES = 20 * 1024 * 1024;
const MAX_LISTED_PROBLEMS = 20;

/** Reads an uploaded file's text as JSON. Throws 'validation' when it is not JSON at all. */
export function parseArchiveText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('validation', 'That file is not a Deepsheet archive: it is not valid JSON.', {
      fields: { archive: 'Not valid JSON.' },
    });
  }
}

/** Checks a whole archive before anything is stored. Throws 'validation' listing what is wrong. */
export function parseArchive(value: unknown): Archive {
  const isArchive =
    typeof value === 'object' &&
    value !== null &&
    (value as { format?: unknown }).format === 'deepsheet-archive';
  if (!isArchive)
    throw new AppError('validation', 'That file is not a Deepsheet archive.', {
      fields: { format: "Expected format 'deepsheet-archive'." },
    });
  const parsed = Archive.safeParse(value);
  const problems: Record<string, string> = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues.slice(0, MAX_LISTED_PROBLEMS))
      problems[issue.path.join('.') || 'archive'] ??= issue.message;
  else Object.assign(problems, problemsOfArchive(parsed.data, MAX_LISTED_PROBLEMS));
  if (!parsed.success || Object.keys(problems).length > 0)
    throw new AppError('validation', 'The archive has problems; nothing was imported.', { fields: problems });
  return parsed.data;
}

/** True when the account holds nothing an import could clash with. */
async function isFreshAccount(db: Executor, userId: string): Promise<boolean> {
  const counts = await Promise.all([
    db.select({ n: count() }).from(projects).where(eq(projects.userId, userId)),
    db.select({ n: count() }).from(tasks).where(eq(tasks.userId, userId)),
    db.select({ n: count() }).from(contextSwitches).where(eq(contextSwitches.userId, userId)),
    db.select({ n: count() }).from(resources).where(eq(resources.userId, userId)),
    db
      .select({ n: count() })
      .from(focusSessions)
      .where(
        and(
          eq(focusSessions.userId, userId),
          or(ne(focusSessions.state, 'planned'), ne(focusSessions.goal, ''), ne(focusSessions.notes, '')),
        ),
      ),
  ]);
  return counts.every(([row]) => (row?.n ?? 0) === 0);
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Imports an archive into the actor's account, which must be fresh (no sessions with content, no
 * projects, tasks, interruptions or links): all or nothing, in one transaction, every row with a
 * new id and its references mapped. Session ids are derived for the new owner (ADR 0003); days
 * come whole, and an untouched stored day of the account is overwritten. Preferences follow the
 * archive. Throws 'validation' (listing problems) and 'conflict' for an account in use.
 */
export async function importAccountArchive(
  deps: ServiceDeps,
  actor: Actor,
  value: unknown,
): Promise<ImportSummary> {
  const archive = parseArchive(value);
  const now = deps.clock.now();
  const summary = await deps.db.transaction(async (tx) => {
    // Serialise imports into one account; the check below then sees the other's rows.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for('update');
    if (!(await isFreshAccount(tx, actor.id)))
      throw new AppError(
        'conflict',
        'An archive can only be imported into a fresh account. This one already has sessions, projects or tasks.',
      );
    const projectIds = new Map(archive.projects.map((p) => [p.id, randomUUID()]));
    const taskIds = new Map(archive.tasks.map((t) => [t.id, randomUUID()]));
    const sessionIds = new Map(
      archive.sessions.map((s) => [s.id, sessionIdFor(actor.id, s.date, s.slot as SlotNumber)]),
    );
    const mapped = <T>(map: Map<string, string>, id: T) => (id === null ? null : map.get(id as string)!);

    const { profile } = archive;
    await tx
      .update(users)
      .set({
        timeZone: profile.timeZone,
        sessionLengthMinutes: profile.sessionLengthMinutes,
        weekStart: profile.weekStart,
        theme: profile.theme,
        weeklyFocusTargetMinutes: profile.weeklyFocusTargetMinutes,
        updatedAt: now,
      })
      .where(eq(users.id, actor.id));
    await insertChunked(archive.projects, (chunk) =>
      tx.insert(projects).values(chunk.map((p) => ({ ...p, id: projectIds.get(p.id)!, userId: actor.id }))),
    );
    await insertChunked(archive.tasks, (chunk) =>
      tx.insert(tasks).values(
        chunk.map((t) => ({
          ...t,
          id: taskIds.get(t.id)!,
          projectId: mapped(projectIds, t.projectId),
          userId: actor.id,
        })),
      ),
    );
    await insertChunked(archive.sessions, (chunk) =>
      tx
        .insert(focusSessions)
        .values(
          chunk.map(({ date, slot, ...s }) => ({
            ...s,
            id: sessionIds.get(s.id)!,
            localDate: date,
            slot,
            userId: actor.id,
          })),
        )
        .onConflictDoUpdate({
          target: focusSessions.id,
          set: Object.fromEntries(
            SESSION_COLUMNS.map((c) => [c, sql.raw(`excluded.${focusSessions[c].name}`)]),
          ),
        }),
    );
    await insertChunked(archive.sessionTasks, (chunk) =>
      tx.insert(sessionTasks).values(
        chunk.map((l) => ({
          sessionId: sessionIds.get(l.sessionId)!,
          taskId: taskIds.get(l.taskId)!,
          role: l.role,
          userId: actor.id,
        })),
      ),
    );
    await insertChunked(archive.contextSwitches, (chunk) =>
      tx.insert(contextSwitches).values(
        chunk.map((s) => ({
          ...s,
          id: randomUUID(),
          sessionId: sessionIds.get(s.sessionId)!,
          fromTaskId: mapped(taskIds, s.fromTaskId),
          toTaskId: mapped(taskIds, s.toTaskId),
          userId: actor.id,
        })),
      ),
    );
    await insertChunked(archive.resources, (chunk) =>
      tx.insert(resources).values(
        chunk.map((r) => ({
          ...r,
          id: randomUUID(),
          taskId: mapped(taskIds, r.taskId),
          sessionId: mapped(sessionIds, r.sessionId),
          userId: actor.id,
        })),
      ),
    );
    await insertChunked(archive.insightDismissals, (chunk) =>
      tx
        .insert(insights)
        .values(chunk.map((i) => ({ ...i, evidence: i.evidence ?? {}, userId: actor.id })))
        .onConflictDoNothing(),
    );
    return {
      projects: archive.projects.length,
      tasks: archive.tasks.length,
      days: new Set(archive.sessions.map((s) => s.date)).size,
      sessions: archive.sessions.length,
      contextSwitches: archive.contextSwitches.length,
      resources: archive.resources.length,
    };
  });
  // The imported history has insights to find; pages opened elsewhere catch up on their next load.
  queueInsightsRecompute(deps, actor.id);
  return summary;
}

/** What an import writes over an untouched stored slot of the same day. */
const SESSION_COLUMNS = [
  'goal',
  'notes',
  'state',
  'plannedMinutes',
  'extensionSeconds',
  'accumulatedMs',
  'activeSince',
  'startedAt',
  'endedAt',
  'focusSeconds',
  'overtimeSeconds',
  'pauseCount',
  'firstPauseFocusSeconds',
  'isFlagged',
  'loggedAfterwards',
  'skipReason',
  'outcome',
  'outcomeNote',
  'updatedAt',
] as const;
