import { z } from '@hono/zod-openapi';
import type { ExportJobRow } from '../../db/schema/index.ts';
import { EXPORT_FORMATS, EXPORT_KINDS, EXPORT_STATUSES } from '../../db/schema/index.ts';
import type { ImportSummary } from '../../services/exports/account-import.ts';
import { LocalDate, Timestamp } from './schemas.ts';

// API_BASE of index.ts, which imports this module through the routes.
const EXPORTS_URL = '/api/v1/exports';

export const ExportJob = z
  .object({
    id: z.string(),
    kind: z.enum(EXPORT_KINDS),
    format: z.enum(EXPORT_FORMATS),
    from: LocalDate.nullable(),
    to: LocalDate.nullable(),
    status: z.enum(EXPORT_STATUSES),
    progress: z.number().int().min(0).max(100),
    fileName: z.string().nullable(),
    byteSize: z.number().int().nullable(),
    error: z.string().nullable().openapi({ description: 'Why a failed export could not be made.' }),
    createdAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    expiresAt: Timestamp.openapi({ description: 'The file is kept until then (24 hours).' }),
    downloadUrl: z.string().nullable().openapi({ description: 'Where to fetch the file once ready.' }),
  })
  .openapi('ExportJob');

export const ExportJobInput = z
  .object({
    kind: z.enum(EXPORT_KINDS),
    format: z.enum(EXPORT_FORMATS),
    from: LocalDate.optional().openapi({ description: 'First local date, inclusive.' }),
    to: LocalDate.optional().openapi({ description: 'Last local date, inclusive.' }),
  })
  .strict()
  .openapi('ExportJobInput');

export const ImportResult = z
  .object({
    projects: z.number().int(),
    tasks: z.number().int(),
    days: z.number().int(),
    sessions: z.number().int(),
    contextSwitches: z.number().int(),
    resources: z.number().int(),
  })
  .openapi('ImportResult');

/** The archive as the API document describes it; the import checks every part (see docs/api.md). */
export const AccountArchive = z
  .looseObject({
    format: z.literal('deepsheet-archive'),
    version: z.literal(1),
  })
  .openapi('AccountArchive', {
    description:
      'The full account archive from `GET /account/export`: profile, projects, tasks, sessions, sessionTasks, contextSwitches, resources, insightDismissals.',
  });

export const ExportRecords = z.array(z.record(z.string(), z.unknown())).openapi('ExportRecords');

export function presentExportJob(row: ExportJobRow): z.infer<typeof ExportJob> {
  const params = row.params as { from?: string; to?: string };
  return {
    id: row.id,
    kind: row.kind,
    format: row.format,
    from: params.from ?? null,
    to: params.to ?? null,
    status: row.status,
    progress: row.progress,
    fileName: row.fileName,
    byteSize: row.byteSize,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    downloadUrl: row.status === 'ready' ? `${EXPORTS_URL}/${row.id}/download` : null,
  };
}

export function presentImport(summary: ImportSummary): z.infer<typeof ImportResult> {
  return { ...summary };
}
