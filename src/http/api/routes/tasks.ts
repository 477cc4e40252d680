import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { TaskInput, TaskListQuery, TaskPatch } from '../../../domain/inputs/tasks.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { previewQuickAdd, quickAddTask } from '../../../services/quick-add-task.ts';
import { planTaskIntoSlot } from '../../../services/session-tasks.ts';
import { createTask } from '../../../services/tasks/create-task.ts';
import { deleteTask } from '../../../services/tasks/delete-task.ts';
import { getTask } from '../../../services/tasks/get-task.ts';
import { listTasks } from '../../../services/tasks/list-tasks.ts';
import { updateTask } from '../../../services/tasks/update-task.ts';
import type { ApiEnv } from '../context.ts';
import {
  commonErrors,
  conflict,
  IdParams,
  jsonResponse,
  LocalDate,
  notFound,
  unsupportedMedia,
} from '../schemas.ts';
import { presentTask, presentTaskDetail } from '../work-presenters.ts';
import { QuickAddPreview, Task, TaskDetail, TaskPage } from '../work-schemas.ts';

const TaskBody = TaskInput.meta({ id: 'TaskInput' });
const TaskChange = TaskPatch.meta({ id: 'TaskPatch' });

const listRoute = createRoute({
  method: 'get',
  path: '/tasks',
  operationId: 'listTasks',
  tags: ['Tasks'],
  summary: 'Your tasks: filter, order, search',
  request: {
    query: TaskListQuery,
  },
  responses: { 200: jsonResponse(TaskPage, 'A page of tasks'), ...commonErrors },
});
const createRoute_ = createRoute({
  method: 'post',
  path: '/tasks',
  operationId: 'createTask',
  tags: ['Tasks'],
  summary: 'Create a task',
  request: { body: { required: true, content: { 'application/json': { schema: TaskBody } } } },
  responses: { 201: jsonResponse(Task, 'The task'), ...commonErrors, ...notFound, ...unsupportedMedia },
});
const quickAdd = createRoute({
  method: 'post',
  path: '/tasks/quick-add',
  operationId: 'quickAddTask',
  tags: ['Tasks'],
  summary: 'Add a task from one line, e.g. "Fix login redirect #web !high tomorrow"',
  description: 'With `dryRun: true` nothing is saved and the answer says what was understood.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ text: z.string().max(2000), dryRun: z.boolean().optional() })
            .strict()
            .openapi('QuickAddInput'),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(
      z.object({ preview: QuickAddPreview }).openapi('QuickAddDryRun'),
      'What would be saved',
    ),
    201: jsonResponse(
      z.object({ preview: QuickAddPreview, task: Task }).openapi('QuickAddResult'),
      'The new task',
    ),
    ...commonErrors,
    ...unsupportedMedia,
  },
});
const getOne = createRoute({
  method: 'get',
  path: '/tasks/{id}',
  operationId: 'getTask',
  tags: ['Tasks'],
  summary: 'One task with its sessions, focus and resources',
  request: { params: IdParams },
  responses: { 200: jsonResponse(TaskDetail, 'The task'), ...commonErrors, ...notFound },
});
const patch = createRoute({
  method: 'patch',
  path: '/tasks/{id}',
  operationId: 'updateTask',
  tags: ['Tasks'],
  summary: 'Change a task; fields left out keep their value',
  request: {
    params: IdParams,
    body: { required: true, content: { 'application/json': { schema: TaskChange } } },
  },
  responses: { 200: jsonResponse(Task, 'The task'), ...commonErrors, ...notFound, ...unsupportedMedia },
});
const remove = createRoute({
  method: 'delete',
  path: '/tasks/{id}',
  operationId: 'deleteTask',
  tags: ['Tasks'],
  summary: 'Delete a task',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
});
const plan = createRoute({
  method: 'post',
  path: '/tasks/{id}/plan',
  operationId: 'planTask',
  tags: ['Tasks'],
  summary: 'Plan the task into the next free slot of today or a chosen day',
  request: {
    params: IdParams,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z.object({ date: LocalDate.optional() }).strict().openapi('PlanTaskInput'),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(
      z.object({ sessionId: z.string(), date: LocalDate, slot: z.number().int() }).openapi('PlannedSlot'),
      'Where it went',
    ),
    ...commonErrors,
    ...notFound,
    ...conflict,
    ...unsupportedMedia,
  },
});

export function taskRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(listRoute, async (c) => {
      const page = await listTasks(deps, c.get('actor'), c.req.valid('query'));
      return c.json({ items: page.items.map(presentTask), nextCursor: page.nextCursor }, 200);
    })
    .openapi(createRoute_, async (c) =>
      c.json(presentTask(await createTask(deps, c.get('actor'), c.req.valid('json'))), 201),
    )
    .openapi(quickAdd, async (c) => {
      const { text, dryRun } = c.req.valid('json');
      if (dryRun) return c.json({ preview: await previewQuickAdd(deps, c.get('actor'), text) }, 200);
      const { task, preview } = await quickAddTask(deps, c.get('actor'), text);
      return c.json({ preview, task: presentTask(task) }, 201);
    })
    .openapi(getOne, async (c) =>
      c.json(presentTaskDetail(await getTask(deps, c.get('actor'), c.req.valid('param').id)), 200),
    )
    .openapi(patch, async (c) =>
      c.json(
        presentTask(await updateTask(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
    )
    .openapi(remove, async (c) => {
      await deleteTask(deps, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(plan, async (c) => {
      const body = c.req.valid('json') ?? {};
      return c.json(
        await planTaskIntoSlot(
          deps,
          c.get('actor'),
          c.req.valid('param').id,
          body.date ? { date: body.date } : {},
        ),
        200,
      );
    });
}
