import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  createExportJob,
  downloadExportJob,
  getExportJob,
  listExportJobs,
} from '../../../services/exports/export-jobs.ts';
import type { TableKind } from '../../../services/exports/export-range.ts';
import { openExport } from '../../../services/exports/open-export.ts';
import { storedFileResponse, streamedFileResponse } from '../../export-file-response.ts';
import type { ApiEnv } from '../context.ts';
import { ExportJob, ExportJobInput, ExportRecords, presentExportJob } from '../export-schemas.ts';
import {
  commonErrors,
  conflict,
  IdParams,
  jsonResponse,
  notFound,
  pageOf,
  unsupportedMedia,
} from '../schemas.ts';

const RangeQuery = {
  from: z.string().optional().openapi({ description: 'First local date, inclusive (e.g. 2026-04-01).' }),
  to: z.string().optional().openapi({ description: 'Last local date, inclusive.' }),
};
const csv = { 'text/csv': { schema: z.string() } };
const file = (description: string, content: Record<string, { schema: z.ZodType }>) => ({
  description,
  content,
});

const TABLES: [kind: TableKind, operationId: string, what: string][] = [
  [
    'sessions',
    'exportSessions',
    'Every stored session with its goal, notes, timer facts, outcome and main task',
  ],
  ['tasks', 'exportTasks', 'Every task with its project'],
  ['context-switches', 'exportContextSwitches', 'Every recorded interruption with its session and tasks'],
];

/** GET /exports/{kind}: a table streamed as CSV or a JSON array, read in batches as you read it. */
function tableRoute(kind: TableKind, operationId: string, what: string) {
  return createRoute({
    method: 'get',
    path: `/exports/${kind}`,
    operationId,
    tags: ['Exports'],
    summary: `${what}, streamed as CSV or JSON`,
    request: { query: z.object({ format: z.enum(['csv', 'json']).default('json'), ...RangeQuery }) },
    responses: {
      200: file('The file, as an attachment', { ...csv, 'application/json': { schema: ExportRecords } }),
      ...commonErrors,
    },
  });
}

/** What a report export is asked with, and what it answers; a team report's export is the same. */
export const ReportFileQuery = z.object({
  format: z.enum(['csv', 'json', 'pdf']).default('json'),
  ...RangeQuery,
});
export const reportFile = file('The report file', {
  ...csv,
  'application/json': { schema: z.record(z.string(), z.unknown()) },
  'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
});

const report = createRoute({
  method: 'get',
  path: '/exports/report',
  operationId: 'exportReport',
  tags: ['Exports'],
  summary: 'A report of a range (default: this week) as CSV, JSON or PDF',
  request: { query: ReportFileQuery },
  responses: { 200: reportFile, ...commonErrors },
});

const insights = createRoute({
  method: 'get',
  path: '/exports/insights',
  operationId: 'exportInsights',
  tags: ['Exports'],
  summary: 'Your current insights as CSV or JSON',
  request: { query: z.object({ format: z.enum(['csv', 'json']).default('json') }) },
  responses: {
    200: file('The insights file', { ...csv, 'application/json': { schema: ExportRecords } }),
    ...commonErrors,
  },
});

const create = createRoute({
  method: 'post',
  path: '/exports',
  operationId: 'createExport',
  tags: ['Exports'],
  summary: 'Make an export in the background (long ranges, the whole account)',
  request: { body: { required: true, content: { 'application/json': { schema: ExportJobInput } } } },
  responses: {
    202: jsonResponse(ExportJob, 'Queued; poll it until `status` is ready'),
    ...commonErrors,
    ...unsupportedMedia,
  },
});

const list = createRoute({
  method: 'get',
  path: '/exports',
  operationId: 'listExports',
  tags: ['Exports'],
  summary: 'Your background exports of the last 24 hours, newest first',
  request: { query: z.object({ limit: z.string().optional(), cursor: z.string().optional() }) },
  responses: { 200: jsonResponse(pageOf(ExportJob, 'ExportJobPage'), 'A page of exports'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/exports/{id}',
  operationId: 'getExport',
  tags: ['Exports'],
  summary: 'The state of a background export and, once ready, where to download it',
  request: { params: IdParams },
  responses: { 200: jsonResponse(ExportJob, 'The export'), ...commonErrors, ...notFound },
});

const download = createRoute({
  method: 'get',
  path: '/exports/{id}/download',
  operationId: 'downloadExport',
  tags: ['Exports'],
  summary: 'The file of a finished background export (kept 24 hours)',
  request: { params: IdParams },
  responses: {
    200: file('The file', {
      ...csv,
      'application/json': { schema: z.unknown() },
      'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
    }),
    ...commonErrors,
    ...notFound,
    ...conflict,
  },
});

/** Exports in API v1: direct streamed files for tables, reports and insights; background exports. */
export function exportRoutes(deps: ServiceDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  // The fixed paths go first: /exports/{id} would otherwise take "sessions" for an id.
  for (const [kind, operationId, what] of TABLES)
    app.openapi(tableRoute(kind, operationId, what), async (c) => {
      const { format, from, to } = c.req.valid('query');
      return streamedFileResponse(
        c,
        await openExport(deps, c.get('actor'), { kind, format, from, to }),
      ) as never;
    });
  return app
    .openapi(report, async (c) => {
      const { format, from, to } = c.req.valid('query');
      return streamedFileResponse(
        c,
        await openExport(deps, c.get('actor'), { kind: 'report', format, from, to }),
      ) as never;
    })
    .openapi(insights, async (c) => {
      const { format } = c.req.valid('query');
      return streamedFileResponse(
        c,
        await openExport(deps, c.get('actor'), { kind: 'insights', format }),
      ) as never;
    })
    .openapi(list, async (c) => {
      const page = await listExportJobs(deps, c.get('actor'), c.req.valid('query'));
      return c.json({ items: page.items.map(presentExportJob), nextCursor: page.nextCursor }, 200);
    })
    .openapi(create, async (c) => {
      const job = await createExportJob(deps, c.get('actor'), c.req.valid('json'));
      return c.json(presentExportJob(job), 202);
    })
    .openapi(get, async (c) =>
      c.json(presentExportJob(await getExportJob(deps, c.get('actor'), c.req.valid('param').id)), 200),
    )
    .openapi(
      download,
      async (c) =>
        storedFileResponse(
          c,
          await downloadExportJob(deps, c.get('actor'), c.req.valid('param').id),
        ) as never,
    );
}
