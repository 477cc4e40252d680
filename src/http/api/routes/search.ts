import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../../services/deps.ts';
import { searchEverything } from '../../../services/search.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors } from '../schemas.ts';
import { SearchHit } from '../work-schemas.ts';

const search = createRoute({
  method: 'get',
  path: '/search',
  operationId: 'search',
  tags: ['Search'],
  summary:
    'Full-text search over tasks and sessions (goals, notes, outcomes), ranked, with highlighted snippets',
  request: {
    query: z.object({
      q: z.string().openapi({ description: 'Words to find; quotes and -exclusions work as on the web.' }),
      limit: z.string().optional(),
      kinds: z.string().optional().openapi({ description: 'Comma-separated: task,session' }),
    }),
  },
  responses: {
    200: {
      description: 'Hits, best first',
      content: {
        'application/json': { schema: z.object({ items: z.array(SearchHit) }).openapi('SearchResult') },
      },
    },
    ...commonErrors,
  },
});

export function searchRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>().openapi(search, async (c) => {
    const { q, limit, kinds } = c.req.valid('query');
    const result = await searchEverything(deps, c.get('actor'), {
      q,
      ...(limit !== undefined ? { limit: Number(limit) } : {}),
      ...(kinds ? { kinds: kinds.split(',') as ('task' | 'session')[] } : {}),
    });
    return c.json(result, 200);
  });
}
