import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { TIMER_ACTIONS, timerActionOf } from '../../../domain/timer.ts';
import { changeSession, getSession } from '../../../services/change-session.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { listSessions, SESSION_LIST_ORDERS } from '../../../services/list-sessions.ts';
import type { ApiEnv } from '../context.ts';
import { presentSession } from '../presenters.ts';
import {
  commonErrors,
  conflict,
  jsonResponse,
  notFound,
  pageOf,
  Session,
  Timestamp,
  unsupportedMedia,
} from '../schemas.ts';

const SessionId = z
  .string()
  .max(64)
  .openapi({ param: { name: 'id', in: 'path' }, example: '00504501-efba-8ae1-91ef-9dcee42d3c7f' });

const SessionPage = pageOf(Session, 'SessionPage');
const StateList = z.union([z.string(), z.array(z.string())]).openapi({
  description:
    'Comma-separated or repeated: planned, active, paused, completed, skipped (`state=completed,skipped` or `state=completed&state=skipped`).',
});

const listRoute = createRoute({
  method: 'get',
  path: '/sessions',
  operationId: 'listSessions',
  tags: ['Sheet'],
  summary: 'Your stored sessions: filter by day, state, kind and task; newest first',
  description:
    'Lists the sessions that are stored: a day is stored whole (all four slots) on its first change, so every slot of a touched day is listed and a day never touched lists nothing. `order`: `newest` (day and slot, latest first; the default), `oldest`, `focus` (focus seconds, most first) or `interruptions` (recorded context switches, most first).',
  request: {
    query: z.object({
      limit: z.string().optional(),
      cursor: z.string().optional(),
      from: z.string().optional().openapi({ description: 'A local date, inclusive.' }),
      to: z.string().optional().openapi({ description: 'A local date, inclusive.' }),
      state: StateList.optional(),
      category: z
        .enum(['personal', 'admin'])
        .optional()
        .openapi({ description: 'The slot’s kind: Personal 1–3 or Admin.' }),
      taskId: z
        .string()
        .optional()
        .openapi({ description: 'Only sessions this task is linked to, as main or supporting task.' }),
      order: z.enum(SESSION_LIST_ORDERS).optional(),
    }),
  },
  responses: { 200: jsonResponse(SessionPage, 'A page of sessions'), ...commonErrors },
});

const getOne = createRoute({
  method: 'get',
  path: '/sessions/{id}',
  operationId: 'getSession',
  tags: ['Sheet'],
  summary: 'One session',
  request: { params: z.object({ id: SessionId }) },
  responses: {
    200: { description: 'The session', content: { 'application/json': { schema: Session } } },
    ...commonErrors,
    ...notFound,
  },
});

const SessionPatch = z
  .object({
    goal: z.string().max(1000).optional(),
    notes: z.string().max(100_000).optional(),
    plannedMinutes: z.number().int().optional(),
    version: z
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ description: 'The version you last saw; a different current version answers 409.' }),
    goalRevision: z.number().int().min(0).optional(),
    notesRevision: z.number().int().min(0).optional(),
  })
  .strict()
  .openapi('SessionPatch');

const patchOne = createRoute({
  method: 'patch',
  path: '/sessions/{id}',
  operationId: 'updateSession',
  tags: ['Sheet'],
  summary: 'Change the goal, notes or planned length',
  description:
    'Send `version` (or the goal/notes revision) you last saw: if someone changed the session since, the answer is 409 with the current text in `details.current`, and nothing is overwritten.',
  request: {
    params: z.object({ id: SessionId }),
    body: { required: true, content: { 'application/json': { schema: SessionPatch } } },
  },
  responses: {
    200: { description: 'The changed session', content: { 'application/json': { schema: Session } } },
    ...commonErrors,
    ...notFound,
    ...conflict,
    ...unsupportedMedia,
  },
});

const ActionBody = z
  .object({
    minutes: z.number().int().optional().openapi({
      description: 'For keepGoing (1..60), log and editMinutes. For a log with times: at most their span.',
    }),
    startedAt: Timestamp.max(64).optional().openapi({
      description:
        'For log: when the work really began (RFC 3339 with offset), on the session’s own day in your time zone. Send with endedAt.',
    }),
    endedAt: Timestamp.max(64).optional().openapi({
      description:
        'For log: when it ended; after startedAt, not in the future, at most 12 hours later (it may pass midnight). Without minutes, focus is the time between them.',
    }),
    reason: z.string().max(1000).optional().openapi({ description: 'For skip: why, optional.' }),
  })
  .strict()
  .openapi('TimerActionBody');

const act = createRoute({
  method: 'post',
  path: '/sessions/{id}/{action}',
  operationId: 'applyTimerAction',
  tags: ['Timer'],
  summary: 'Start, pause, resume, complete, skip, replan, reset, undo, keep going, log',
  description:
    'Timers run on today only; a past day is logged instead. At most one session runs at a time across devices. Send an `Idempotency-Key` so a retried action is applied once.',
  request: {
    params: z.object({
      id: SessionId,
      action: z.enum(TIMER_ACTIONS).openapi({ param: { name: 'action', in: 'path' } }),
    }),
    headers: z.object({ 'idempotency-key': z.string().max(255).optional() }),
    body: { required: false, content: { 'application/json': { schema: ActionBody } } },
  },
  responses: {
    200: {
      description: 'The session after the action',
      content: { 'application/json': { schema: Session } },
    },
    ...commonErrors,
    ...notFound,
    ...conflict,
    ...unsupportedMedia,
  },
});

export function sessionRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(listRoute, async (c) => {
      const { page, today, now } = await listSessions(deps, c.get('actor'), c.req.valid('query'));
      return c.json(
        { items: page.items.map((s) => presentSession(s, today, now)), nextCursor: page.nextCursor },
        200,
      );
    })
    .openapi(getOne, async (c) => {
      const { session, today, now } = await getSession(deps, c.get('actor'), c.req.valid('param').id);
      return c.json(presentSession(session, today, now), 200);
    })
    .openapi(patchOne, async (c) => {
      const { version, ...edit } = c.req.valid('json');
      const { session, today } = await changeSession(deps, c.get('actor'), c.req.valid('param').id, {
        edit,
        expectedVersion: version,
      });
      return c.json(presentSession(session, today, deps.clock.now()), 200);
    })
    .openapi(act, async (c) => {
      const { id, action } = c.req.valid('param');
      const body = c.req.valid('json') ?? {};
      const hasTimes = body.startedAt !== undefined || body.endedAt !== undefined;
      const { session, today } = await changeSession(deps, c.get('actor'), id, {
        action: timerActionOf(action, { minutes: body.minutes, reason: body.reason }),
        logTimes: hasTimes ? { startedAt: body.startedAt, endedAt: body.endedAt } : undefined,
      });
      return c.json(presentSession(session, today, deps.clock.now()), 200);
    });
}
