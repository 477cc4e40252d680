import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listApiRequests } from '../../../services/api-request-log.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { ApiEnv } from '../context.ts';
import { presentApiRequest } from '../presenters.ts';
import { ApiRequest, commonErrors, pageOf } from '../schemas.ts';

const list = createRoute({
  method: 'get',
  path: '/me/api-requests',
  operationId: 'listApiRequests',
  tags: ['Account'],
  summary: 'Your recent API calls, newest first',
  request: {
    query: z.object({
      limit: z.string().optional(),
      cursor: z.string().optional(),
      status: z.string().optional().openapi({ description: 'Only calls answered with this status.' }),
      method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']).optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of calls',
      content: { 'application/json': { schema: pageOf(ApiRequest, 'ApiRequestPage') } },
    },
    ...commonErrors,
  },
});

export function requestLogRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>().openapi(list, async (c) => {
    const page = await listApiRequests(deps, c.get('actor'), c.req.valid('query'));
    return c.json({ items: page.items.map(presentApiRequest), nextCursor: page.nextCursor }, 200);
  });
}
