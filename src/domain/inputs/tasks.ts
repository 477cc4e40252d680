import { z } from 'zod';
import { choice, LinkField, LocalDateField, multiLine, oneLine, recordId } from '../fields.ts';
import { TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES } from '../work-values.ts';
import { choiceList, PageQuery } from './page-query.ts';

const TaskFields = {
  title: oneLine(255, 'the title').min(1, 'Give the task a title.'),
  description: multiLine(10_000, 'the description', { isTrimmed: false }),
  type: choice(TASK_TYPES),
  priority: choice(TASK_PRIORITIES),
  status: choice(TASK_STATUSES),
  projectId: recordId('Choose one of your projects.').nullable(),
  estimateSessions: z.number().int('Use whole sessions.').min(1).max(100).nullable(),
  dueDate: LocalDateField.nullable(),
  externalUrl: LinkField.nullable(),
  externalId: oneLine(100, 'the external id').nullable(),
};

/** A new task: a title, the rest optional with defaults. */
export const TaskInput = z
  .object({
    ...TaskFields,
    description: TaskFields.description.default(''),
    type: TaskFields.type.default('feature'),
    priority: TaskFields.priority.default('normal'),
    status: TaskFields.status.default('todo'),
    projectId: TaskFields.projectId.default(null),
    estimateSessions: TaskFields.estimateSessions.default(null),
    dueDate: TaskFields.dueDate.default(null),
    externalUrl: TaskFields.externalUrl.default(null),
    externalId: TaskFields.externalId.default(null),
  })
  .strict();
export type TaskInput = z.input<typeof TaskInput>;

/** A change to a task: only the fields given change. */
export const TaskPatch = z.object(TaskFields).partial().strict();
export type TaskPatch = z.input<typeof TaskPatch>;

export const TASK_ORDERS = ['newest', 'oldest', 'priority', 'due'] as const;

export const TaskListQuery = PageQuery.extend({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .meta({ description: 'Full-text search in titles and descriptions.' }),
  status: choiceList(TASK_STATUSES).optional(),
  type: choiceList(TASK_TYPES).optional(),
  priority: choiceList(TASK_PRIORITIES).optional(),
  projectId: z
    .union([z.uuid(), z.literal('inbox')])
    .optional()
    .meta({ description: 'A project id, or `inbox` for tasks without one.' }),
  teamId: z
    .union([z.uuid(), z.literal('personal')])
    .optional()
    .meta({
      description: 'A team id for the tasks in that team’s projects, or `personal` for your own only.',
    }),
  order: z.enum(TASK_ORDERS).default('newest'),
});
export type TaskListQuery = z.input<typeof TaskListQuery>;
