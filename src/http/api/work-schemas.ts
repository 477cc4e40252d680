import { z } from '@hono/zod-openapi';
import {
  PROJECT_STATUSES,
  RESOURCE_KINDS,
  SESSION_TASK_ROLES,
  SWITCH_REASONS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TYPES,
} from '../../domain/work-values.ts';
import { LocalDate, pageOf, Timestamp } from './schemas.ts';

export const Project = z
  .object({
    id: z.string(),
    teamId: z
      .string()
      .nullable()
      .openapi({ description: 'The team the project is shared with; null for your own.' }),
    name: z.string(),
    color: z.string(),
    description: z.string(),
    status: z.enum(PROJECT_STATUSES),
    openTasks: z.number().int().optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Project');

export const Task = z
  .object({
    id: z.string(),
    projectId: z.string().nullable(),
    teamId: z
      .string()
      .nullable()
      .openapi({ description: 'The team whose project holds the task; null for your own.' }),
    title: z.string(),
    description: z.string(),
    type: z.enum(TASK_TYPES),
    priority: z.enum(TASK_PRIORITIES),
    status: z.enum(TASK_STATUSES),
    estimateSessions: z.number().int().nullable(),
    dueDate: LocalDate.nullable(),
    externalUrl: z.string().nullable(),
    externalId: z.string().nullable(),
    focusSeconds: z.number().int().optional(),
    sessionCount: z.number().int().optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Task');

export const Resource = z
  .object({
    id: z.string(),
    taskId: z.string().nullable(),
    sessionId: z.string().nullable(),
    url: z.string(),
    title: z.string(),
    kind: z.enum(RESOURCE_KINDS),
    createdAt: Timestamp,
  })
  .openapi('Resource');

export const TaskDetail = Task.extend({
  // Not Project.nullable(): that renders as allOf [Project, object|null], which null can never match.
  project: z.union([Project, z.null()]),
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      date: LocalDate,
      slot: z.number().int(),
      role: z.enum(SESSION_TASK_ROLES),
      state: z.string(),
      focusSeconds: z.number().int().nullable(),
      goal: z.string(),
    }),
  ),
  resources: z.array(Resource),
}).openapi('TaskDetail');

export const QuickAddPreview = z
  .object({
    title: z.string(),
    projectName: z.string().nullable(),
    isNewProject: z.boolean(),
    priority: z.string().nullable(),
    type: z.string().nullable(),
    dueDate: LocalDate.nullable(),
    understood: z.array(z.string()),
  })
  .openapi('QuickAddPreview');

export const ContextSwitch = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    occurredAt: Timestamp,
    reason: z.enum(SWITCH_REASONS),
    note: z.string(),
    fromTaskId: z.string().nullable(),
    toTaskId: z.string().nullable(),
  })
  .openapi('ContextSwitch');

export const SessionTask = z.object({ task: Task, role: z.enum(SESSION_TASK_ROLES) }).openapi('SessionTask');

export const SearchHit = z
  .object({
    kind: z.enum(['task', 'session']),
    id: z.string(),
    title: z.string(),
    date: LocalDate.nullable(),
    rank: z.number(),
    snippet: z.array(z.object({ text: z.string(), isMatch: z.boolean() })),
  })
  .openapi('SearchHit');

export const ProjectPage = pageOf(Project, 'ProjectPage');
export const TaskPage = pageOf(Task, 'TaskPage');
export const ResourcePage = pageOf(Resource, 'ResourcePage');
export const ContextSwitchPage = pageOf(ContextSwitch, 'ContextSwitchPage');
