import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { Executor } from '../client.ts';
import {
  type ImportedIssueRow,
  type IntegrationConnectionRow,
  importedIssues,
  importedPullLinks,
  integrationConnections,
  sessionTasks,
  tasks,
} from '../schema/index.ts';

// Data access for issue-tracker connections and what they imported, scoped by owner.

export async function insertConnection(
  db: Executor,
  values: Omit<typeof integrationConnections.$inferInsert, 'id'>,
): Promise<IntegrationConnectionRow> {
  return (await db.insert(integrationConnections).values(values).returning())[0]!;
}

export function listOwnConnections(db: Executor, userId: string): Promise<IntegrationConnectionRow[]> {
  return db
    .select()
    .from(integrationConnections)
    .where(eq(integrationConnections.userId, userId))
    .orderBy(desc(integrationConnections.createdAt), desc(integrationConnections.id));
}

/** One of the owner's connections. Throws 'not_found' (also for a malformed id or another's). */
export async function findOwnConnection(
  db: Executor,
  userId: string,
  id: string,
): Promise<IntegrationConnectionRow> {
  if (!z.uuid().safeParse(id).success) throw connectionNotFound();
  const rows = await db
    .select()
    .from(integrationConnections)
    .where(and(eq(integrationConnections.id, id), eq(integrationConnections.userId, userId)));
  if (!rows[0]) throw connectionNotFound();
  return rows[0];
}

export async function findConnection(
  db: Executor,
  id: string,
): Promise<IntegrationConnectionRow | undefined> {
  return (await db.select().from(integrationConnections).where(eq(integrationConnections.id, id)))[0];
}

export async function deleteOwnConnection(db: Executor, userId: string, id: string): Promise<void> {
  await findOwnConnection(db, userId, id);
  await db
    .delete(integrationConnections)
    .where(and(eq(integrationConnections.id, id), eq(integrationConnections.userId, userId)));
}

export async function updateConnection(
  db: Executor,
  id: string,
  change: Partial<typeof integrationConnections.$inferInsert>,
): Promise<void> {
  await db.update(integrationConnections).set(change).where(eq(integrationConnections.id, id));
}

/** Adds a page's counts to the run's. */
export async function addSyncCounts(
  db: Executor,
  id: string,
  counts: { imported: number; updated: number; skipped: number },
): Promise<void> {
  await db
    .update(integrationConnections)
    .set({
      importedCount: sql`${integrationConnections.importedCount} + ${counts.imported}`,
      updatedCount: sql`${integrationConnections.updatedCount} + ${counts.updated}`,
      skippedCount: sql`${integrationConnections.skippedCount} + ${counts.skipped}`,
    })
    .where(eq(integrationConnections.id, id));
}

export async function allConnectionIds(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ id: integrationConnections.id })
    .from(integrationConnections)
    .where(sql`${integrationConnections.status} <> 'broken'`);
  return rows.map((row) => row.id);
}

export type ImportedIssueState = {
  issue: ImportedIssueRow;
  task: typeof tasks.$inferSelect | null;
  isPlanned: boolean;
};

/** The person's import of an issue, with its task as it is now (null once they deleted it). */
export async function findImportedIssue(
  db: Executor,
  key: { userId: string; provider: 'github' | 'gitlab'; host: string; externalId: string },
): Promise<ImportedIssueState | undefined> {
  const rows = await db
    .select({
      issue: importedIssues,
      task: tasks,
      isPlanned: sql<boolean>`exists (select 1 from ${sessionTasks} where ${sessionTasks.taskId} = ${importedIssues.taskId})`,
    })
    .from(importedIssues)
    .leftJoin(tasks, eq(tasks.id, importedIssues.taskId))
    .where(
      and(
        eq(importedIssues.userId, key.userId),
        eq(importedIssues.provider, key.provider),
        eq(importedIssues.host, key.host),
        eq(importedIssues.externalId, key.externalId),
      ),
    );
  return rows[0];
}

/** Records an import; an issue recorded meanwhile (a sync run twice) wins, and undefined is answered. */
export async function insertImportedIssue(
  db: Executor,
  values: Omit<typeof importedIssues.$inferInsert, 'id'>,
): Promise<ImportedIssueRow | undefined> {
  const rows = await db.insert(importedIssues).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export async function updateImportedIssue(
  db: Executor,
  id: string,
  change: Partial<typeof importedIssues.$inferInsert>,
): Promise<void> {
  await db.update(importedIssues).set(change).where(eq(importedIssues.id, id));
}

/** The imported issue a reference names, if the person imported it and still has its task. */
export async function findIssueByNumber(
  db: Executor,
  userId: string,
  host: string,
  repository: string,
  number: number,
): Promise<ImportedIssueRow | undefined> {
  const rows = await db
    .select()
    .from(importedIssues)
    .where(
      and(
        eq(importedIssues.userId, userId),
        eq(importedIssues.host, host),
        sql`lower(${importedIssues.repository}) = lower(${repository})`,
        eq(importedIssues.number, number),
      ),
    );
  return rows.find((row) => row.taskId !== null);
}

/** Claims a pull request's link on an issue; false when it was linked before (even if since removed). */
export async function claimPullLink(
  db: Executor,
  importedIssueId: string,
  url: string,
  now: Date,
): Promise<string | undefined> {
  const rows = await db
    .insert(importedPullLinks)
    .values({ importedIssueId, url, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: importedPullLinks.id });
  return rows[0]?.id;
}

export async function setPullLinkResource(db: Executor, id: string, resourceId: string): Promise<void> {
  await db.update(importedPullLinks).set({ resourceId }).where(eq(importedPullLinks.id, id));
}

function connectionNotFound(): AppError {
  return new AppError('not_found', 'That connection does not exist.');
}
