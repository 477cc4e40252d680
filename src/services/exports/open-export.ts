import { and, eq, min } from 'drizzle-orm';
import { focusSessions } from '../../db/schema/index.ts';
import { AppError } from '../../domain/errors.ts';
import { daysBetween, type LocalDate, localDateOf } from '../../domain/local-date.ts';
import { resolveReportRange } from '../../domain/report-periods.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { getUser } from '../preferences.ts';
import { reportFor } from '../reports.ts';
import { openAccountArchive } from './account-archive.ts';
import type { ExportFile } from './encode.ts';
import { chunksOf, encodeRecords } from './encode.ts';
import {
  CONTENT_TYPES,
  type ExportFormat,
  type ExportKind,
  exportFileName,
  MAX_DIRECT_RANGE_DAYS,
  parseExportRange,
} from './export-range.ts';
import { openInsightsExport, pdfInsightsFor } from './insights-export.ts';
import { reportCsv } from './report-export.ts';
import { renderReportPdf } from './report-pdf.ts';
import { DEFAULT_BATCH_SIZE } from './table-source.ts';
import { TABLE_SOURCES } from './table-sources.ts';

/** What a person asks to export; from/to are local dates as typed, checked here. */
export type ExportRequest = {
  kind: ExportKind;
  format: ExportFormat;
  from?: string | undefined;
  to?: string | undefined;
};

export type ExportOptions = {
  batchSize?: number;
  /** Called as the export advances, 0..1 (a background job shows it). */
  onProgress?: (fraction: number) => Promise<void>;
};

const FORMATS: Record<ExportKind, readonly ExportFormat[]> = {
  sessions: ['csv', 'json'],
  tasks: ['csv', 'json'],
  'context-switches': ['csv', 'json'],
  report: ['csv', 'json', 'pdf'],
  insights: ['csv', 'json'],
  account: ['json'],
};

/** Throws 'validation' for a kind and format that do not go together, or a bad range. */
export function checkExportRequest(request: {
  kind: unknown;
  format: unknown;
  from?: unknown;
  to?: unknown;
}) {
  const kind = Object.keys(FORMATS).find((k) => k === request.kind) as ExportKind | undefined;
  if (!kind)
    throw new AppError('validation', 'Choose what to export.', {
      fields: { kind: `One of ${Object.keys(FORMATS).join(', ')}.` },
    });
  const format = FORMATS[kind].find((f) => f === request.format);
  if (!format)
    throw new AppError('validation', `The ${kind} export comes as ${FORMATS[kind].join(' or ')}.`, {
      fields: { format: `One of ${FORMATS[kind].join(', ')}.` },
    });
  const range = parseExportRange(request);
  return { kind, format, from: range.from, to: range.to } satisfies ExportRequest;
}

/**
 * Whether a page should make this export in the background: the whole account always, and any
 * range longer than MAX_DIRECT_RANGE_DAYS (an open start reaches back to the first stored day).
 */
export async function isLongExport(
  deps: ServiceDeps,
  actor: Actor,
  request: ExportRequest,
): Promise<boolean> {
  if (request.kind === 'account') return true;
  if (request.kind === 'insights') return false;
  const user = await getUser(deps, actor);
  const today = localDateOf(deps.clock.now(), user.timeZone);
  if (request.kind === 'report') {
    const { range } = resolveReportRange(request, today, user.weekStart);
    return range.days > MAX_DIRECT_RANGE_DAYS;
  }
  const from = request.from ?? (await firstStoredDay(deps, user.id)) ?? today;
  const to = request.to ?? today;
  return daysBetween(from, to) + 1 > MAX_DIRECT_RANGE_DAYS;
}

async function firstStoredDay(deps: ServiceDeps, userId: string): Promise<LocalDate | null> {
  const [row] = await deps.db
    .select({ first: min(focusSessions.localDate) })
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, userId)));
  return row?.first ?? null;
}

/**
 * Opens one export of the actor's own data as a file produced on demand. Tables are read in
 * keyset-ordered batches as the reader pulls; the account archive section by section; reports
 * and insights are bounded and built at once. Throws 'validation'.
 */
export async function openExport(
  deps: ServiceDeps,
  actor: Actor,
  input: ExportRequest,
  options: ExportOptions = {},
): Promise<ExportFile> {
  const request = checkExportRequest(input);
  const { kind, format } = request;
  if (kind === 'account')
    return openAccountArchive(deps, actor, {
      onSection: async (done, total) => options.onProgress?.(done / total),
    });
  const user = await getUser(deps, actor);
  const today = localDateOf(deps.clock.now(), user.timeZone);
  if (kind === 'insights') return openInsightsExport(deps, actor, format as 'csv' | 'json', today);
  if (kind === 'report') return openReportExport(deps, actor, request, today);
  const range = { from: request.from, to: request.to, timeZone: user.timeZone };
  const source = TABLE_SOURCES[kind];
  const batches = source.batches(deps, actor, range, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const { onProgress } = options;
  async function* withProgress() {
    const total = onProgress ? await source.count(deps, actor, range) : 0;
    let done = 0;
    for await (const batch of batches) {
      yield batch;
      done += batch.length;
      await onProgress?.(total === 0 ? 1 : done / total);
    }
  }
  return {
    fileName: exportFileName(kind, format, request, today),
    contentType: CONTENT_TYPES[format],
    chunks: encodeRecords(format as 'csv' | 'json', source.columns, withProgress()),
  };
}

async function openReportExport(
  deps: ServiceDeps,
  actor: Actor,
  request: ExportRequest,
  today: LocalDate,
): Promise<ExportFile> {
  const { period, report } = await reportFor(deps, actor, { from: request.from, to: request.to });
  const fileName = exportFileName('report', request.format, report.range, today);
  const contentType = CONTENT_TYPES[request.format];
  if (request.format === 'pdf') {
    const insights = await pdfInsightsFor(deps, actor);
    return {
      fileName,
      contentType,
      chunks: renderReportPdf({ report, insights, generatedAt: deps.clock.now() }),
    };
  }
  const text =
    request.format === 'csv' ? reportCsv(report) : `${JSON.stringify({ period, ...report }, null, 1)}\n`;
  return { fileName, contentType, chunks: chunksOf(text) };
}
