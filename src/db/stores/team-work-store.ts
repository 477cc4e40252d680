import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../client.ts';
import { projects, tasks, teamMembers } from '../schema/index.ts';

// What happens to a team's projects and tasks when the team, or one of its people, goes. A team's
// work is the team's whoever created it, so it is never set free to its creators: it is deleted,
// handed to the owner who asks, or (when a member leaves the instance) kept under an owner.

/** How many projects and tasks the team holds (for the confirmation that names them). */
export async function teamWorkCount(
  db: Executor,
  teamId: string,
): Promise<{ projects: number; tasks: number }> {
  const rows = await db
    .select({
      projects: sql<number>`count(*)`.mapWith(Number),
      tasks:
        sql<number>`coalesce(sum((select count(*) from ${tasks} t where t.project_id = ${projects}.id)), 0)`.mapWith(
          Number,
        ),
    })
    .from(projects)
    .where(eq(projects.teamId, teamId));
  return rows[0] ?? { projects: 0, tasks: 0 };
}

/** Deletes the team's projects and every task in them; returns the tasks' ids. */
export async function deleteTeamWork(db: Executor, teamId: string): Promise<string[]> {
  const teamProjects = db.select({ id: projects.id }).from(projects).where(eq(projects.teamId, teamId));
  const gone = await db
    .delete(tasks)
    .where(inArray(tasks.projectId, teamProjects))
    .returning({ id: tasks.id });
  await db.delete(projects).where(eq(projects.teamId, teamId));
  return gone.map((row) => row.id);
}

/**
 * Makes the team's projects and their tasks `userId`'s own. A project whose name they already use
 * gets the team's name after it (and a number if that is taken too), so nothing is refused.
 */
export async function moveTeamWorkTo(
  db: Executor,
  teamId: string,
  teamName: string,
  userId: string,
): Promise<void> {
  const taken = new Set(
    (
      await db
        .select({ name: projects.name })
        .from(projects)
        .where(and(eq(projects.userId, userId), isNull(projects.teamId)))
    ).map((row) => row.name.toLowerCase()),
  );
  const moving = await db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(eq(projects.teamId, teamId))
    .orderBy(asc(projects.createdAt), asc(projects.id));
  for (const project of moving) {
    const name = freeName(project.name, teamName, taken);
    taken.add(name.toLowerCase());
    await db.update(tasks).set({ userId }).where(eq(tasks.projectId, project.id));
    await db.update(projects).set({ teamId: null, userId, name }).where(eq(projects.id, project.id));
  }
}

const MAX_NAME = 100;

/**
 * The name itself, else with the team's name after it, else with a number too: the first one
 * free. The name, not the suffix, is shortened to fit, so every candidate differs.
 */
function freeName(name: string, teamName: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${teamName.slice(0, 40)}${n === 2 ? '' : ` ${n - 1}`})`;
    const candidate = `${name.slice(0, MAX_NAME - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Before a person's account goes: the team projects and team tasks they created stay with their
 * teams, kept under another owner of each team (the longest-standing one).
 */
export async function handTeamWorkOver(db: Executor, userId: string): Promise<void> {
  const heirs = await queryRows<{ team_id: string; heir: string | null }>(
    db,
    sql`
    select m.team_id, (select o.user_id from ${teamMembers} o
        where o.team_id = m.team_id and o.role = 'owner' and o.user_id <> ${userId}
        order by o.joined_at, o.user_id limit 1) as heir
    from ${teamMembers} m where m.user_id = ${userId}`,
  );
  for (const { team_id: teamId, heir } of heirs) {
    if (!heir) continue;
    const teamProjects = db.select({ id: projects.id }).from(projects).where(eq(projects.teamId, teamId));
    await db
      .update(tasks)
      .set({ userId: heir })
      .where(and(eq(tasks.userId, userId), inArray(tasks.projectId, teamProjects)));
    await db
      .update(projects)
      .set({ userId: heir })
      .where(and(eq(projects.teamId, teamId), eq(projects.userId, userId)));
  }
}
