import { and, desc, eq, getTableColumns, gt, lt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type ExportJobRow, exportJobs } from '../../db/schema/index.ts';
import { decodeCursor, type Page, toPage } from '../../db/stores/keyset.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import { exportUpdated } from '../../domain/events.ts';
import { PageQuery } from '../../domain/inputs/page-query.ts';
import { parseReportRange } from '../../domain/report-periods.ts';
import { recordEvent } from '../../realtime/events.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { JOB_NAMES } from '../job-sender.ts';
import { collectBytes } from './encode.ts';
import { checkExportRequest, type ExportRequest, openExport } from './open-export.ts';

/** How long a finished export stays downloadable. */
export const EXPORT_RETENTION_HOURS = 24;

// Status reads leave the file itself in the database: a page asks every second while it is made.
const WITHOUT_CONTENT = { ...getTableColumns(exportJobs), content: sql<null>`null` };

const jobNotFound = () =>
  new AppError('not_found', 'That export was not found. Finished exports are kept for 24 hours.');

/**
 * Queues an export to be made in the background and returns its row (status 'queued'); the
 * 'run-export' job makes it. Throws 'validation' for a bad kind, format or range.
 */
export async function createExportJob(
  deps: ServiceDeps,
  actor: Actor,
  input: { kind: unknown; format: unknown; from?: unknown; to?: unknown },
): Promise<ExportJobRow> {
  const request = checkExportRequest(input);
  // A report's range is bounded; say so now rather than in a failed job.
  if (request.kind === 'report' && (request.from || request.to)) parseReportRange(request.from, request.to);
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(exportJobs)
    .values({
      userId: actor.id,
      kind: request.kind,
      format: request.format,
      params: { ...(request.from ? { from: request.from } : {}), ...(request.to ? { to: request.to } : {}) },
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + EXPORT_RETENTION_HOURS * 3_600_000),
    })
    .returning();
  await deps.jobs.send({ name: JOB_NAMES.runExport, data: { exportId: row!.id } });
  return row!;
}

/** The actor's exports that have not expired, newest first, a page at a time. Throws 'validation'. */
export async function listExportJobs(
  deps: ServiceDeps,
  actor: Actor,
  query: z.input<typeof PageQuery>,
): Promise<Page<ExportJobRow>> {
  const q = parseOrThrow(PageQuery, query);
  const after = decodeCursor(q.cursor);
  const rows = await deps.db
    .select(WITHOUT_CONTENT)
    .from(exportJobs)
    .where(
      and(
        eq(exportJobs.userId, actor.id),
        gt(exportJobs.expiresAt, deps.clock.now()),
        after
          ? or(
              lt(exportJobs.createdAt, new Date(after.key)),
              and(eq(exportJobs.createdAt, new Date(after.key)), lt(exportJobs.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(exportJobs.createdAt), desc(exportJobs.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({ key: r.createdAt.toISOString(), id: r.id }));
}

/** One of the actor's exports without its content. Throws 'not_found' (also for another person's). */
export async function getExportJob(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  options: { withContent?: boolean } = {},
): Promise<ExportJobRow> {
  if (!z.uuid().safeParse(id).success) throw jobNotFound();
  const [row] = await deps.db
    .select(options.withContent ? getTableColumns(exportJobs) : WITHOUT_CONTENT)
    .from(exportJobs)
    .where(and(eq(exportJobs.id, id), eq(exportJobs.userId, actor.id)));
  if (!row || row.expiresAt <= deps.clock.now()) throw jobNotFound();
  return row;
}

/** The finished file. Throws 'not_found', or 'conflict' while it is not ready yet. */
export async function downloadExportJob(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<{ fileName: string; contentType: string; content: Uint8Array }> {
  const row = await getExportJob(deps, actor, id, { withContent: true });
  if (row.status !== 'ready' || !row.content)
    throw new AppError(
      'conflict',
      row.status === 'failed' ? 'This export could not be made.' : 'This export is not ready yet.',
    );
  return {
    fileName: row.fileName ?? 'deepsheet-export',
    contentType: row.contentType ?? 'application/octet-stream',
    content: row.content,
  };
}

export const RunExportPayload = z.object({ exportId: z.uuid() });

/**
 * Makes a queued export: reads the owner's data as the export's own person, writes progress as
 * it goes and stores the file. Idempotent: an export already ready (or expired, or gone) is left
 * alone, and a retried run starts over. A failure is stored with a calm message and logged.
 */
export async function runExportJob(deps: ServiceDeps, payload: unknown): Promise<void> {
  const { exportId } = RunExportPayload.parse(payload);
  const [job] = await deps.db.select().from(exportJobs).where(eq(exportJobs.id, exportId));
  if (!job || job.status === 'ready' || job.expiresAt <= deps.clock.now()) return;
  const actor: Actor = { id: job.userId, email: '', isAdmin: false };
  let progress = -1;
  const update = async (changes: Partial<ExportJobRow>) => {
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .update(exportJobs)
        .set({ ...changes, updatedAt: now })
        .where(and(eq(exportJobs.id, job.id), ne(exportJobs.status, 'ready')))
        .returning({ status: exportJobs.status, progress: exportJobs.progress });
      if (row)
        await recordEvent(tx, {
          userId: job.userId,
          at: now,
          event: exportUpdated({ id: job.id, ...row }),
        });
    });
  };
  const setProgress = async (fraction: number) => {
    const next = Math.min(99, Math.max(0, Math.floor(fraction * 100)));
    if (next === progress) return;
    progress = next;
    await update({ status: 'running', progress: next });
  };
  try {
    await setProgress(0);
    const request = { kind: job.kind, format: job.format, ...(job.params as object) } as ExportRequest;
    const file = await openExport(deps, actor, request, { onProgress: setProgress });
    const content = await collectBytes(file.chunks);
    await update({
      status: 'ready',
      progress: 100,
      fileName: file.fileName,
      contentType: file.contentType,
      content,
      byteSize: content.byteLength,
      error: null,
      finishedAt: deps.clock.now(),
    });
  } catch (error) {
    const isRefused = isAppError(error) && error.code === 'validation';
    if (!isRefused) deps.logger.error({ err: error, exportId: job.id }, 'export failed');
    await update({
      status: 'failed',
      error: isRefused
        ? error.message
        : 'This export could not be made. Please try again; if it keeps failing, choose a shorter range.',
      finishedAt: deps.clock.now(),
    });
  }
}
