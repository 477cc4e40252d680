import type { z } from '@hono/zod-openapi';
import type { ContextSwitchRow, ProjectRow, ResourceRow } from '../../db/schema/index.ts';
import type { TaskDetail as TaskDetailView, TeamTaskRow } from '../../db/stores/task-store.ts';
import type * as W from './work-schemas.ts';

export function presentProject(p: ProjectRow & { openTasks?: number }): z.infer<typeof W.Project> {
  return {
    id: p.id,
    teamId: p.teamId,
    name: p.name,
    color: p.color,
    description: p.description,
    status: p.status,
    ...(p.openTasks !== undefined ? { openTasks: p.openTasks } : {}),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentTask(
  t: TeamTaskRow & { focusSeconds?: number; sessionCount?: number },
): z.infer<typeof W.Task> {
  return {
    id: t.id,
    projectId: t.projectId,
    teamId: t.teamId,
    title: t.title,
    description: t.description,
    type: t.type,
    priority: t.priority,
    status: t.status,
    estimateSessions: t.estimateSessions,
    dueDate: t.dueDate,
    externalUrl: t.externalUrl,
    externalId: t.externalId,
    ...(t.focusSeconds !== undefined ? { focusSeconds: t.focusSeconds } : {}),
    ...(t.sessionCount !== undefined ? { sessionCount: t.sessionCount } : {}),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export function presentResource(r: ResourceRow): z.infer<typeof W.Resource> {
  return {
    id: r.id,
    taskId: r.taskId,
    sessionId: r.sessionId,
    url: r.url,
    title: r.title,
    kind: r.kind,
    createdAt: r.createdAt.toISOString(),
  };
}

export function presentTaskDetail(d: TaskDetailView): z.infer<typeof W.TaskDetail> {
  return {
    ...presentTask({
      ...d.task,
      teamId: d.teamId,
      focusSeconds: d.focusSeconds,
      sessionCount: d.sessions.length,
    }),
    project: d.project ? presentProject(d.project) : null,
    sessions: d.sessions.map((s) => ({ ...s, role: s.role })),
    resources: d.resources.map(presentResource),
  };
}

export function presentContextSwitch(s: ContextSwitchRow): z.infer<typeof W.ContextSwitch> {
  return {
    id: s.id,
    sessionId: s.sessionId,
    occurredAt: s.occurredAt.toISOString(),
    reason: s.reason,
    note: s.note,
    fromTaskId: s.fromTaskId,
    toTaskId: s.toTaskId,
  };
}
