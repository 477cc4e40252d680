import { and, between, eq, inArray } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { ReportRange } from '../../domain/report-periods.ts';
import type { TeamReportSession, TeamReportSwitch } from '../../domain/team-report.ts';
import type { Executor } from '../client.ts';
import {
  contextSwitches,
  focusSessions,
  projects,
  sessionTasks,
  tasks,
  teamMembers,
} from '../schema/index.ts';

// What a team report reads: the sessions of the range whose main task is in one of the team's
// projects, of people who are members now and share their focus with the team, and their
// interruptions. The membership condition is part of each statement, so a member removed or no
// longer sharing is left out by the database itself, whatever else the caller holds.

/**
 * Narrows a query from focus_sessions to the range's team sessions: their main task is in one of
 * the team's projects and their owner is a member who shares their focus. Written once for both
 * reads below.
 */
function onTeamTasks<T extends PgSelect>(query: T, teamId: string, range: ReportRange) {
  return query
    .innerJoin(
      teamMembers,
      and(
        eq(teamMembers.teamId, teamId),
        eq(teamMembers.userId, focusSessions.userId),
        eq(teamMembers.sharesFocus, true),
      ),
    )
    .innerJoin(
      sessionTasks,
      and(
        eq(sessionTasks.sessionId, focusSessions.id),
        eq(sessionTasks.userId, focusSessions.userId),
        eq(sessionTasks.role, 'main'),
      ),
    )
    .innerJoin(tasks, eq(tasks.id, sessionTasks.taskId))
    .innerJoin(projects, and(eq(projects.id, tasks.projectId), eq(projects.teamId, teamId)))
    .where(between(focusSessions.localDate, range.from, range.to));
}

/** Sessions of sharing members on the team's tasks, on their own local days in `range`. */
export async function teamReportSessions(
  db: Executor,
  teamId: string,
  range: ReportRange,
): Promise<TeamReportSession[]> {
  const query = db
    .select({
      id: focusSessions.id,
      userId: focusSessions.userId,
      localDate: focusSessions.localDate,
      kind: focusSessions.kind,
      state: focusSessions.state,
      focusSeconds: focusSessions.focusSeconds,
      taskId: tasks.id,
      title: tasks.title,
      type: tasks.type,
      projectId: projects.id,
      projectName: projects.name,
    })
    .from(focusSessions)
    .$dynamic();
  const rows = await onTeamTasks(query, teamId, range);
  return rows.map(({ taskId, title, type, projectId, projectName, ...session }) => ({
    ...session,
    mainTask: { taskId, title, type, projectId, projectName },
  }));
}

/** Interruptions of those sessions. */
export async function teamReportSwitches(
  db: Executor,
  teamId: string,
  range: ReportRange,
): Promise<TeamReportSwitch[]> {
  const sessionIds = onTeamTasks(
    db.select({ id: focusSessions.id }).from(focusSessions).$dynamic(),
    teamId,
    range,
  );
  return db
    .select({ sessionId: contextSwitches.sessionId, reason: contextSwitches.reason })
    .from(contextSwitches)
    .where(inArray(contextSwitches.sessionId, sessionIds));
}
