import { z } from '@hono/zod-openapi';
import { TASK_TYPES } from '../../domain/work-values.ts';
import type { TeamReportResult } from '../../services/teams/get-team-report.ts';
import {
  Count,
  FocusSplit,
  Minutes,
  ReportDay,
  ReportPeriodName,
  ReportRange,
  ReportSwitches,
} from './report-schemas.ts';
import { LocalDate } from './schemas.ts';

const TaskType = z.enum(TASK_TYPES);

export const TeamReport = z
  .object({
    team: z.object({ id: z.string(), name: z.string() }),
    period: ReportPeriodName,
    range: ReportRange,
    today: LocalDate.openapi({ description: 'Today in your time zone.' }),
    sessions: z
      .object({
        planned: Count.openapi({
          description: 'Sessions on the team’s tasks up to today (or already started), whatever their state.',
        }),
        completed: Count,
        skipped: Count,
      })
      .openapi({
        description:
          'Sessions whose main task is in one of the team’s projects, of members who share their focus with the team.',
      }),
    focus: z.object(FocusSplit),
    byDay: z.array(ReportDay),
    byProject: z.array(
      z.object({ projectId: z.string(), name: z.string(), focusMinutes: Minutes, sessions: Count }),
    ),
    byTaskType: z.array(z.object({ type: TaskType, focusMinutes: Minutes, sessions: Count })),
    byTask: z.array(
      z.object({
        taskId: z.string(),
        title: z.string(),
        type: TaskType,
        projectId: z.string(),
        projectName: z.string(),
        focusMinutes: Minutes,
        sessions: Count,
      }),
    ),
    switches: ReportSwitches,
    members: z
      .array(
        z.object({
          userId: z.string(),
          name: z.string(),
          email: z.string(),
          planned: Count,
          completed: Count,
          focusMinutes: Minutes,
          switches: Count,
        }),
      )
      .openapi({ description: 'One row per member who shares their focus, by name.' }),
    membersNotSharing: Count.openapi({
      description: 'Members who do not share their focus: counted, not named.',
    }),
  })
  .openapi('TeamReport');

/** The team report as it leaves the server: every field named. */
export function presentTeamReport({ team, period, report: r }: TeamReportResult): z.infer<typeof TeamReport> {
  return {
    team: { id: team.id, name: team.name },
    period,
    range: { from: r.range.from, to: r.range.to, days: r.range.days },
    today: r.today,
    sessions: { planned: r.sessions.planned, completed: r.sessions.completed, skipped: r.sessions.skipped },
    focus: {
      focusMinutes: r.focus.focusMinutes,
      personalMinutes: r.focus.personalMinutes,
      adminMinutes: r.focus.adminMinutes,
    },
    byDay: r.byDay,
    byProject: r.byProject,
    byTaskType: r.byTaskType,
    byTask: r.byTask,
    switches: r.switches,
    members: r.members.map((m) => ({
      userId: m.userId,
      name: m.name,
      email: m.email,
      planned: m.planned,
      completed: m.completed,
      focusMinutes: m.focusMinutes,
      switches: m.switches,
    })),
    membersNotSharing: r.membersNotSharing,
  };
}
