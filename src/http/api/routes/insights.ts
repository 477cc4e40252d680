import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../../services/deps.ts';
import { dismissInsight, listInsights } from '../../../services/insights.ts';
import type { ApiEnv } from '../context.ts';
import { InsightList, InsightSchema, presentInsight } from '../insight-presenter.ts';
import { commonErrors, IdParams, jsonResponse, notFound } from '../schemas.ts';

const list = createRoute({
  method: 'get',
  path: '/insights',
  operationId: 'listInsights',
  tags: ['Insights'],
  summary: 'Current insights from your own history, warnings first; dismissed ones are left out',
  responses: { 200: jsonResponse(InsightList, 'The current insights'), ...commonErrors },
});

const dismiss = createRoute({
  method: 'post',
  path: '/insights/{id}/dismiss',
  operationId: 'dismissInsight',
  tags: ['Insights'],
  summary: 'Dismiss an insight; it does not come back for the same period',
  request: {
    params: IdParams,
  },
  responses: { 200: jsonResponse(InsightSchema, 'The dismissed insight'), ...commonErrors, ...notFound },
});

export function insightRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(list, async (c) => {
      const items = await listInsights(deps, c.get('actor'));
      return c.json({ items: items.map(presentInsight) }, 200);
    })
    .openapi(dismiss, async (c) =>
      c.json(presentInsight(await dismissInsight(deps, c.get('actor'), c.req.valid('param').id)), 200),
    );
}
