import type { TeamReport } from '../../domain/team-report.ts';
import {
  breakdownRows,
  focusSplitRows,
  type ReportCsvRow,
  rangeRows,
  sessionCountRows,
  switchReasonRows,
  switchTotalRows,
  tidyCsv,
} from './report-export.ts';

/**
 * A team report as the same tidy CSV table as a personal one (section, item, value, unit): the
 * range, sessions, focus and interruptions, focus per day, team project, task type and task,
 * interruptions by reason, then three rows per sharing member (focus, completed, interruptions),
 * named by address, and the count of members who do not share.
 */
export function teamReportCsv(report: TeamReport): string {
  const rows: ReportCsvRow[] = [
    ...rangeRows(report.range),
    ...sessionCountRows(report.sessions),
    ...focusSplitRows(report.focus),
    ...switchTotalRows(report.switches),
    ...breakdownRows(report),
    ...report.byTask.map((t): ReportCsvRow => ['focusByTask', t.title, t.focusMinutes, 'minutes']),
    ...switchReasonRows(report.switches),
    ...report.members.flatMap((m): ReportCsvRow[] => [
      ['memberFocus', m.email, m.focusMinutes, 'minutes'],
      ['memberCompleted', m.email, m.completed, 'count'],
      ['memberSwitches', m.email, m.switches, 'count'],
    ]),
    ['members', 'notSharing', report.membersNotSharing, 'count'],
  ];
  return tidyCsv(rows);
}
