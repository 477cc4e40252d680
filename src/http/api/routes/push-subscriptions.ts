import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { NewPushSubscriptionInput, PushActionInput } from '../../../domain/inputs/push-subscriptions.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { answerPushAction } from '../../../services/web-push/answer-push-action.ts';
import {
  listPushSubscriptions,
  subscribeToPush,
  unsubscribeFromPush,
} from '../../../services/web-push/push-subscriptions.ts';
import { sendTestPush } from '../../../services/web-push/send-test-push.ts';
import { vapidKeysOf } from '../../../services/web-push/vapid-keys.ts';
import type { ApiEnv } from '../context.ts';
import { presentSession } from '../presenters.ts';
import {
  PushSubscription,
  PushSubscriptionList,
  PushTestResult,
  presentPushSubscription,
} from '../push-schemas.ts';
import {
  commonErrors,
  conflict,
  IdParams,
  jsonResponse,
  notFound,
  Session,
  unsupportedMedia,
} from '../schemas.ts';

const tags = ['Web Push'];
const NewPushSubscription = NewPushSubscriptionInput.meta({ id: 'NewPushSubscription' });
const PushAction = PushActionInput.meta({ id: 'PushAction' });

const list = createRoute({
  method: 'get',
  path: '/push-subscriptions',
  operationId: 'listPushSubscriptions',
  tags,
  summary: 'Your devices that get time’s-up notifications, and the key to subscribe with',
  responses: { 200: jsonResponse(PushSubscriptionList, 'Your devices, newest first'), ...commonErrors },
});
const create = createRoute({
  method: 'post',
  path: '/push-subscriptions',
  operationId: 'createPushSubscription',
  tags,
  summary: 'Store this device’s PushSubscription (its `toJSON()`); the same endpoint again replaces it',
  request: {
    body: { required: true, content: { 'application/json': { schema: NewPushSubscription } } },
  },
  responses: {
    201: jsonResponse(PushSubscription, 'The stored subscription'),
    ...commonErrors,
    ...unsupportedMedia,
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/push-subscriptions/{id}',
  operationId: 'deletePushSubscription',
  tags,
  summary: 'Stop notifications to a device',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
});
const test = createRoute({
  method: 'post',
  path: '/push-subscriptions/{id}/test',
  operationId: 'sendTestPush',
  tags,
  summary: 'Send a test notification to a device now',
  request: { params: IdParams },
  responses: {
    200: jsonResponse(PushTestResult, 'What the push service answered'),
    ...commonErrors,
    ...notFound,
  },
});
const act = createRoute({
  method: 'post',
  path: '/push-actions',
  operationId: 'answerPushAction',
  tags,
  summary: 'A button of a time’s-up notification (sent by the service worker with the push’s token)',
  request: { body: { required: true, content: { 'application/json': { schema: PushAction } } } },
  responses: {
    200: jsonResponse(Session, 'The session after the action'),
    ...commonErrors,
    ...notFound,
    ...conflict,
    ...unsupportedMedia,
  },
});

export function pushSubscriptionRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(list, async (c) => {
      const rows = await listPushSubscriptions(deps, c.get('actor'));
      const { publicKey } = await vapidKeysOf(deps);
      return c.json({ items: rows.map(presentPushSubscription), publicKey }, 200);
    })
    .openapi(create, async (c) => {
      const row = await subscribeToPush(deps, c.get('actor'), c.req.valid('json'), {
        authSessionId: c.get('actor').sessionId,
        userAgent: c.req.header('user-agent') ?? '',
      });
      return c.json(presentPushSubscription(row), 201);
    })
    .openapi(remove, async (c) => {
      await unsubscribeFromPush(deps, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(test, async (c) => {
      return c.json({ outcome: await sendTestPush(deps, c.get('actor'), c.req.valid('param').id) }, 200);
    })
    .openapi(act, async (c) => {
      const { session, today } = await answerPushAction(deps, c.get('actor'), c.req.valid('json'));
      return c.json(presentSession(session, today, deps.clock.now()), 200);
    });
}
