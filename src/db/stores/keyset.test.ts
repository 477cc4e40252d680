import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeSortCursor, encodeCursor } from './keyset.ts';

const ID = 'ffffffff-ffff-8fff-bfff-ffffffffffff';
const forged = (...values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

describe('cursors', () => {
  it('reads back a cursor the server made', () => {
    const cursor = encodeCursor({ key: '2026-04-06T07:00:00.000Z', id: ID });
    expect(decodeCursor(cursor)).toEqual({ key: '2026-04-06T07:00:00.000Z', id: ID });
    expect(decodeSortCursor(forged('2026-04-06T07:00:00.000Z', ID), ['timestamp'])).toEqual({
      keys: ['2026-04-06T07:00:00.000Z'],
      id: ID,
    });
  });

  // Found by `npm run fuzz`: JavaScript reads 30 February as 2 March, PostgreSQL refuses it (a 500).
  it.each([
    '2026-02-30T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026-04-06T24:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
  ])('refuses a forged cursor holding the impossible time %s as invalid input', (key) => {
    expect(() => decodeCursor(forged(key, ID))).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => decodeSortCursor(forged(key, ID), ['timestamp'])).toThrow(
      expect.objectContaining({ code: 'validation' }),
    );
  });
});
