import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listDevices, revokeDevice } from '../../../services/auth-sessions.ts';
import { changePassword } from '../../../services/change-password.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors, IdParams, notFound, Timestamp, unsupportedMedia } from '../schemas.ts';

const Device = z
  .object({
    id: z.string(),
    userAgent: z.string(),
    ip: z.string(),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    isCurrent: z.boolean(),
  })
  .openapi('Device');

const listRoute = createRoute({
  method: 'get',
  path: '/me/devices',
  operationId: 'listDevices',
  tags: ['Account'],
  summary: 'Browsers signed in to your account',
  responses: {
    200: {
      description: 'Devices',
      content: { 'application/json': { schema: z.object({ items: z.array(Device) }) } },
    },
    ...commonErrors,
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/me/devices/{id}',
  operationId: 'revokeDevice',
  tags: ['Account'],
  summary: 'Sign a device out',
  request: {
    params: IdParams,
  },
  responses: { 204: { description: 'Signed out' }, ...commonErrors, ...notFound },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/me/password',
  operationId: 'changePassword',
  tags: ['Account'],
  summary: 'Change your password; other devices are signed out',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ currentPassword: z.string().max(1000), newPassword: z.string().max(1000) })
            .strict()
            .openapi('PasswordChange'),
        },
      },
    },
  },
  responses: { 204: { description: 'Changed' }, ...commonErrors, ...unsupportedMedia },
});

export function accountRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(listRoute, async (c) => {
      const actor = c.get('actor');
      const devices = await listDevices(deps, actor, actor.sessionId ?? undefined);
      return c.json(
        {
          items: devices.map((d) => ({
            ...d,
            createdAt: d.createdAt.toISOString(),
            lastSeenAt: d.lastSeenAt.toISOString(),
          })),
        },
        200,
      );
    })
    .openapi(revokeRoute, async (c) => {
      await revokeDevice(deps, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(passwordRoute, async (c) => {
      const actor = c.get('actor');
      await changePassword(deps, actor, c.req.valid('json'), actor.sessionId ?? undefined);
      return c.body(null, 204);
    });
}
