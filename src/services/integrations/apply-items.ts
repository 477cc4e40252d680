import type { Executor } from '../../db/client.ts';
import type { IntegrationConnectionRow } from '../../db/schema/index.ts';
import {
  claimPullLink,
  findImportedIssue,
  findIssueByNumber,
  insertImportedIssue,
  setPullLinkResource,
  updateImportedIssue,
} from '../../db/stores/integration-store.ts';
import { insertResource } from '../../db/stores/resource-store.ts';
import { insertTask, updateTaskRow } from '../../db/stores/task-store.ts';
import { guessFromLabels } from '../../domain/issue-labels.ts';
import { referencedIssues } from '../../domain/issue-references.ts';
import { decideResync, type IssueFields, statusOfIssueState, taskTitleOf } from '../../domain/issue-sync.ts';
import type { TaskPriority, TaskStatus, TaskType } from '../../domain/work-values.ts';
import type { RemoteIssue, RemoteItem, RemotePull } from '../../integrations/provider-client.ts';
import { announceTeamTask } from '../tasks/team-task-events.ts';

export type SyncCounts = { imported: number; updated: number; skipped: number };
export type ImportTarget = { projectId: string | null; teamId: string | null };

/**
 * Applies one page of a listing in the caller's transaction. Issues first, so a pull request on
 * the same page finds the task of an issue it references. Idempotent: run twice, it changes
 * nothing the second time (the unique key holds one import per issue, one link per pull).
 */
export async function applyItems(
  tx: Executor,
  connection: IntegrationConnectionRow,
  target: ImportTarget,
  items: RemoteItem[],
  now: Date,
): Promise<SyncCounts> {
  const counts: SyncCounts = { imported: 0, updated: 0, skipped: 0 };
  for (const item of items) {
    if (item.kind === 'issue') counts[await applyIssue(tx, connection, target, item, now)] += 1;
  }
  for (const item of items) {
    if (item.kind !== 'pull') continue;
    // Never a task of its own; linked to the tasks of the issues it mentions.
    await linkPull(tx, connection, item, now);
    counts.skipped += 1;
  }
  return counts;
}

function fieldsOf(issue: RemoteIssue): IssueFields {
  return {
    title: taskTitleOf(issue.title),
    status: statusOfIssueState(issue.state),
    ...guessFromLabels(issue.labels),
  };
}

async function applyIssue(
  tx: Executor,
  connection: IntegrationConnectionRow,
  target: ImportTarget,
  issue: RemoteIssue,
  now: Date,
): Promise<keyof SyncCounts> {
  const key = { userId: connection.userId, provider: connection.provider, host: connection.host };
  const found = await findImportedIssue(tx, { ...key, externalId: issue.externalId });
  const incoming = fieldsOf(issue);
  if (!found) {
    if (issue.state === 'closed') return 'skipped';
    const task = await insertTask(tx, {
      userId: connection.userId,
      projectId: target.projectId,
      ...incoming,
      externalUrl: issue.url,
      externalId: `${issue.repository}#${issue.number}`.slice(0, 100),
      createdAt: now,
      updatedAt: now,
    });
    const recorded = await insertImportedIssue(tx, {
      ...key,
      connectionId: connection.id,
      externalId: issue.externalId,
      repository: issue.repository,
      number: issue.number,
      url: issue.url,
      taskId: task.id,
      ...writtenColumns({ ...incoming, projectId: target.projectId }),
      createdAt: now,
      updatedAt: now,
    });
    if (!recorded) throw new Error('issue imported concurrently'); // rolls the page back; the retry sees it
    await announceTeamTask(tx, target.teamId, task.id, 'created', now);
    return 'imported';
  }
  // A task the person deleted stays deleted.
  if (!found.task) return 'skipped';
  const written = {
    title: found.issue.writtenTitle,
    status: found.issue.writtenStatus as TaskStatus,
    type: found.issue.writtenType as TaskType,
    priority: found.issue.writtenPriority as TaskPriority,
    projectId: found.issue.writtenProjectId,
  };
  const decision = decideResync({ ...found.task, isPlanned: found.isPlanned }, written, incoming);
  await updateImportedIssue(tx, found.issue.id, { url: issue.url, number: issue.number, updatedAt: now });
  if (Object.keys(decision.patch).length === 0) return 'skipped';
  await updateTaskRow(tx, found.task.id, { ...decision.patch, updatedAt: now });
  await updateImportedIssue(tx, found.issue.id, writtenColumns(decision.written));
  return 'updated';
}

const writtenColumns = (fields: IssueFields & { projectId: string | null }) => ({
  writtenTitle: fields.title,
  writtenStatus: fields.status,
  writtenType: fields.type,
  writtenPriority: fields.priority,
  writtenProjectId: fields.projectId,
});

async function linkPull(tx: Executor, connection: IntegrationConnectionRow, pull: RemotePull, now: Date) {
  if (!pull.url) return;
  for (const ref of referencedIssues(`${pull.title}\n${pull.body}`, pull.repository)) {
    const issue = await findIssueByNumber(tx, connection.userId, connection.host, ref.repository, ref.number);
    if (!issue?.taskId) continue;
    const linkId = await claimPullLink(tx, issue.id, pull.url, now);
    if (!linkId) continue;
    const resource = await insertResource(tx, {
      userId: connection.userId,
      taskId: issue.taskId,
      url: pull.url,
      title: taskTitleOf(pull.title),
      kind: 'pull_request',
      createdAt: now,
    });
    await setPullLinkResource(tx, linkId, resource.id);
  }
}
