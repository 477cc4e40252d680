import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ResourceInput, ResourceListQuery } from '../../../domain/inputs/resources.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { addResource } from '../../../services/resources/add-resource.ts';
import { deleteResource } from '../../../services/resources/delete-resource.ts';
import { listResources } from '../../../services/resources/list-resources.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors, IdParams, jsonResponse, notFound, unsupportedMedia } from '../schemas.ts';
import { presentResource } from '../work-presenters.ts';
import { Resource, ResourcePage } from '../work-schemas.ts';

const list = createRoute({
  method: 'get',
  path: '/resources',
  operationId: 'listResources',
  tags: ['Resources'],
  summary: 'Links attached to tasks and sessions',
  request: {
    query: ResourceListQuery,
  },
  responses: { 200: jsonResponse(ResourcePage, 'A page of resources'), ...commonErrors },
});
const create = createRoute({
  method: 'post',
  path: '/resources',
  operationId: 'addResource',
  tags: ['Resources'],
  summary: 'Attach a link to a task or a session; its kind and title are guessed from the URL',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: ResourceInput.meta({ id: 'ResourceInput' }),
        },
      },
    },
  },
  responses: {
    201: jsonResponse(Resource, 'The resource'),
    ...commonErrors,
    ...notFound,
    ...unsupportedMedia,
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/resources/{id}',
  operationId: 'deleteResource',
  tags: ['Resources'],
  summary: 'Remove a link',
  request: {
    params: IdParams,
  },
  responses: { 204: { description: 'Removed' }, ...commonErrors, ...notFound },
});

export function resourceRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(list, async (c) => {
      const page = await listResources(deps, c.get('actor'), c.req.valid('query'));
      return c.json({ items: page.items.map(presentResource), nextCursor: page.nextCursor }, 200);
    })
    .openapi(create, async (c) =>
      c.json(presentResource(await addResource(deps, c.get('actor'), c.req.valid('json'))), 201),
    )
    .openapi(remove, async (c) => {
      await deleteResource(deps, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
