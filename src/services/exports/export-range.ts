import { z } from 'zod';
import type { EXPORT_FORMATS, EXPORT_KINDS } from '../../db/schema/index.ts';
import { AppError } from '../../domain/errors.ts';
import { daysBetween, type LocalDate, parseLocalDate } from '../../domain/local-date.ts';
import { fieldErrorsOf } from '../create-user.ts';

export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The kinds read row by row from one table and streamed. */
export type TableKind = 'sessions' | 'tasks' | 'context-switches';
export const TABLE_KINDS: readonly TableKind[] = ['sessions', 'tasks', 'context-switches'];

/** Local dates, both inclusive; either may be open. */
export type ExportRange = { from?: LocalDate | undefined; to?: LocalDate | undefined };

/** Ranges longer than this (about a quarter) are made by a background job when asked from a page. */
export const MAX_DIRECT_RANGE_DAYS = 92;

const DateParam = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === '') return undefined;
    const date = parseLocalDate(value);
    if (!date) ctx.addIssue({ code: 'custom', message: 'Use a date such as 2026-04-06.' });
    return date ?? undefined;
  });

const RangeParams = z
  .object({ from: DateParam, to: DateParam })
  .refine((r) => !r.from || !r.to || daysBetween(r.from, r.to) >= 0, {
    message: 'The range ends before it starts.',
    path: ['to'],
  });

/** Reads `from` / `to` query values. Throws 'validation' naming the bad field. */
export function parseExportRange(input: { from?: unknown; to?: unknown }): ExportRange {
  const parsed = RangeParams.safeParse({
    from: typeof input.from === 'string' ? input.from : undefined,
    to: typeof input.to === 'string' ? input.to : undefined,
  });
  if (!parsed.success)
    throw new AppError('validation', 'That date range is not valid.', {
      fields: fieldErrorsOf(parsed.error),
    });
  return parsed.data;
}

export function parseExportFormat(value: unknown, allowed: readonly ExportFormat[]): ExportFormat {
  const format = allowed.find((f) => f === value);
  if (!format)
    throw new AppError('validation', `Choose a format: ${allowed.join(', ')}.`, {
      fields: { format: `One of ${allowed.join(', ')}.` },
    });
  return format;
}

/** Days the range covers, counting both ends. */
export function rangeDays(range: Required<ExportRange>): number {
  return daysBetween(range.from, range.to) + 1;
}

/** deepsheet-sessions-2026-04-01-to-2026-04-30.csv; an open end is left out of the name. */
export function exportFileName(
  kind: ExportKind | 'team-report',
  format: ExportFormat,
  range: ExportRange,
  today: LocalDate,
) {
  const span =
    range.from && range.to
      ? `-${range.from}-to-${range.to}`
      : range.from
        ? `-${range.from}-to-${today}`
        : range.to
          ? `-to-${range.to}`
          : kind === 'insights' || kind === 'account'
            ? `-${today}`
            : `-all-${today}`;
  return `deepsheet-${kind}${span}.${format}`;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
};
