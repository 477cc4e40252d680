import type { Report } from '../../domain/report.ts';
import { csvRow } from './csv.ts';

type Row = [section: string, item: string, value: number | string | null, unit: string];

/**
 * A report as one tidy CSV table (section, item, value, unit): the key numbers, then focus per
 * day, per project, per task type and per local hour, interruptions by reason and outcomes. One
 * shape for every part, so a spreadsheet can filter or pivot it.
 */
export function reportCsv(report: Report): string {
  const { sessions, focus, streaks, switches } = report;
  const rows: Row[] = [
    ['range', 'from', report.range.from, 'date'],
    ['range', 'to', report.range.to, 'date'],
    ['range', 'days', report.range.days, 'days'],
    ['sessions', 'planned', sessions.planned, 'count'],
    ['sessions', 'completed', sessions.completed, 'count'],
    ['sessions', 'skipped', sessions.skipped, 'count'],
    ['sessions', 'personalCompleted', sessions.personalCompleted, 'count'],
    ['sessions', 'adminCompleted', sessions.adminCompleted, 'count'],
    ['sessions', 'completionRate', sessions.completionRate, 'ratio'],
    ['focus', 'total', focus.focusMinutes, 'minutes'],
    ['focus', 'personal', focus.personalMinutes, 'minutes'],
    ['focus', 'admin', focus.adminMinutes, 'minutes'],
    ['focus', 'overtime', focus.overtimeMinutes, 'minutes'],
    ['focus', 'focusedDays', focus.focusedDays, 'days'],
    ['streak', 'current', streaks.current.length, 'days'],
    ['streak', 'longestInRange', streaks.longestInRange, 'days'],
    ['switches', 'total', switches.total, 'count'],
    ['switches', 'perFocusHour', switches.perFocusHour, 'per-hour'],
    ...report.byDay.map((d): Row => ['focusByDay', d.date, d.focusMinutes, 'minutes']),
    ...report.byProject.map(
      (p): Row => ['focusByProject', p.name ?? 'No project', p.focusMinutes, 'minutes'],
    ),
    ...report.byTaskType.map((t): Row => ['focusByTaskType', t.type, t.focusMinutes, 'minutes']),
    ...report.byHour.map(
      (h): Row => ['focusByHour', String(h.hour).padStart(2, '0'), h.focusMinutes, 'minutes'],
    ),
    ...switches.byReason.map((r): Row => ['switchesByReason', r.reason, r.count, 'count']),
    ...Object.entries(report.outcomes).map(([outcome, n]): Row => ['outcomes', outcome, n, 'count']),
  ];
  return csvRow(['section', 'item', 'value', 'unit']) + rows.map((r) => csvRow(r)).join('');
}
