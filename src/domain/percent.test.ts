import { describe, expect, it } from 'vitest';
import { percentOf } from './percent.ts';

describe('percentOf', () => {
  it.each<[part: number, whole: number, percent: number]>([
    [0, 0, 0],
    [3, 0, 0],
    [0, 4, 0],
    [1, 8, 13], // 12.5 rounds up
    [3, 8, 38], // 37.5 rounds up
    [1, 3, 33], // 33.33 rounds down
    [2, 3, 67], // 66.67 rounds up
    [1, 4, 25],
    [2, 4, 50],
    [29, 200, 15], // 14.5, which (29 / 200) * 100 would make 14.499… and so 14
    [57, 200, 29], // 28.5, likewise
    [1, 200, 1], // 0.5 rounds up
    [1, 201, 0], // 0.498 rounds down
    [199, 200, 100], // 99.5 rounds up
    [399, 400, 100], // 99.75
    [1999, 2000, 100], // 99.95
    [4, 4, 100],
    [21, 21, 100],
    [5, 4, 100], // never past 100
    [-1, 4, 0], // never below 0
    [22.5, 45, 50], // minutes need not be whole
    [Number.NaN, 4, 0],
    [1, Number.POSITIVE_INFINITY, 0],
  ])('%d of %d is %d%%', (part, whole, percent) => {
    expect(percentOf(part, whole)).toBe(percent);
  });

  it('is a whole number from 0 to 100 for every count of a week of slots', () => {
    for (let whole = 0; whole <= 28; whole++)
      for (let part = 0; part <= whole; part++) {
        const percent = percentOf(part, whole);
        expect(Number.isInteger(percent)).toBe(true);
        expect(percent).toBeGreaterThanOrEqual(0);
        expect(percent).toBeLessThanOrEqual(100);
        // Half up: the exact value is within half a point below and strictly less than half above.
        if (whole > 0) {
          const exact = (part * 100) / whole;
          expect(percent - exact).toBeLessThanOrEqual(0.5);
          expect(exact - percent).toBeLessThan(0.5);
        }
      }
  });
});
