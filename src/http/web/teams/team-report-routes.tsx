import { Hono } from 'hono';
import { isAppError } from '../../../domain/errors.ts';
import type { ReportRequest } from '../../../domain/report-periods.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { exportTeamReport } from '../../../services/teams/export-team-report.ts';
import { getTeamReport, type TeamReportResult } from '../../../services/teams/get-team-report.ts';
import type { AppEnv } from '../../context.ts';
import { streamedFileResponse } from '../../export-file-response.ts';
import { requireSignIn } from '../../middleware/require-sign-in.ts';
import type { AssetManifest } from '../assets.ts';
import { pageContext } from '../page-context.ts';
import { TeamReportPage, type TeamReportView } from './team-report-page.tsx';

/**
 * The team report page (GET only; a bad custom range shows this week with the form's errors, as
 * the personal reports do) and its files at /teams/:id/report.{pdf,csv,json}?from=&to=. Someone
 * outside the team gets the 404 page, for both.
 */
export function teamReportPageRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();
  app.use('/teams/:id/*', requireSignIn);

  app.get('/teams/:id/report', async (c) => {
    const actor = c.get('actor');
    const teamId = c.req.param('id');
    const query = c.req.query();
    const request: ReportRequest = { from: query.from, to: query.to, period: query.period, date: query.date };
    let status: 200 | 422 = 200;
    let form: TeamReportView['form'];
    let result: TeamReportResult;
    try {
      result = await getTeamReport(deps, actor, teamId, request);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation') throw error;
      status = 422;
      form = { from: query.from ?? '', to: query.to ?? '', errors: error.fields ?? { from: error.message } };
      result = await getTeamReport(deps, actor, teamId, {});
    }
    return c.html(
      <TeamReportPage
        page={pageContext(c, assets, 'settings')}
        view={{ ...result, weekStart: actor.user.weekStart, form }}
      />,
      status,
    );
  });

  app.get('/teams/:id/:file{report\\.(?:csv|json|pdf)}', async (c) => {
    const format = c.req.param('file').split('.')[1];
    const file = await exportTeamReport(deps, c.get('actor'), c.req.param('id'), {
      format,
      from: c.req.query('from'),
      to: c.req.query('to'),
    });
    return streamedFileResponse(c, file);
  });

  return app;
}
