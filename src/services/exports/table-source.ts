import { and, eq, gt, gte, lt, or } from 'drizzle-orm';
import type { contextSwitches, tasks } from '../../db/schema/index.ts';
import { keysetBatches } from '../../db/stores/keyset.ts';
import { addDays, startOfLocalDay } from '../../domain/local-date.ts';
import { SLOTS } from '../../domain/sheet.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import type { ExportRange } from './export-range.ts';

export type ExportValue = string | number | boolean | null;
export type ExportRecord = Record<string, ExportValue>;

/** One exportable table: its columns in file order and a reader that pages through it by key. */
export type TableSource = {
  columns: readonly string[];
  /** Yields the person's rows in batches of at most `batchSize`, in a stable order. */
  batches(
    deps: Pick<ServiceDeps, 'db'>,
    actor: Actor,
    range: ResolvedRange,
    batchSize: number,
  ): AsyncGenerator<ExportRecord[]>;
  /** How many rows the export will hold (for a job's progress). */
  count(deps: Pick<ServiceDeps, 'db'>, actor: Actor, range: ResolvedRange): Promise<number>;
};

/** A range with the person's time zone, so instants can be placed on their local days. */
export type ResolvedRange = ExportRange & { timeZone: string };

export const DEFAULT_BATCH_SIZE = 500;

export const iso = (value: Date | null) => (value ? value.toISOString() : null);
export const labelOf = (slot: number) => SLOTS.find((s) => s.slot === slot)?.label ?? `Slot ${slot}`;

/** Instants that fall on the range's local days. */
export function instantRange(
  column: typeof tasks.createdAt | typeof contextSwitches.occurredAt,
  range: ResolvedRange,
) {
  return [
    range.from ? gte(column, startOfLocalDay(range.from, range.timeZone)) : undefined,
    range.to ? lt(column, startOfLocalDay(addDays(range.to, 1), range.timeZone)) : undefined,
  ];
}

export function byInstant<Row extends { id: string }>(
  at: (row: Row) => Date,
  read: (
    deps: Pick<ServiceDeps, 'db'>,
    actor: Actor,
    range: ResolvedRange,
    after: { at: Date; id: string } | undefined,
    limit: number,
  ) => Promise<Row[]>,
  record: (row: Row) => ExportRecord,
): TableSource['batches'] {
  return (deps, actor, range, batchSize) =>
    keysetBatches(
      batchSize,
      (after: { at: Date; id: string } | undefined) => read(deps, actor, range, after, batchSize),
      (last) => ({ at: at(last), id: last.id }),
      record,
    );
}

export function afterKey(
  column: typeof tasks.createdAt | typeof contextSwitches.occurredAt,
  id: typeof tasks.id | typeof contextSwitches.id,
  after?: { at: Date; id: string },
) {
  return after ? or(gt(column, after.at), and(eq(column, after.at), gt(id, after.id))) : undefined;
}
