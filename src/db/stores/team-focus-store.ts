import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { teamFocusChanged } from '../../domain/events.ts';
import type { BoardTask, BoardTimer } from '../../domain/team-focus.ts';
import type { TeamRole } from '../../domain/team-policy.ts';
import { OPEN_STATES } from '../../domain/timer.ts';
import { recordTeamEvent } from '../../realtime/events.ts';
import type { Executor } from '../client.ts';
import { focusSessions, projects, sessionTasks, tasks, teamMembers, teams, users } from '../schema/index.ts';

// Data access for the team focus board: its one read, and who hears of a member's focus.

/** One member as the board reads them; `session` and `teamTask` only for those who share. */
export type BoardMemberRow = {
  userId: string;
  email: string;
  role: TeamRole;
  sharesFocus: boolean;
  session: BoardTimer | null;
  teamTask: BoardTask | null;
};

/**
 * Every member of the team with, for those who share their focus, their open session's timer
 * (the running one first, else the latest paused one) and its main task when that task is in one
 * of this team's projects. One statement, so it is one snapshot; never a goal or a note.
 */
export async function loadFocusBoard(db: Executor, teamId: string): Promise<BoardMemberRow[]> {
  const open = db
    .select({
      id: focusSessions.id,
      state: focusSessions.state,
      plannedMinutes: focusSessions.plannedMinutes,
      extensionSeconds: focusSessions.extensionSeconds,
      accumulatedMs: focusSessions.accumulatedMs,
      activeSince: focusSessions.activeSince,
    })
    .from(focusSessions)
    .where(
      and(
        // Only a sharing member's sessions are read at all.
        sql`${teamMembers.sharesFocus}`,
        eq(focusSessions.userId, teamMembers.userId),
        inArray(focusSessions.state, [...OPEN_STATES]),
      ),
    )
    .orderBy(desc(sql`${focusSessions.state} = 'active'`), desc(focusSessions.updatedAt))
    .limit(1)
    .as('open_session');
  const mainTask = db
    .select({ id: tasks.id, title: tasks.title })
    .from(sessionTasks)
    .innerJoin(tasks, eq(tasks.id, sessionTasks.taskId))
    .innerJoin(projects, and(eq(projects.id, tasks.projectId), eq(projects.teamId, teamId)))
    .where(and(sql`${sessionTasks.sessionId} = ${open.id}`, eq(sessionTasks.role, 'main')))
    .as('main_task');
  const rows = await db
    .select({
      userId: teamMembers.userId,
      email: users.email,
      role: teamMembers.role,
      sharesFocus: teamMembers.sharesFocus,
      session: {
        id: open.id,
        state: open.state,
        plannedMinutes: open.plannedMinutes,
        extensionSeconds: open.extensionSeconds,
        accumulatedMs: open.accumulatedMs,
        activeSince: open.activeSince,
      },
      teamTask: { id: mainTask.id, title: mainTask.title },
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .leftJoinLateral(open, sql`true`)
    .leftJoinLateral(mainTask, sql`true`)
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(users.email));
  return rows.map((row) => {
    const { session, teamTask, ...member } = row;
    return {
      ...member,
      session: session ? timerOf(session) : null,
      teamTask: session && teamTask ? { id: teamTask.id, title: teamTask.title } : null,
    };
  });
}

function timerOf(row: BoardTimer & { id: string }): BoardTimer {
  return {
    state: row.state,
    plannedMinutes: row.plannedMinutes,
    extensionSeconds: row.extensionSeconds,
    accumulatedMs: row.accumulatedMs,
    activeSince: row.activeSince,
  };
}

/**
 * Tells every team the person shares their focus with that it changed, inside the caller's
 * transaction. Hot path (every timer action): for someone who shares with no team this is one
 * query. The teams are held for share, like other work on a team's data, so a removal waits for
 * this change or is seen by it: the event reaches exactly the members when it commits.
 */
export async function announceTeamFocus(tx: Executor, userId: string, now: Date): Promise<void> {
  const shared = await tx
    .select({ teamId: teams.id })
    .from(teams)
    .innerJoin(teamMembers, eq(teamMembers.teamId, teams.id))
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.sharesFocus, true)))
    .orderBy(asc(teams.id))
    .for('share', { of: teams });
  for (const { teamId } of shared) {
    await recordTeamEvent(tx, { teamId, event: teamFocusChanged({ teamId, userId }), at: now });
  }
}
