import { describe, expect, it } from 'vitest';
import { hasFailedTooLong, MAX_ATTEMPTS, nextAttemptAfter, resultOfStatus } from './webhook-retry.ts';

const AT = new Date('2026-04-06T10:00:00Z');
const later = (ms: number) => new Date(AT.getTime() + ms);

describe('nextAttemptAfter', () => {
  it.each([
    [1, 5_000],
    [2, 5 * 60_000],
    [3, 30 * 60_000],
    [4, 2 * 3_600_000],
    [5, 5 * 3_600_000],
    [6, 10 * 3_600_000],
    [7, 24 * 3_600_000],
  ])('after %i failed attempts waits %i ms', (attempts, wait) => {
    expect(nextAttemptAfter(attempts, AT)).toEqual(later(wait));
  });

  it('gives up after the eighth attempt', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect(nextAttemptAfter(8, AT)).toBeNull();
  });

  it('has no retry before a first attempt', () => {
    expect(nextAttemptAfter(0, AT)).toBeNull();
  });
});

describe('hasFailedTooLong', () => {
  it.each([
    [null, 0, false],
    [AT, 0, false],
    [AT, 24 * 3_600_000 - 1, false],
    [AT, 24 * 3_600_000, true],
  ])('failing since %s, %i ms later: %s', (since, elapsed, expected) => {
    expect(hasFailedTooLong(since, later(elapsed))).toBe(expected);
  });
});

describe('resultOfStatus', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [299, 'delivered'],
    [301, 'failed'],
    [302, 'failed'],
    [404, 'failed'],
    [410, 'gone'],
    [500, 'failed'],
    [null, 'failed'],
  ])('%s is %s', (status, kind) => {
    expect(resultOfStatus(status).kind).toBe(kind);
  });
});
