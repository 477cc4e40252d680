import type { Actor, ServiceDeps } from '../deps.ts';
import { chunksOf, type ExportFile } from '../exports/encode.ts';
import { CONTENT_TYPES, exportFileName, parseExportFormat } from '../exports/export-range.ts';
import { teamReportCsv } from '../exports/team-report-export.ts';
import { renderTeamReportPdf } from '../exports/team-report-pdf.ts';
import { getTeamReport } from './get-team-report.ts';

/** What a member asks to download: the format, and the range as a personal report export takes it. */
export type TeamReportExportRequest = {
  format: unknown;
  from?: string | undefined;
  to?: string | undefined;
};

/**
 * A team report as a file, like a personal report's: CSV (one tidy table), JSON (the report with
 * its team and period) or PDF. The numbers are read at once (getTeamReport, the same rules); the
 * file is then made as it is read. Throws 'not_found' for anyone outside the team, 'validation'.
 */
export async function exportTeamReport(
  deps: ServiceDeps,
  actor: Actor,
  teamId: string,
  request: TeamReportExportRequest,
): Promise<ExportFile> {
  const { team, period, report } = await getTeamReport(deps, actor, teamId, {
    from: request.from,
    to: request.to,
  });
  const format = parseExportFormat(request.format, ['csv', 'json', 'pdf']);
  const fileName = exportFileName('team-report', format, report.range, report.today);
  const contentType = CONTENT_TYPES[format];
  if (format === 'pdf')
    return {
      fileName,
      contentType,
      chunks: renderTeamReportPdf({ teamName: team.name, report, generatedAt: deps.clock.now() }),
    };
  const text =
    format === 'csv' ? teamReportCsv(report) : `${JSON.stringify({ team, period, ...report }, null, 1)}\n`;
  return { fileName, contentType, chunks: chunksOf(text) };
}
