import { z } from '@hono/zod-openapi';
import type { IntegrationConnectionRow } from '../../db/schema/index.ts';
import { INTEGRATION_PROVIDERS, INTEGRATION_STATUSES } from '../../domain/integration-values.ts';
import { Timestamp } from './schemas.ts';

/** A GitHub or GitLab connection as its owner sees it: everything but the token. */
export const Integration = z
  .object({
    id: z.string(),
    provider: z.enum(INTEGRATION_PROVIDERS),
    baseUrl: z.string().openapi({ example: 'https://api.github.com' }),
    accountLogin: z.string().openapi({ description: 'The account the token belongs to.' }),
    repositories: z.array(z.string()).nullable().openapi({
      description: 'The chosen `owner/repo` paths; null for every repository the token can see.',
    }),
    projectId: z
      .string()
      .nullable()
      .openapi({ description: 'Where new issues land; null (the inbox) once that project is deleted.' }),
    status: z.enum(INTEGRATION_STATUSES).openapi({
      description:
        '`ok`; `rate_limited` (waiting until `waitingUntil`); `failing` (retrying); `broken` (the token was refused: connect again).',
    }),
    lastError: z.string().nullable().openapi({ description: 'The last problem, in words.' }),
    waitingUntil: Timestamp.nullable(),
    lastSyncedAt: Timestamp.nullable(),
    syncRequestedAt: Timestamp.nullable(),
    counts: z
      .object({ imported: z.number().int(), updated: z.number().int(), skipped: z.number().int() })
      .openapi({ description: 'What the last (or current) sync did.' }),
    progress: z
      .object({
        repository: z.string().nullable(),
        repositoriesDone: z.number().int(),
        repositoriesTotal: z.number().int(),
        seen: z.number().int(),
        total: z
          .number()
          .int()
          .nullable()
          .openapi({ description: 'About how many, when the provider says.' }),
        startedAt: Timestamp,
      })
      .nullable()
      .openapi({ description: 'The sync under way; null when none is.' }),
    createdAt: Timestamp,
  })
  .openapi('Integration');

export const IntegrationList = z.object({ items: z.array(Integration) }).openapi('IntegrationList');

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentIntegration(row: IntegrationConnectionRow): z.infer<typeof Integration> {
  const progress = row.progress;
  return {
    id: row.id,
    provider: row.provider,
    baseUrl: row.baseUrl,
    accountLogin: row.accountLogin,
    repositories: row.repositories,
    projectId: row.projectId,
    status: row.status,
    lastError: row.lastError,
    waitingUntil: iso(row.waitingUntil),
    lastSyncedAt: iso(row.lastSyncedAt),
    syncRequestedAt: iso(row.syncRequestedAt),
    counts: { imported: row.importedCount, updated: row.updatedCount, skipped: row.skippedCount },
    progress: progress
      ? {
          repository: progress.repositories[progress.repositoryIndex] ?? null,
          repositoriesDone: progress.repositoryIndex,
          repositoriesTotal: progress.repositories.length,
          seen: progress.seen,
          total: progress.total,
          startedAt: progress.startedAt,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
  };
}
