import type { Executor } from '../../db/client.ts';
import type { TaskRow } from '../../db/schema/index.ts';
import { queueWebhooks } from '../../db/stores/webhook-outbox.ts';

/** Queues task.created or task.completed for the person who did it, inside the change's transaction. */
export async function queueTaskWebhook(
  tx: Executor,
  userId: string,
  event: 'task.created' | 'task.completed',
  task: Pick<TaskRow, 'id' | 'title' | 'status' | 'projectId' | 'priority' | 'type'>,
  at: Date,
): Promise<void> {
  const data = {
    taskId: task.id,
    title: task.title,
    status: task.status,
    projectId: task.projectId,
    priority: task.priority,
    type: task.type,
  };
  await queueWebhooks(tx, { userId, event, data, at });
}
