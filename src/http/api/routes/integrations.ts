import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { IntegrationInput } from '../../../domain/inputs/integrations.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { connectIntegration } from '../../../services/integrations/connect-integration.ts';
import {
  disconnectIntegration,
  listIntegrations,
  syncIntegrationNow,
} from '../../../services/integrations/manage-integrations.ts';
import type { ApiEnv } from '../context.ts';
import { Integration, IntegrationList, presentIntegration } from '../integration-schemas.ts';
import { commonErrors, conflict, IdParams, jsonResponse, notFound, unsupportedMedia } from '../schemas.ts';

const tags = ['Integrations'];
const NewIntegration = IntegrationInput.meta({
  id: 'NewIntegration',
  description:
    'A GitHub token with *Issues: read* (and *Pull requests: read*) or a GitLab token with `read_api`; `baseUrl` for GitHub Enterprise or self-managed GitLab; `repositories` as `owner/repo` paths or `"all"`.',
});

const list = createRoute({
  method: 'get',
  path: '/integrations',
  operationId: 'listIntegrations',
  tags,
  summary: 'Your GitHub and GitLab connections (never their tokens)',
  responses: { 200: jsonResponse(IntegrationList, 'Your connections, newest first'), ...commonErrors },
});
const create = createRoute({
  method: 'post',
  path: '/integrations',
  operationId: 'createIntegration',
  tags,
  summary: 'Connect GitHub or GitLab: the token is checked, stored encrypted, and a first import starts',
  request: { body: { required: true, content: { 'application/json': { schema: NewIntegration } } } },
  responses: {
    201: jsonResponse(Integration, 'The connection; its first sync is queued'),
    ...commonErrors,
    ...notFound,
    ...unsupportedMedia,
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/integrations/{id}',
  operationId: 'deleteIntegration',
  tags,
  summary: 'Disconnect: the token is deleted; imported tasks stay yours',
  request: { params: IdParams },
  responses: { 204: { description: 'Disconnected' }, ...commonErrors, ...notFound },
});
const sync = createRoute({
  method: 'post',
  path: '/integrations/{id}/sync',
  operationId: 'syncIntegration',
  tags,
  summary: 'Sync now: queues a sync (one at a time per connection)',
  request: { params: IdParams },
  responses: {
    202: jsonResponse(Integration, 'The connection; the sync is queued'),
    ...commonErrors,
    ...notFound,
    ...conflict,
  },
});

/** /integrations: GitHub and GitLab issue import (issue 15). */
export function integrationRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(list, async (c) => {
      const rows = await listIntegrations(deps, c.get('actor'));
      return c.json({ items: rows.map(presentIntegration) }, 200);
    })
    .openapi(create, async (c) => {
      const connection = await connectIntegration(deps, c.get('actor'), c.req.valid('json'));
      return c.json(presentIntegration(connection), 201);
    })
    .openapi(remove, async (c) => {
      await disconnectIntegration(deps, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(sync, async (c) => {
      const connection = await syncIntegrationNow(deps, c.get('actor'), c.req.valid('param').id);
      return c.json(presentIntegration(connection), 202);
    });
}
