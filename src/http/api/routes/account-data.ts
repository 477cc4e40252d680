import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../../services/deps.ts';
import { openAccountArchive } from '../../../services/exports/account-archive.ts';
import { importAccountArchive } from '../../../services/exports/account-import.ts';
import { streamedFileResponse } from '../../export-file-response.ts';
import type { ApiEnv } from '../context.ts';
import { AccountArchive, ImportResult, presentImport } from '../export-schemas.ts';
import { commonErrors, conflict, jsonResponse, unsupportedMedia } from '../schemas.ts';

const exportAccount = createRoute({
  method: 'get',
  path: '/account/export',
  operationId: 'exportAccount',
  tags: ['Exports'],
  summary: 'Everything you own as one JSON archive (streamed)',
  responses: { 200: jsonResponse(AccountArchive, 'The archive, as an attachment'), ...commonErrors },
});

const importAccount = createRoute({
  method: 'post',
  path: '/account/import',
  operationId: 'importAccount',
  tags: ['Exports'],
  summary: 'Import an archive into this account, which must be fresh (up to 20 MB)',
  description:
    'All or nothing: the whole archive is checked first (a 422 lists the problems found), then stored in one transaction with new ids. An account that already has sessions with content, projects or tasks answers 409.',
  request: { body: { required: true, content: { 'application/json': { schema: AccountArchive } } } },
  responses: {
    200: jsonResponse(ImportResult, 'What was imported'),
    ...commonErrors,
    413: {
      description: 'The archive is larger than 20 MB.',
      content: {
        'application/problem+json': { schema: commonErrors[413].content['application/problem+json'].schema },
      },
    },
    ...conflict,
    ...unsupportedMedia,
  },
});

/** The full account archive: out as a stream, back in as one transaction. */
export function accountDataRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(
      exportAccount,
      async (c) => streamedFileResponse(c, await openAccountArchive(deps, c.get('actor'))) as never,
    )
    .openapi(importAccount, async (c) =>
      c.json(presentImport(await importAccountArchive(deps, c.get('actor'), c.req.valid('json'))), 200),
    );
}
