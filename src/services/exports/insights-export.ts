import type { LocalDate } from '../../domain/local-date.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { listInsights } from '../insights.ts';
import { chunksOf, type ExportFile, encodeRecords } from './encode.ts';
import { CONTENT_TYPES, exportFileName } from './export-range.ts';
import type { PdfInsight } from './report-pdf.ts';
import type { ExportRecord } from './table-source.ts';

type Evidence = { label?: unknown; value?: unknown; unit?: unknown };
const COLUMNS = [
  'rule',
  'period',
  'severity',
  'title',
  'message',
  'recommendation',
  'evidence',
  'computedAt',
] as const;

/** "Interruptions this week: 12; Focus this week: 300 minutes" */
function evidenceText(evidence: unknown): string {
  if (!Array.isArray(evidence)) return '';
  return (evidence as Evidence[])
    .map(
      (e) =>
        `${String(e.label ?? '')}: ${String(e.value ?? '')}${e.unit && e.unit !== 'count' ? ` ${String(e.unit)}` : ''}`,
    )
    .join('; ');
}

/** The actor's current insights (listInsights) as CSV (evidence in one readable cell) or JSON (evidence as its numbers). */
export async function openInsightsExport(
  deps: ServiceDeps,
  actor: Actor,
  format: 'csv' | 'json',
  today: LocalDate,
): Promise<ExportFile> {
  const rows = await listInsights(deps, actor);
  const fileName = exportFileName('insights', format, {}, today);
  if (format === 'json') {
    const items = rows.map((r) => ({
      rule: r.rule,
      period: r.periodKey,
      severity: r.severity,
      title: r.title,
      message: r.message,
      recommendation: r.recommendation,
      evidence: r.evidence,
      computedAt: r.computedAt.toISOString(),
    }));
    return {
      fileName,
      contentType: CONTENT_TYPES.json,
      chunks: chunksOf(`${JSON.stringify(items, null, 1)}\n`),
    };
  }
  const records: ExportRecord[] = rows.map((r) => ({
    rule: r.rule,
    period: r.periodKey,
    severity: r.severity,
    title: r.title,
    message: r.message,
    recommendation: r.recommendation,
    evidence: evidenceText(r.evidence),
    computedAt: r.computedAt.toISOString(),
  }));
  return {
    fileName,
    contentType: CONTENT_TYPES.csv,
    chunks: encodeRecords('csv', COLUMNS, oneBatch(records)),
  };
}

/** The insights a PDF report lists. */
export async function pdfInsightsFor(deps: ServiceDeps, actor: Actor): Promise<PdfInsight[]> {
  return (await listInsights(deps, actor)).map((r) => ({
    title: r.title,
    message: r.message,
    recommendation: r.recommendation,
  }));
}

async function* oneBatch(records: ExportRecord[]): AsyncGenerator<ExportRecord[]> {
  yield records;
}
