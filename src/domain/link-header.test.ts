import { describe, expect, it } from 'vitest';
import { pageNumberOf, parseLinkHeader } from './link-header.ts';

describe('parseLinkHeader', () => {
  it.each([
    [null, {}],
    ['', {}],
    [
      '<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last"',
      {
        next: 'https://api.github.com/repositories/1/issues?page=2',
        last: 'https://api.github.com/repositories/1/issues?page=5',
      },
    ],
    ['<https://x.test/a?page=1&per_page=100>; rel=first', { first: 'https://x.test/a?page=1&per_page=100' }],
    ['<https://x.test/a,b>; rel="next"', { next: 'https://x.test/a,b' }],
    [
      '<https://x.test/p>; title="x"; rel="prev start"',
      { prev: 'https://x.test/p', start: 'https://x.test/p' },
    ],
    ['garbage; rel="next"', {}],
    ['<https://x.test/p>; title="no rel"', {}],
  ])('%j', (header, expected) => {
    expect(parseLinkHeader(header)).toEqual(expected);
  });
});

describe('pageNumberOf', () => {
  it.each([
    [undefined, null],
    ['https://x.test/a?page=30&per_page=100', 30],
    ['https://x.test/a?per_page=100', null],
    ['https://x.test/a?page=zero', null],
    ['not a url', null],
  ])('%j -> %j', (url, expected) => {
    expect(pageNumberOf(url)).toBe(expected);
  });
});
