import { addDays, listDates } from '../../domain/local-date.ts';
import { percentOf } from '../../domain/percent.ts';
import type { Report } from '../../domain/report.ts';
import {
  barChart,
  COLORS,
  CONTENT_WIDTH,
  ensureSpace,
  formatDate,
  formatMinutes,
  formatShortDate,
  PAGE,
  pdfText,
  sectionTitle,
  table,
} from './pdf-drawing.ts';

/** An insight as the PDF shows it. */
export type PdfInsight = { title: string; message: string; recommendation: string };

export type ReportPdfInput = {
  report: Report;
  insights: readonly PdfInsight[];
  /** When it was made, shown in the footer line under the title. */
  generatedAt: Date;
};

const REASON_WORDS: Record<string, string> = {
  meeting: 'Meeting',
  message: 'Message',
  colleague: 'Colleague',
  urgent: 'Urgent',
  own_idea: 'Own idea',
  break: 'Break',
  other: 'Other',
};
const TYPE_WORDS: Record<string, string> = { none: 'No main task' };

/** completed of planned, rounded as every percentage is; a dash when nothing was planned. */
const completionPercent = ({ completed, planned }: Report['sessions']) =>
  planned === 0 ? '–' : `${percentOf(completed, planned)}%`;
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).replace(/[-_]/g, ' ');

/**
 * A PDF made in-process with pdfkit (A4, the standard fonts): `draw` lays out its pages; the file
 * is yielded in chunks as pdfkit writes it.
 */
export async function* renderPdf(
  info: { title: string; generatedAt: Date },
  draw: (doc: PDFKit.PDFDocument) => void,
): AsyncGenerator<Uint8Array> {
  // pdfkit takes ~0.2 s to import: loaded with the first PDF, not at start-up.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    info: { Title: info.title, Author: 'Deepsheet', CreationDate: info.generatedAt },
  });
  draw(doc);
  doc.end();
  for await (const chunk of doc as AsyncIterable<Buffer>) yield chunk;
}

/**
 * A report for a week, a month or any range as a PDF: the key numbers, focus per day as a bar
 * chart, focus by project and task type, interruptions by reason and the insights.
 */
export function renderReportPdf(input: ReportPdfInput): AsyncGenerator<Uint8Array> {
  const { report } = input;
  return renderPdf(
    { title: `Deepsheet report ${report.range.from} to ${report.range.to}`, generatedAt: input.generatedAt },
    (doc) => {
      reportHeader(doc, 'Deepsheet report', report.range, input.generatedAt);
      keyNumbers(doc, report);
      focusPerDay(doc, report);
      focusByProject(doc, report.byProject);
      focusByTaskType(doc, report.byTaskType);
      switches(doc, report.switches);
      insights(doc, input.insights);
    },
  );
}

/** The title, the range with its length, and when the file was made. */
export function reportHeader(
  doc: PDFKit.PDFDocument,
  title: string,
  range: Report['range'],
  generatedAt: Date,
): void {
  doc.font('Helvetica-Bold').fontSize(22).fillColor(COLORS.text).text(pdfText(title));
  doc.moveDown(0.2);
  const days = range.days === 1 ? '1 day' : `${range.days} days`;
  doc
    .font('Helvetica')
    .fontSize(12)
    .fillColor(COLORS.text)
    .text(`${formatDate(range.from)} – ${formatDate(range.to)} · ${days}`);
  doc
    .fontSize(9)
    .fillColor(COLORS.muted)
    .text(`Made ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
}

function keyNumbers(doc: PDFKit.PDFDocument, report: Report): void {
  sectionTitle(doc, 'Key numbers');
  const { sessions, focus, streaks } = report;
  const cells: [string, string][] = [
    ['Sessions planned', String(sessions.planned)],
    ['Completed', String(sessions.completed)],
    ['Skipped', String(sessions.skipped)],
    ['Completion rate', completionPercent(sessions)],
    ['Focus, personal', formatMinutes(focus.personalMinutes)],
    ['Focus, admin', formatMinutes(focus.adminMinutes)],
    ['Focus in total', formatMinutes(focus.focusMinutes)],
    ['Focused days', String(focus.focusedDays)],
    ['Current streak', `${streaks.current.length} ${streaks.current.length === 1 ? 'day' : 'days'}`],
    ['Longest streak in range', `${streaks.longestInRange} ${streaks.longestInRange === 1 ? 'day' : 'days'}`],
  ];
  numberGrid(doc, cells);
}

/** Labelled figures, four to a row. */
export function numberGrid(doc: PDFKit.PDFDocument, cells: readonly [label: string, value: string][]): void {
  const columns = 4;
  const width = CONTENT_WIDTH / columns;
  for (let i = 0; i < cells.length; i += columns) {
    ensureSpace(doc, 40);
    const y = doc.y;
    cells.slice(i, i + columns).forEach(([label, value], j) => {
      const x = PAGE.margin + j * width;
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(COLORS.muted)
        .text(label, x, y, { width: width - 8 });
      doc
        .font('Helvetica-Bold')
        .fontSize(15)
        .fillColor(COLORS.text)
        .text(value, x, y + 11, { width: width - 8 });
    });
    doc.y = y + 36;
  }
}

/** One bar a day; past about two months, one bar a week so bars stay readable. */
export function focusPerDay(doc: PDFKit.PDFDocument, report: Pick<Report, 'byDay' | 'range'>): void {
  const byWeek = report.byDay.length > 62;
  sectionTitle(doc, byWeek ? 'Focus per week' : 'Focus per day');
  const bars = byWeek
    ? listDates(report.range.from, Math.ceil(report.byDay.length / 7)).map((_, i) => {
        const week = report.byDay.slice(i * 7, i * 7 + 7);
        return {
          label: formatShortDate(addDays(report.range.from, i * 7)),
          value: sum(week.map((d) => d.focusMinutes)),
        };
      })
    : report.byDay.map((d) => ({ label: formatShortDate(d.date), value: d.focusMinutes }));
  barChart(doc, bars);
  doc.x = PAGE.margin;
}

export function focusByProject(doc: PDFKit.PDFDocument, byProject: Report['byProject']): void {
  sectionTitle(doc, 'Focus by project');
  if (byProject.length === 0) {
    quiet(doc, 'No completed sessions in this range.');
    return;
  }
  table(
    doc,
    ['Project', 'Sessions', 'Focus'],
    byProject.map((p) => [
      p.name ?? (p.projectId ? 'A removed project' : 'No project'),
      String(p.sessions),
      formatMinutes(p.focusMinutes),
    ]),
    [80, 100],
  );
}

export function focusByTaskType(doc: PDFKit.PDFDocument, byTaskType: Report['byTaskType']): void {
  sectionTitle(doc, 'Focus by task type');
  const rows = byTaskType.filter((t) => t.sessions > 0);
  if (rows.length === 0) {
    quiet(doc, 'No completed sessions in this range.');
    return;
  }
  table(
    doc,
    ['Task type', 'Sessions', 'Focus'],
    rows.map((t) => [
      TYPE_WORDS[t.type] ?? capital(t.type),
      String(t.sessions),
      formatMinutes(t.focusMinutes),
    ]),
    [80, 100],
  );
}

export function switches(doc: PDFKit.PDFDocument, report: Report['switches']): void {
  sectionTitle(doc, 'Interruptions by reason');
  const { total, perFocusHour, byReason } = report;
  const rate = perFocusHour === null ? '' : ` · ${perFocusHour.toFixed(1)} per focus hour`;
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(COLORS.text)
    .text(`${total} in total${rate}`, PAGE.margin, doc.y);
  doc.moveDown(0.5);
  const rows = byReason.filter((r) => r.count > 0);
  if (rows.length > 0)
    table(
      doc,
      ['Reason', 'Count'],
      rows.map((r) => [REASON_WORDS[r.reason] ?? capital(r.reason), String(r.count)]),
      [80],
    );
}

function insights(doc: PDFKit.PDFDocument, list: readonly PdfInsight[]): void {
  sectionTitle(doc, 'Insights');
  if (list.length === 0) {
    quiet(doc, 'Nothing stands out yet. Insights appear as your history grows.');
    return;
  }
  for (const insight of list) {
    ensureSpace(doc, 70);
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor(COLORS.text)
      .text(pdfText(insight.title), PAGE.margin, doc.y, { width: CONTENT_WIDTH });
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(COLORS.text)
      .text(pdfText(insight.message), { width: CONTENT_WIDTH });
    doc.fillColor(COLORS.accent).text(pdfText(insight.recommendation), { width: CONTENT_WIDTH });
    doc.moveDown(0.8);
  }
}

/** A muted line, where a section has nothing to show. */
export function quiet(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('Helvetica').fontSize(10).fillColor(COLORS.muted).text(text, PAGE.margin, doc.y);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
