import type { Page } from '../../db/stores/keyset.ts';
import { pageOfTasks, type TaskListItem } from '../../db/stores/task-store.ts';
import { TaskListQuery } from '../../domain/inputs/tasks.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

export type { TaskListItem } from '../../db/stores/task-store.ts';
export type { TaskListQuery };

/**
 * The actor's tasks with their focus and session count, filtered and ordered; `q` is a full-text
 * search over title and description (a plain substring match when it holds no searchable word).
 * Every order pages stably: the cursor holds the sort keys. Nulls (no due date) come last.
 * Throws 'validation' for a bad filter or cursor.
 */
export async function listTasks(
  deps: ServiceDeps,
  actor: Actor,
  query: TaskListQuery,
): Promise<Page<TaskListItem>> {
  return pageOfTasks(deps.db, actor.id, parseOrThrow(TaskListQuery, query));
}
