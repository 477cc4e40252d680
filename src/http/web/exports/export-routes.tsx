import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, isAppError } from '../../../domain/errors.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  importAccountArchive,
  MAX_ARCHIVE_BYTES,
  parseArchiveText,
} from '../../../services/exports/account-import.ts';
import { createExportJob, downloadExportJob, getExportJob } from '../../../services/exports/export-jobs.ts';
import { checkExportRequest, isLongExport, openExport } from '../../../services/exports/open-export.ts';
import type { AppEnv } from '../../context.ts';
import { STATUS_OF } from '../../errors.ts';
import { storedFileResponse, streamedFileResponse } from '../../export-file-response.ts';
import { requireSignIn } from '../../middleware/require-sign-in.ts';
import type { AssetManifest } from '../assets.ts';
import { pageContext } from '../page-context.ts';
import { ExportJobPage, ExportJobStatus } from './export-job-page.tsx';
import { ImportResultPage } from './import-result-page.tsx';

export const IMPORT_PAGE_PATH = '/account/import';

/** Refuses an upload over the archive limit before anything reads it: app.tsx mounts it ahead of the CSRF check, which reads form bodies. */
export const importBodyLimit = bodyLimit({
  maxSize: MAX_ARCHIVE_BYTES,
  onError: () => {
    throw new AppError(
      'payload_too_large',
      `The archive is larger than ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB, the most an import takes.`,
    );
  },
});

/**
 * Downloads from the pages: /exports/{kind}.{format}?from=&to= streams the file, or, for a long
 * range or the whole account, starts a background export and shows its progress page. Also the
 * import of an archive into a fresh account.
 */
export function exportRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();
  app.use('/exports/*', requireSignIn);
  app.use(IMPORT_PAGE_PATH, requireSignIn);
  const actor = (c: Context<AppEnv>) => c.get('actor');

  app.get('/exports/jobs/:id', async (c) => {
    const job = await getExportJob(deps, actor(c), c.req.param('id'));
    return c.html(<ExportJobPage page={pageContext(c, assets, 'settings')} job={job} />);
  });

  app.get('/exports/jobs/:id/status', async (c) => {
    const job = await getExportJob(deps, actor(c), c.req.param('id'));
    return c.html(<ExportJobStatus job={job} />);
  });

  app.get('/exports/jobs/:id/download', async (c) =>
    storedFileResponse(c, await downloadExportJob(deps, actor(c), c.req.param('id'))),
  );

  app.get('/exports/:file{[a-z-]+\\.(?:csv|json|pdf)}', async (c) => {
    const [kind, format] = c.req.param('file').split('.');
    const request = checkExportRequest({ kind, format, from: c.req.query('from'), to: c.req.query('to') });
    if (await isLongExport(deps, actor(c), request)) {
      const job = await createExportJob(deps, actor(c), request);
      return c.redirect(`/exports/jobs/${job.id}`, 303);
    }
    return streamedFileResponse(c, await openExport(deps, actor(c), request));
  });

  app.post(IMPORT_PAGE_PATH, async (c) => {
    const page = pageContext(c, assets, 'settings');
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const file = body.archive;
    try {
      if (!(file instanceof File) || file.size === 0)
        throw new AppError('validation', 'Choose an archive file to import.', {
          fields: { archive: 'No file.' },
        });
      const summary = await importAccountArchive(deps, actor(c), parseArchiveText(await file.text()));
      return c.html(<ImportResultPage page={page} summary={summary} />);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return c.html(
        <ImportResultPage page={page} error={{ message: error.message, problems: error.fields }} />,
        STATUS_OF[error.code],
      );
    }
  });

  return app;
}
