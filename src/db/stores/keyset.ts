import { type AnyColumn, and, asc, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { parseLocalDate } from '../../domain/local-date.ts';

// Keyset paging, written once: the API's cursors (a timestamp and an id, or any sort keys and an id)
// and the batches an export reads (after the last key seen, never by offset).

export type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * A cursor holds the sort key (a timestamp, as toISOString writes it) and id of the last item
 * seen: stable while rows are added.
 */
export type CursorPosition = { key: string; id: string };

export function encodeCursor(position: CursorPosition): string {
  return writeCursor([position.key, position.id]);
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A timestamp as toISOString writes it, and a real one: JavaScript rolls '2026-02-30' over into
 * March where PostgreSQL refuses it (a 500), so the text must survive the round trip unchanged.
 * Rows are made after 1970; earlier years (PostgreSQL has no year 0) are refused, not compared.
 */
export function isCursorTimestamp(key: unknown): key is string {
  if (typeof key !== 'string' || !TIMESTAMP.test(key)) return false;
  const time = Date.parse(key);
  return time >= 0 && new Date(time).toISOString() === key;
}

/**
 * Throws 'validation' for a cursor this server did not make, including a forged one whose key or
 * id the database could not compare (an invalid date, an id that is not a UUID).
 */
export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined) return undefined;
  const value = readCursor(
    cursor,
    (v) => v.length === 2 && isCursorTimestamp(v[0]) && typeof v[1] === 'string' && UUID.test(v[1]),
  );
  return { key: value[0] as string, id: value[1] as string };
}

/** Cuts one extra row fetched to learn whether another page follows. */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): Page<T> {
  return cutPage(rows, limit, (last) => encodeCursor(positionOf(last)));
}

/**
 * Rows after a cursor's position in a list ordered by (`at`, `id`), newest or oldest first;
 * undefined without a cursor.
 */
export function afterPosition(
  at: AnyColumn,
  id: AnyColumn,
  after: CursorPosition | undefined,
  isNewest: boolean,
): SQL | undefined {
  if (!after) return undefined;
  const time = new Date(after.key);
  const cmp = isNewest ? lt : gt;
  return or(cmp(at, time), and(eq(at, time), cmp(id, after.id)));
}

/** The order that afterPosition pages through. */
export function positionOrder(at: AnyColumn, id: AnyColumn, isNewest: boolean): SQL[] {
  const direction = isNewest ? desc : asc;
  return [direction(at), direction(id)];
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

// ---- cursors over any sort key ----------------------------------------------------------------
// The cursors above hold one timestamp; lists ordered by name, priority or due date need more.

/** What a sort cursor holds before the row id; each list says which kinds it expects. */
export type SortKeyKind = 'text' | 'int' | 'timestamp' | 'date' | 'date?';
export type SortKey = string | number | null;

const isSortKey: Record<SortKeyKind, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 300 && !v.includes('\u0000'),
  int: (v) => Number.isInteger(v) && Math.abs(v as number) < 1e9,
  timestamp: isCursorTimestamp,
  date: (v) => typeof v === 'string' && parseLocalDate(v) !== null,
  'date?': (v) => v === null || (typeof v === 'string' && parseLocalDate(v) !== null),
};

/** Reads a cursor made by pageBySortKeys. Throws 'validation' for any other string. */
export function decodeSortCursor(
  cursor: string | undefined,
  kinds: readonly SortKeyKind[],
): { keys: SortKey[]; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const value = readCursor(
    cursor,
    (v) =>
      v.length === kinds.length + 1 &&
      z.uuid().safeParse(v.at(-1)).success &&
      kinds.every((kind, i) => isSortKey[kind](v[i])),
  );
  return { keys: value.slice(0, -1) as SortKey[], id: value.at(-1) as string };
}

/** Cuts the extra row fetched to learn whether another page follows; the cursor holds its sort keys. */
export function pageBySortKeys<T extends { id: string }>(
  rows: T[],
  limit: number,
  keysOf: (row: T) => SortKey[],
): Page<T> {
  return cutPage(rows, limit, (last) => writeCursor([...keysOf(last), last.id]));
}

function writeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The array a cursor holds when `isValid` accepts it; throws 'validation' for anything else. */
function readCursor(cursor: string, isValid: (value: unknown[]) => boolean): unknown[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && isValid(value)) return value;
  } catch {
    // fall through
  }
  throw new AppError('validation', 'That cursor is not valid; start again without one.', {
    fields: { cursor: 'Not a cursor from this list.' },
  });
}

function cutPage<T>(rows: T[], limit: number, cursorOf: (last: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

// ---- batches for exports ----------------------------------------------------------------------

/**
 * Reads a whole ordered table `size` rows at a time: each read starts after the key of the last
 * row of the one before, so a long history never sits in memory and rows are never skipped.
 * Yields each batch as `shape` makes it.
 */
export async function* keysetBatches<Row, Key, Item>(
  size: number,
  read: (after: Key | undefined) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  shape: (row: Row) => Item,
): AsyncGenerator<Item[]> {
  let after: Key | undefined;
  for (;;) {
    const rows = await read(after);
    if (rows.length > 0) yield rows.map(shape);
    const last = rows.at(-1);
    if (!last || rows.length < size) return;
    after = keyOf(last);
  }
}
