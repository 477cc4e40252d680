import { Hono } from 'hono';
import { type AppError, isAppError } from '../../../domain/errors.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { listInsights } from '../../../services/insights.ts';
import { type ReportRequest, reportFor, trailingYearHeatmapFor } from '../../../services/reports.ts';
import { type AppEnv, actorOf } from '../../context.ts';
import { requireSession } from '../../middleware/require-session.ts';
import type { AssetManifest } from '../assets.ts';
import { pageContext } from '../page-context.ts';
import { InsightCards } from './insight-cards.tsx';
import { ReportFigures, ReportsPage } from './reports-page.tsx';

const isFormError = (error: unknown): error is AppError => isAppError(error) && error.code === 'validation';

/**
 * The reports page: GET only; a bad custom range shows this week with the form's errors. Its
 * figures alone, for a from/to range, at /reports/fragment: what an open page re-fetches when a
 * session it counts changed (a bad range is a 422).
 */
export function reportPageRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();
  app.use('/reports', requireSession);
  app.use('/reports/*', requireSession);
  app.get('/reports/fragment', async (c) => {
    const session = c.get('session')!;
    const actor = actorOf(session);
    const { report } = await reportFor(deps, actor, { from: c.req.query('from'), to: c.req.query('to') });
    const heatmap = await trailingYearHeatmapFor(deps, actor, report.range.to);
    return c.html(<ReportFigures view={{ report, heatmap, weekStart: session.user.weekStart }} />);
  });
  app.get('/reports', async (c) => {
    const session = c.get('session')!;
    const actor = actorOf(session);
    const query = c.req.query();
    const request: ReportRequest = { from: query.from, to: query.to, period: query.period, date: query.date };
    let status: 200 | 422 = 200;
    let form: { from: string; to: string; errors: Record<string, string> } | undefined;
    let result: Awaited<ReturnType<typeof reportFor>>;
    try {
      result = await reportFor(deps, actor, request);
    } catch (error) {
      if (!isFormError(error)) throw error;
      status = 422;
      form = { from: query.from ?? '', to: query.to ?? '', errors: error.fields ?? { from: error.message } };
      result = await reportFor(deps, actor, {});
    }
    const heatmap = await trailingYearHeatmapFor(deps, actor, result.report.range.to);
    const insights = await listInsights(deps, actor);
    return c.html(
      <ReportsPage
        page={pageContext(c, assets, 'reports')}
        view={{
          ...result,
          heatmap,
          weekStart: session.user.weekStart,
          insights: <InsightCards insights={insights} csrfToken={c.get('csrfToken')} />,
          ...(form ? { form } : {}),
        }}
      />,
      status,
    );
  });
  return app;
}
