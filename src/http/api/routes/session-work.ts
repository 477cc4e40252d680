import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { SessionOutcomeInput, SessionTaskLinkInput } from '../../../domain/inputs/session-work.ts';
import { getSession } from '../../../services/change-session.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { setSessionOutcome } from '../../../services/session-outcome.ts';
import { linkTaskToSession, tasksOfSession, unlinkTaskFromSession } from '../../../services/session-tasks.ts';
import type { ApiEnv } from '../context.ts';
import { presentSession } from '../presenters.ts';
import { commonErrors, conflict, jsonResponse, notFound, Session, unsupportedMedia } from '../schemas.ts';
import { presentTask } from '../work-presenters.ts';
import { SessionTask } from '../work-schemas.ts';

const SessionId = z
  .string()
  .max(64)
  .openapi({ param: { name: 'id', in: 'path' } });
const TaskId = z
  .string()
  .max(64)
  .openapi({ param: { name: 'taskId', in: 'path' } });

const list = createRoute({
  method: 'get',
  path: '/sessions/{id}/tasks',
  operationId: 'listSessionTasks',
  tags: ['Sheet'],
  summary: 'The tasks a session serves: one main, any supporting',
  request: { params: z.object({ id: SessionId }) },
  responses: {
    200: jsonResponse(z.object({ items: z.array(SessionTask) }), 'Tasks'),
    ...commonErrors,
    ...notFound,
  },
});
const link = createRoute({
  method: 'put',
  path: '/sessions/{id}/tasks/{taskId}',
  operationId: 'linkSessionTask',
  tags: ['Sheet'],
  summary: 'Link a task to a session; a new main task demotes the old one to supporting',
  request: {
    params: z.object({ id: SessionId, taskId: TaskId }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: SessionTaskLinkInput.meta({ id: 'SessionTaskLink' }),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(z.object({ items: z.array(SessionTask) }), 'Tasks now'),
    ...commonErrors,
    ...notFound,
    ...unsupportedMedia,
  },
});
const unlink = createRoute({
  method: 'delete',
  path: '/sessions/{id}/tasks/{taskId}',
  operationId: 'unlinkSessionTask',
  tags: ['Sheet'],
  summary: 'Unlink a task from a session',
  request: { params: z.object({ id: SessionId, taskId: TaskId }) },
  responses: { 204: { description: 'Unlinked' }, ...commonErrors, ...notFound },
});
const outcome = createRoute({
  method: 'put',
  path: '/sessions/{id}/outcome',
  operationId: 'setSessionOutcome',
  tags: ['Sheet'],
  summary: 'What came out of a completed session (optional, can be added later)',
  request: {
    params: z.object({ id: SessionId }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: SessionOutcomeInput.meta({ id: 'SessionOutcomeInput' }),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(
      Session.extend({ outcome: z.string().nullable(), outcomeNote: z.string() }).openapi(
        'SessionWithOutcome',
      ),
      'The session',
    ),
    ...commonErrors,
    ...notFound,
    ...conflict,
    ...unsupportedMedia,
  },
});

export function sessionWorkRoutes(deps: ServiceDeps) {
  const itemsOf = async (actor: ApiEnv['Variables']['actor'], id: string) =>
    (await tasksOfSession(deps, actor, id)).map((t) => ({ task: presentTask(t.task), role: t.role }));
  return new OpenAPIHono<ApiEnv>()
    .openapi(list, async (c) =>
      c.json({ items: await itemsOf(c.get('actor'), c.req.valid('param').id) }, 200),
    )
    .openapi(link, async (c) => {
      const { id, taskId } = c.req.valid('param');
      await linkTaskToSession(deps, c.get('actor'), id, taskId, c.req.valid('json').role);
      return c.json({ items: await itemsOf(c.get('actor'), id) }, 200);
    })
    .openapi(unlink, async (c) => {
      const { id, taskId } = c.req.valid('param');
      await unlinkTaskFromSession(deps, c.get('actor'), id, taskId);
      return c.body(null, 204);
    })
    .openapi(outcome, async (c) => {
      const id = c.req.valid('param').id;
      const saved = await setSessionOutcome(deps, c.get('actor'), id, c.req.valid('json'));
      const { session, today, now } = await getSession(deps, c.get('actor'), id);
      return c.json(
        {
          ...presentSession(session, today, now),
          outcome: saved.outcome ?? null,
          outcomeNote: saved.outcomeNote ?? '',
        },
        200,
      );
    });
}
