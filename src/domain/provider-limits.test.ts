import { describe, expect, it } from 'vitest';
import { rateLimitedUntil } from './provider-limits.ts';

const NOW = new Date('2026-04-06T10:00:00Z');
const headers = (values: Record<string, string>) => new Headers(values);

describe('rateLimitedUntil', () => {
  it.each([
    ['a success', 200, {}, null],
    ['a 403 without limit headers (no access)', 403, {}, null],
    ['a secondary limit with Retry-After', 403, { 'retry-after': '120' }, '2026-04-06T10:02:00.000Z'],
    ['a 429 with Retry-After', 429, { 'retry-after': '5' }, '2026-04-06T10:00:05.000Z'],
    [
      'an HTTP-date Retry-After',
      429,
      { 'retry-after': 'Mon, 06 Apr 2026 10:30:00 GMT' },
      '2026-04-06T10:30:00.000Z',
    ],
    [
      'a primary limit',
      403,
      {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Date.parse('2026-04-06T10:42:00Z') / 1000),
      },
      '2026-04-06T10:42:00.000Z',
    ],
    [
      'GitLab’s limit headers',
      429,
      { 'ratelimit-remaining': '0', 'ratelimit-reset': String(Date.parse('2026-04-06T10:01:00Z') / 1000) },
      '2026-04-06T10:01:00.000Z',
    ],
    [
      'a reset in the past waits not at all',
      403,
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' },
      NOW.toISOString(),
    ],
    ['a bare 429', 429, {}, '2026-04-06T10:01:00.000Z'],
    ['a 403 with requests remaining', 403, { 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': '1' }, null],
  ])('%s', (_name, status, values, expected) => {
    expect(rateLimitedUntil(status, headers(values), NOW)?.toISOString() ?? null).toBe(expected);
  });
});
