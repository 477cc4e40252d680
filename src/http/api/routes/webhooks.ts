import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { PageQuery } from '../../../domain/inputs/page-query.ts';
import { NewWebhookInput, WebhookPatch } from '../../../domain/webhook-events.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createWebhook } from '../../../services/webhooks/create-webhook.ts';
import { deleteWebhook } from '../../../services/webhooks/delete-webhook.ts';
import { listWebhookDeliveries, listWebhooks } from '../../../services/webhooks/list-webhooks.ts';
import { resendWebhookDelivery, sendTestWebhook } from '../../../services/webhooks/send-test-webhook.ts';
import { updateWebhook } from '../../../services/webhooks/update-webhook.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors, IdParams, jsonResponse, notFound, unsupportedMedia } from '../schemas.ts';
import {
  presentDelivery,
  presentWebhook,
  WebhookChange,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookList,
  WebhookWithSecret,
} from '../webhook-schemas.ts';

const tags = ['Webhooks'];
const DeliveryParams = IdParams.extend({
  deliveryId: z
    .string()
    .max(64)
    .openapi({ param: { name: 'deliveryId', in: 'path' } }),
});
const NewWebhook = NewWebhookInput.meta({ id: 'NewWebhook' });
const WebhookPatchBody = WebhookPatch.meta({ id: 'WebhookPatch' });

const list = createRoute({
  method: 'get',
  path: '/webhooks',
  operationId: 'listWebhooks',
  tags,
  summary: 'Your webhook endpoints',
  responses: { 200: jsonResponse(WebhookList, 'Your endpoints, newest first'), ...commonErrors },
});
const create = createRoute({
  method: 'post',
  path: '/webhooks',
  operationId: 'createWebhook',
  tags,
  summary: 'Register an endpoint; its signing secret is shown once',
  request: { body: { required: true, content: { 'application/json': { schema: NewWebhook } } } },
  responses: {
    201: jsonResponse(WebhookWithSecret, 'The endpoint and its secret'),
    ...commonErrors,
    ...notFound,
    ...unsupportedMedia,
  },
});
const update = createRoute({
  method: 'patch',
  path: '/webhooks/{id}',
  operationId: 'updateWebhook',
  tags,
  summary: 'Change, enable, disable or rotate the secret of an endpoint',
  request: {
    params: IdParams,
    body: { required: true, content: { 'application/json': { schema: WebhookPatchBody } } },
  },
  responses: {
    200: jsonResponse(WebhookChange, 'The endpoint'),
    ...commonErrors,
    ...notFound,
    ...unsupportedMedia,
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/webhooks/{id}',
  operationId: 'deleteWebhook',
  tags,
  summary: 'Delete an endpoint and its delivery log',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
});
const deliveries = createRoute({
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags,
  summary: 'An endpoint’s delivery log (kept 30 days), newest first',
  request: { params: IdParams, query: PageQuery },
  responses: { 200: jsonResponse(WebhookDeliveryPage, 'A page of deliveries'), ...commonErrors, ...notFound },
});
const test = createRoute({
  method: 'post',
  path: '/webhooks/{id}/test',
  operationId: 'sendTestWebhook',
  tags,
  summary: 'Send a `webhook.test` event to an endpoint',
  request: { params: IdParams },
  responses: { 202: jsonResponse(WebhookDelivery, 'The queued delivery'), ...commonErrors, ...notFound },
});
const resend = createRoute({
  method: 'post',
  path: '/webhooks/{id}/deliveries/{deliveryId}/resend',
  operationId: 'resendWebhookDelivery',
  tags,
  summary: 'Send a delivery again, with the same webhook-id',
  request: { params: DeliveryParams },
  responses: { 202: jsonResponse(WebhookDelivery, 'The queued delivery'), ...commonErrors, ...notFound },
});

export function webhookRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(list, async (c) => {
      const rows = await listWebhooks(deps, c.get('actor'));
      return c.json({ items: rows.map(presentWebhook) }, 200);
    })
    .openapi(create, async (c) => {
      const { endpoint, secret } = await createWebhook(deps, c.get('actor'), c.req.valid('json'));
      return c.json({ webhook: presentWebhook(endpoint), secret }, 201);
    })
    .openapi(update, async (c) => {
      const changed = await updateWebhook(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(
        { webhook: presentWebhook(changed.endpoint), ...(changed.secret ? { secret: changed.secret } : {}) },
        200,
      );
    })
    .openapi(remove, async (c) => {
      await deleteWebhook(deps, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(deliveries, async (c) => {
      const page = await listWebhookDeliveries(
        deps,
        c.get('actor'),
        c.req.valid('param').id,
        c.req.valid('query'),
      );
      return c.json({ items: page.items.map(presentDelivery), nextCursor: page.nextCursor }, 200);
    })
    .openapi(test, async (c) => {
      const delivery = await sendTestWebhook(deps, c.get('actor'), c.req.valid('param').id);
      return c.json(presentDelivery(delivery), 202);
    })
    .openapi(resend, async (c) => {
      const { id, deliveryId } = c.req.valid('param');
      return c.json(presentDelivery(await resendWebhookDelivery(deps, c.get('actor'), id, deliveryId)), 202);
    });
}
