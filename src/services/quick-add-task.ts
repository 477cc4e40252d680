import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { projects, tasks } from '../db/schema/index.ts';
import type { TeamTaskRow } from '../db/stores/task-store.ts';
import { projectAccess } from '../db/stores/work-access.ts';
import { AppError } from '../domain/errors.ts';
import { localDateOf } from '../domain/local-date.ts';
import { type DateReader, parseQuickAdd, type QuickAddPreview } from '../domain/quick-add.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { getUser } from './preferences.ts';
import { reachProject } from './reach-work.ts';
import { announceTeamTask } from './tasks/team-task-events.ts';
import { queueTaskWebhook } from './webhooks/queue-task-webhook.ts';

const MAX_TEXT = 1000;
// chrono-node takes ~0.1 s to import: loaded with the first quick add, not at start-up.
let dateReader: Promise<DateReader> | undefined;
const MAX_TITLE = 255;
const MAX_PROJECT_NAME = 100;
// Line breaks and tabs are spaces to quick add; other control characters have no place in a title.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

/**
 * What a line of quick add would create, read against the actor's project names and today in their
 * time zone; nothing is saved. Throws 'validation' (fields.text) for an over-long line.
 */
export async function previewQuickAdd(
  deps: ServiceDeps,
  actor: Actor,
  text: string,
): Promise<QuickAddPreview> {
  if (typeof text !== 'string' || text.length > MAX_TEXT) {
    throw invalidText(`Keep the line under ${MAX_TEXT + 1} characters.`);
  }
  if (CONTROL.test(text)) throw invalidText('The line contains a character that cannot be saved.');
  const user = await getUser(deps, actor);
  // Its own projects and those of its teams where the person may add tasks.
  const names = await deps.db
    .select({ name: projects.name })
    .from(projects)
    .where(projectAccess(actor.id, 'tasks.write'));
  dateReader ??= import('chrono-node');
  return parseQuickAdd(text, {
    today: localDateOf(deps.clock.now(), user.timeZone),
    knownProjects: names.map((p) => p.name),
    dates: await dateReader,
  });
}

/**
 * Creates a task from one line of quick add, creating its project when the line names a new one.
 * Throws 'validation' (fields.text) when no title is left, or the title or project name is too long.
 */
export async function quickAddTask(
  deps: ServiceDeps,
  actor: Actor,
  text: string,
): Promise<{ task: TeamTaskRow; preview: QuickAddPreview }> {
  const preview = await previewQuickAdd(deps, actor, text);
  if (preview.title === '')
    throw invalidText('Say what the task is, e.g. "Fix login redirect #web tomorrow".');
  if (preview.title.length > MAX_TITLE)
    throw invalidText(`Keep the title under ${MAX_TITLE + 1} characters.`);
  if ((preview.projectName?.length ?? 0) > MAX_PROJECT_NAME) {
    throw invalidText(`Keep the project name under ${MAX_PROJECT_NAME + 1} characters.`);
  }
  const now = deps.clock.now();
  const task = await deps.db.transaction(async (tx) => {
    const project = preview.projectName
      ? await findOrCreateProject(tx, actor, preview.projectName, now)
      : { id: null, teamId: null };
    const projectId = project.id;
    const rows = await tx
      .insert(tasks)
      .values({
        userId: actor.id,
        projectId,
        title: preview.title,
        ...(preview.type ? { type: preview.type } : {}),
        ...(preview.priority ? { priority: preview.priority } : {}),
        dueDate: preview.dueDate,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await announceTeamTask(tx, project.teamId, rows[0]!.id, 'created', now);
    await queueTaskWebhook(tx, actor.id, 'task.created', rows[0]!, now);
    return { ...rows[0]!, teamId: project.teamId };
  });
  return { task, preview };
}

type NamedProject = { id: string; teamId: string | null };

/**
 * The project a line names: the person's own first, else one of their teams' where they may add
 * tasks, else a new personal one. Matches names case-insensitively, as the unique indexes do; a
 * concurrent creation is reused.
 */
async function findOrCreateProject(
  tx: Executor,
  actor: Actor,
  name: string,
  now: Date,
): Promise<NamedProject> {
  const named = eq(sql`lower(${projects.name})`, sql`lower(${name}::text)`);
  const existing = await tx
    .select({ id: projects.id, teamId: projects.teamId })
    .from(projects)
    .where(and(named, projectAccess(actor.id, 'tasks.write')))
    .orderBy(sql`${projects.teamId} is not null`, asc(projects.createdAt))
    .limit(1);
  if (existing[0]?.teamId) {
    // A team's project: reached again holding the team, as every write to a team's work is.
    const { project } = await reachProject(tx, actor, existing[0].id, 'tasks.write');
    return project;
  }
  if (existing[0]) return existing[0];
  const own = and(named, eq(projects.userId, actor.id), isNull(projects.teamId));
  await tx
    .insert(projects)
    .values({ userId: actor.id, name, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const created = await tx.select({ id: projects.id, teamId: projects.teamId }).from(projects).where(own);
  return created[0]!;
}

function invalidText(message: string): AppError {
  return new AppError('validation', message, { fields: { text: message } });
}
