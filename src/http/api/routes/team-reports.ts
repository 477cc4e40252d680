import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../../services/deps.ts';
import { exportTeamReport } from '../../../services/teams/export-team-report.ts';
import { getTeamReport } from '../../../services/teams/get-team-report.ts';
import { streamedFileResponse } from '../../export-file-response.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors, jsonResponse, notFound } from '../schemas.ts';
import { presentTeamReport, TeamReport } from '../team-report-schemas.ts';
import { TeamParams } from '../team-schemas.ts';
import { ReportFileQuery, reportFile } from './exports.ts';
import { ReportQuery } from './reports.ts';

const get = createRoute({
  method: 'get',
  path: '/teams/{teamId}/report',
  operationId: 'getTeamReport',
  tags: ['Teams'],
  summary:
    'Where the team’s focus went: sessions, focus by day, team project, task type and task, interruptions, members who share',
  description:
    'The range is asked as for `GET /reports` (weeks begin on your first day of the week, today is yours). Counts the sessions whose main task is in one of the team’s projects, of members who currently share their focus with the team, each on its own local day. Every role may read it.',
  request: { params: TeamParams, query: ReportQuery },
  responses: { 200: jsonResponse(TeamReport, 'The report'), ...commonErrors, ...notFound },
});

const download = createRoute({
  method: 'get',
  path: '/teams/{teamId}/exports/report',
  operationId: 'exportTeamReport',
  tags: ['Teams'],
  summary: 'The team report of a range (default: this week) as CSV, JSON or PDF',
  request: { params: TeamParams, query: ReportFileQuery },
  responses: { 200: reportFile, ...commonErrors, ...notFound },
});

/** A team's report in API v1: as JSON, and as a file like a personal report's. */
export function teamReportRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(get, async (c) => {
      const result = await getTeamReport(
        deps,
        c.get('actor'),
        c.req.valid('param').teamId,
        c.req.valid('query'),
      );
      return c.json(presentTeamReport(result), 200);
    })
    .openapi(download, async (c) => {
      const file = await exportTeamReport(
        deps,
        c.get('actor'),
        c.req.valid('param').teamId,
        c.req.valid('query'),
      );
      return streamedFileResponse(c, file) as never;
    });
}
