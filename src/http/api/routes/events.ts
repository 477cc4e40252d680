import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { describeEvents } from '../../../domain/events.ts';
import type { EventBus } from '../../../realtime/event-bus.ts';
import { streamUserEvents } from '../../../realtime/sse.ts';
import { isApiTokenActive } from '../../../services/api-tokens.ts';
import { isAuthSessionLive } from '../../../services/auth-sessions.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors } from '../schemas.ts';

const stream = createRoute({
  method: 'get',
  path: '/events',
  operationId: 'streamEvents',
  tags: ['Events'],
  summary: 'Server-sent events of every change to your data',
  // The table of event types is built from the domain's event union, so it lists every type sent.
  description: `Each event has an \`id\`, an \`event\` name (one of the types below, \`hello\` on connect, \`resync\` when too much was missed) and JSON \`data\`: the \`type\` and the type's fields. Reconnect with \`Last-Event-ID\` to receive what you missed. A comment line is sent every 25 s as a heartbeat.\n\n${describeEvents()}`,
  request: { headers: z.object({ 'last-event-id': z.string().max(20).optional() }) },
  responses: {
    200: { description: 'An endless event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...commonErrors,
  },
});

export function eventRoutes(deps: ServiceDeps, bus: EventBus) {
  return new OpenAPIHono<ApiEnv>().openapi(stream, (c) => {
    const actor = c.get('actor');
    return streamUserEvents(c, {
      db: deps.db,
      bus,
      userId: actor.id,
      format: 'api',
      isStillAuthorized: () => {
        if (actor.tokenId) return isApiTokenActive(deps, actor.tokenId);
        return actor.sessionId ? isAuthSessionLive(deps, actor.sessionId) : Promise.resolve(false);
      },
      closeAfterMs: actor.expiresAt ? actor.expiresAt.getTime() - deps.clock.now().getTime() : undefined,
    }) as never;
  });
}
