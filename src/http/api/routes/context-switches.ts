import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  deleteContextSwitch,
  listContextSwitches,
  recordContextSwitch,
} from '../../../services/context-switches.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors, conflict, IdParams, jsonResponse, notFound, unsupportedMedia } from '../schemas.ts';
import { presentContextSwitch } from '../work-presenters.ts';
import { ContextSwitch, ContextSwitchPage } from '../work-schemas.ts';

const list = createRoute({
  method: 'get',
  path: '/context-switches',
  operationId: 'listContextSwitches',
  tags: ['Context switches'],
  summary: 'Interruptions, newest first',
  request: {
    query: z.object({
      limit: z.string().optional(),
      cursor: z.string().optional(),
      sessionId: z.string().optional(),
      reason: z.string().optional(),
      from: z.string().optional().openapi({ description: 'A local date, inclusive.' }),
      to: z.string().optional().openapi({ description: 'A local date, inclusive.' }),
      order: z.enum(['newest', 'oldest']).optional(),
    }),
  },
  responses: { 200: jsonResponse(ContextSwitchPage, 'A page of switches'), ...commonErrors },
});
const create = createRoute({
  method: 'post',
  path: '/context-switches',
  operationId: 'recordContextSwitch',
  tags: ['Context switches'],
  summary: 'Record an interruption of the running session; optionally pause it',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              sessionId: z.string().max(64),
              reason: z.string().max(20),
              note: z.string().max(5000).optional(),
              toTaskId: z.string().max(64).nullable().optional(),
              pause: z.boolean().optional(),
            })
            .strict()
            .openapi('ContextSwitchInput'),
        },
      },
    },
  },
  responses: {
    201: jsonResponse(ContextSwitch, 'The switch'),
    ...commonErrors,
    ...notFound,
    ...conflict,
    ...unsupportedMedia,
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/context-switches/{id}',
  operationId: 'deleteContextSwitch',
  tags: ['Context switches'],
  summary: 'Delete a recorded interruption',
  request: {
    params: IdParams,
  },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
});

export function contextSwitchRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(list, async (c) => {
      const page = await listContextSwitches(
        deps,
        c.get('actor'),
        c.req.valid('query') as Parameters<typeof listContextSwitches>[2],
      );
      return c.json({ items: page.items.map(presentContextSwitch), nextCursor: page.nextCursor }, 200);
    })
    .openapi(create, async (c) => {
      const { sessionId, ...input } = c.req.valid('json');
      const row = await recordContextSwitch(
        deps,
        c.get('actor'),
        sessionId,
        input as Parameters<typeof recordContextSwitch>[3],
      );
      return c.json(presentContextSwitch(row), 201);
    })
    .openapi(remove, async (c) => {
      await deleteContextSwitch(deps, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
