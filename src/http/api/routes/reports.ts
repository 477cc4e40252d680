import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../../services/deps.ts';
import { reportFor, yearHeatmapFor } from '../../../services/reports.ts';
import type { ApiEnv } from '../context.ts';
import { presentReport, presentYearHeatmap, Report, YearHeatmap } from '../report-schemas.ts';
import { commonErrors, jsonResponse } from '../schemas.ts';

const query = (description: string, example?: string) =>
  z
    .string()
    .optional()
    .openapi({ description, ...(example ? { example } : {}) });

/** The range a report is asked for; a team report takes the same. */
export const ReportQuery = z.object({
  from: query('First day, inclusive.', '2026-04-06'),
  to: query('Last day, inclusive.', '2026-04-12'),
  period: query('week or month; ignored when from/to are given.', 'week'),
  date: query('A day in the period; defaults to today.', '2026-04-08'),
});

const getReport = createRoute({
  method: 'get',
  path: '/reports',
  operationId: 'getReport',
  tags: ['Reports'],
  summary:
    'A report of a range: sessions, focus by day, project, task type and hour, streaks, interruptions, outcomes',
  description:
    'Give `from` and `to` (inclusive, at most three years), or `period` (`week`, the default, or `month`) with a `date` in it (default today). Weeks begin on the person’s first day of the week; everything counts on the local day it belongs to.',
  request: { query: ReportQuery },
  responses: { 200: jsonResponse(Report, 'The report'), ...commonErrors },
});

const getHeatmap = createRoute({
  method: 'get',
  path: '/reports/heatmap',
  operationId: 'getYearHeatmap',
  tags: ['Reports'],
  summary: 'Focus minutes per day of a calendar year, with a 0–4 intensity level',
  request: { query: z.object({ year: query('Defaults to this year.', '2026') }) },
  responses: { 200: jsonResponse(YearHeatmap, 'The year'), ...commonErrors },
});

export function reportRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(getReport, async (c) => {
      const { period, report } = await reportFor(deps, c.get('actor'), c.req.valid('query'));
      return c.json(presentReport(period, report), 200);
    })
    .openapi(getHeatmap, async (c) => {
      return c.json(
        presentYearHeatmap(await yearHeatmapFor(deps, c.get('actor'), c.req.valid('query').year)),
        200,
      );
    });
}
