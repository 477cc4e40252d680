import type { TaskPriority, TaskStatus, TaskType } from './work-values.ts';

// What a re-sync may change on an imported issue's task. The import remembers what it last wrote;
// a field still holding that value is the import's to update, one holding anything else is the
// person's. A task the person moved or planned is theirs altogether: the sync leaves it be.

export type IssueFields = { title: string; status: TaskStatus; type: TaskType; priority: TaskPriority };
export type WrittenFields = IssueFields & { projectId: string | null };
export type TaskNow = WrittenFields & { isPlanned: boolean };

export type ResyncDecision = {
  /** The fields to change on the task; empty when nothing changes. */
  patch: Partial<IssueFields>;
  /** What the import has now written, to remember for the next sync. */
  written: WrittenFields;
};

const FIELDS = ['title', 'type', 'priority'] as const;

/** Whether the person changed anything the import wrote, or moved or planned the task. */
export function isTouched(task: TaskNow, written: WrittenFields): boolean {
  return (
    task.isPlanned ||
    task.projectId !== written.projectId ||
    task.status !== written.status ||
    FIELDS.some((field) => task[field] !== written[field])
  );
}

/**
 * Title, type and priority follow the issue while the person has not changed them; the state
 * (closed: done, reopened: to do) only while the task is untouched as a whole.
 */
export function decideResync(task: TaskNow, written: WrittenFields, incoming: IssueFields): ResyncDecision {
  const patch: Partial<IssueFields> = {};
  const next: WrittenFields = { ...written };
  if (task.isPlanned || task.projectId !== written.projectId) return { patch, written: next };
  const touched = isTouched(task, written);
  for (const field of FIELDS) {
    if (task[field] === written[field] && incoming[field] !== written[field]) {
      Object.assign(patch, { [field]: incoming[field] });
      Object.assign(next, { [field]: incoming[field] });
    }
  }
  if (!touched && incoming.status !== written.status) {
    patch.status = incoming.status;
    next.status = incoming.status;
  }
  return { patch, written: next };
}

/** The task status an issue's state stands for. */
export const statusOfIssueState = (state: 'open' | 'closed'): TaskStatus =>
  state === 'closed' ? 'done' : 'todo';

/** A task title from an issue's: one line, within the 255 characters a task holds, never empty. */
export function taskTitleOf(issueTitle: string): string {
  const line = issueTitle.replace(/\s+/g, ' ').trim();
  return line ? [...line].slice(0, 255).join('') : '(untitled issue)';
}
