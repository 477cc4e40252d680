import type { TeamRow } from '../../db/schema/index.ts';
import { teamReportSessions, teamReportSwitches } from '../../db/stores/team-report-store.ts';
import { listMembers } from '../../db/stores/team-store.ts';
import { localDateOf } from '../../domain/local-date.ts';
import { type ReportPeriod, type ReportRequest, resolveReportRange } from '../../domain/report-periods.ts';
import { buildTeamReport, type TeamReport } from '../../domain/team-report.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { getUser } from '../preferences.ts';
import { authorizeTeam } from './team-access.ts';

export type TeamReportResult = {
  team: Pick<TeamRow, 'id' | 'name'>;
  period: ReportPeriod;
  report: TeamReport;
};

/**
 * Where a team's focus went over a range, asked as a personal report is (see ReportRequest; weeks
 * begin on the reader's first day of the week, today is theirs): sessions on the team's tasks of
 * the members who share their focus with it. Every role may read it. Read in one transaction that
 * holds the team (forShare), so a change of membership or sharing waits for it or comes first:
 * someone removed is refused at once, and a member who stopped sharing is never counted.
 * Throws 'not_found' for anyone outside the team, 'validation' for a bad range.
 */
export async function getTeamReport(
  deps: ServiceDeps,
  actor: Actor,
  teamId: string,
  request: ReportRequest,
): Promise<TeamReportResult> {
  const user = await getUser(deps, actor);
  return deps.db.transaction(async (tx) => {
    const { team } = await authorizeTeam(tx, actor, teamId, 'team.read', { forShare: true });
    const today = localDateOf(deps.clock.now(), user.timeZone);
    const { period, range } = resolveReportRange(request, today, user.weekStart);
    const members = await listMembers(tx, teamId);
    const sessions = await teamReportSessions(tx, teamId, range);
    const switches = await teamReportSwitches(tx, teamId, range);
    return {
      team: { id: team.id, name: team.name },
      period,
      report: buildTeamReport({ range, today, members, sessions, switches }),
    };
  });
}
