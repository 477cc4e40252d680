import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  ContextSwitchListQuery,
  SessionContextSwitchInput,
} from '../../../domain/inputs/context-switches.ts';
import { deleteContextSwitch } from '../../../services/context-switches/delete-context-switch.ts';
import { listContextSwitches } from '../../../services/context-switches/list-context-switches.ts';
import { recordContextSwitch } from '../../../services/context-switches/record-context-switch.ts';
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
    query: ContextSwitchListQuery,
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
          schema: SessionContextSwitchInput.meta({ id: 'ContextSwitchInput' }),
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
      const page = await listContextSwitches(deps, c.get('actor'), c.req.valid('query'));
      return c.json({ items: page.items.map(presentContextSwitch), nextCursor: page.nextCursor }, 200);
    })
    .openapi(create, async (c) => {
      const { sessionId, ...input } = c.req.valid('json');
      const row = await recordContextSwitch(deps, c.get('actor'), sessionId, input);
      return c.json(presentContextSwitch(row), 201);
    })
    .openapi(remove, async (c) => {
      await deleteContextSwitch(deps, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
