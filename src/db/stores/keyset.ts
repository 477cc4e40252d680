import { AppError } from '../domain/errors.ts';

export type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * A cursor holds the sort key (a timestamp, as toISOString writes it) and id of the last item
 * seen: stable while rows are added.
 */
export type CursorPosition = { key: string; id: string };

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
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
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      isCursorTimestamp(value[0]) &&
      typeof value[1] === 'string' &&
      UUID.test(value[1])
    ) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError('validation', 'That cursor is not valid; start again without one.', {
    fields: { cursor: 'Not a cursor from this list.' },
  });
}

/** Cuts one extra row fetched to learn whether another page follows. */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}
