/** The fixed vocabularies of the work behind sessions; the database checks the same lists. */
export const PROJECT_STATUSES = ['active', 'paused', 'done', 'archived'] as const;
export const TASK_TYPES = ['bug', 'feature', 'refactor', 'research', 'chore', 'admin'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_STATUSES = ['todo', 'doing', 'done', 'dropped'] as const;
export const SWITCH_REASONS = [
  'meeting',
  'message',
  'colleague',
  'urgent',
  'own_idea',
  'break',
  'other',
] as const;
export const RESOURCE_KINDS = ['pull_request', 'issue', 'doc', 'design', 'other'] as const;
export const PROJECT_COLORS = ['teal', 'indigo', 'amber', 'rose', 'sky', 'lime', 'violet', 'stone'] as const;
export const SESSION_OUTCOMES = ['done', 'progressed', 'blocked', 'nothing'] as const;
export const SESSION_TASK_ROLES = ['main', 'supporting'] as const;

export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type TaskType = (typeof TASK_TYPES)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type SwitchReason = (typeof SWITCH_REASONS)[number];
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export type ProjectColor = (typeof PROJECT_COLORS)[number];
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];
export type SessionTaskRole = (typeof SESSION_TASK_ROLES)[number];
