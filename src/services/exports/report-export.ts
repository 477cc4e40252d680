import type { FocusSplit, Report } from '../../domain/report.ts';
import type { ReportRange } from '../../domain/report-periods.ts';
import { csvRow } from './csv.ts';

/** One row of a tidy report table; a team report's file has the same columns. */
export type ReportCsvRow = [section: string, item: string, value: number | string | null, unit: string];
type Row = ReportCsvRow;

/** The range a report covers, as its first rows. */
export function rangeRows(range: ReportRange): Row[] {
  return [
    ['range', 'from', range.from, 'date'],
    ['range', 'to', range.to, 'date'],
    ['range', 'days', range.days, 'days'],
  ];
}

/** Sessions planned (up to today), completed and skipped. */
export function sessionCountRows(
  sessions: Pick<Report['sessions'], 'planned' | 'completed' | 'skipped'>,
): Row[] {
  return [
    ['sessions', 'planned', sessions.planned, 'count'],
    ['sessions', 'completed', sessions.completed, 'count'],
    ['sessions', 'skipped', sessions.skipped, 'count'],
  ];
}

/** Focus in total and by slot kind. */
export function focusSplitRows(focus: FocusSplit): Row[] {
  return [
    ['focus', 'total', focus.focusMinutes, 'minutes'],
    ['focus', 'personal', focus.personalMinutes, 'minutes'],
    ['focus', 'admin', focus.adminMinutes, 'minutes'],
  ];
}

export function switchTotalRows(switches: Report['switches']): Row[] {
  return [
    ['switches', 'total', switches.total, 'count'],
    ['switches', 'perFocusHour', switches.perFocusHour, 'per-hour'],
  ];
}

/** Focus per day, project and task type; a project without a name is 'No project'. */
export function breakdownRows(report: Pick<Report, 'byDay' | 'byProject' | 'byTaskType'>): Row[] {
  return [
    ...report.byDay.map((d): Row => ['focusByDay', d.date, d.focusMinutes, 'minutes']),
    ...report.byProject.map(
      (p): Row => ['focusByProject', p.name ?? 'No project', p.focusMinutes, 'minutes'],
    ),
    ...report.byTaskType.map((t): Row => ['focusByTaskType', t.type, t.focusMinutes, 'minutes']),
  ];
}

export function switchReasonRows(switches: Report['switches']): Row[] {
  return switches.byReason.map((r): Row => ['switchesByReason', r.reason, r.count, 'count']);
}

/** The rows under their header, as CSV (text cells made safe by csvRow). */
export function tidyCsv(rows: readonly Row[]): string {
  return csvRow(['section', 'item', 'value', 'unit']) + rows.map((r) => csvRow(r)).join('');
}

/**
 * A report as one tidy CSV table (section, item, value, unit): the key numbers, then focus per
 * day, per project, per task type and per local hour, interruptions by reason and outcomes. One
 * shape for every part, so a spreadsheet can filter or pivot it.
 */
export function reportCsv(report: Report): string {
  const { sessions, focus, streaks, switches } = report;
  const rows: Row[] = [
    ...rangeRows(report.range),
    ...sessionCountRows(sessions),
    ['sessions', 'personalCompleted', sessions.personalCompleted, 'count'],
    ['sessions', 'adminCompleted', sessions.adminCompleted, 'count'],
    ['sessions', 'completionRate', sessions.completionRate, 'ratio'],
    ...focusSplitRows(focus),
    ['focus', 'overtime', focus.overtimeMinutes, 'minutes'],
    ['focus', 'focusedDays', focus.focusedDays, 'days'],
    ['streak', 'current', streaks.current.length, 'days'],
    ['streak', 'longestInRange', streaks.longestInRange, 'days'],
    ...switchTotalRows(switches),
    ...breakdownRows(report),
    ...report.byHour.map(
      (h): Row => ['focusByHour', String(h.hour).padStart(2, '0'), h.focusMinutes, 'minutes'],
    ),
    ...switchReasonRows(switches),
    ...Object.entries(report.outcomes).map(([outcome, n]): Row => ['outcomes', outcome, n, 'count']),
  ];
  return tidyCsv(rows);
}
