import { notSharingSentence, type TeamReport } from '../../domain/team-report.ts';
import { formatMinutes, sectionTitle, table } from './pdf-drawing.ts';
import {
  focusByProject,
  focusByTaskType,
  focusPerDay,
  numberGrid,
  quiet,
  renderPdf,
  reportHeader,
  switches,
} from './report-pdf.ts';

export type TeamReportPdfInput = {
  teamName: string;
  report: TeamReport;
  /** When it was made, shown under the title. */
  generatedAt: Date;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * A team report as a PDF: the key numbers, focus per day, focus by team project, task type and
 * task, interruptions by reason, and one line per member who shares their focus.
 */
export function renderTeamReportPdf(input: TeamReportPdfInput): AsyncGenerator<Uint8Array> {
  const { report } = input;
  return renderPdf(
    {
      title: `${input.teamName}: team report ${report.range.from} to ${report.range.to}`,
      generatedAt: input.generatedAt,
    },
    (doc) => {
      reportHeader(doc, `${input.teamName}: team report`, report.range, input.generatedAt);
      keyNumbers(doc, report);
      focusPerDay(doc, report);
      focusByProject(doc, report.byProject);
      focusByTaskType(doc, report.byTaskType);
      focusByTask(doc, report);
      switches(doc, report.switches);
      members(doc, report);
    },
  );
}

function keyNumbers(doc: PDFKit.PDFDocument, report: TeamReport): void {
  sectionTitle(doc, 'Key numbers');
  const { sessions, focus } = report;
  numberGrid(doc, [
    ['Team sessions planned', String(sessions.planned)],
    ['Completed', String(sessions.completed)],
    ['Skipped', String(sessions.skipped)],
    ['Interruptions', String(report.switches.total)],
    ['Focus, personal', formatMinutes(focus.personalMinutes)],
    ['Focus, admin', formatMinutes(focus.adminMinutes)],
    ['Focus in total', formatMinutes(focus.focusMinutes)],
    ['Members sharing focus', String(report.members.length)],
  ]);
}

function focusByTask(doc: PDFKit.PDFDocument, report: TeamReport): void {
  sectionTitle(doc, 'Focus by task');
  if (report.byTask.length === 0) {
    quiet(doc, 'No completed sessions in this range.');
    return;
  }
  table(
    doc,
    ['Task', 'Project', 'Sessions', 'Focus'],
    report.byTask.map((t) => [t.title, t.projectName, String(t.sessions), formatMinutes(t.focusMinutes)]),
    [140, 60, 80],
  );
}

function members(doc: PDFKit.PDFDocument, report: TeamReport): void {
  sectionTitle(doc, 'Members');
  if (report.members.length === 0) quiet(doc, 'Nobody shares their focus with the team yet.');
  else
    table(
      doc,
      ['Member', 'Completed', 'Interruptions', 'Focus'],
      report.members.map((m) => [
        m.email,
        plural(m.completed, 'session'),
        String(m.switches),
        formatMinutes(m.focusMinutes),
      ]),
      [80, 80, 80],
    );
  const sentence = notSharingSentence(report.membersNotSharing);
  if (sentence) {
    doc.moveDown(0.5);
    quiet(doc, sentence);
  }
}
