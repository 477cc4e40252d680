import { describe, expect, it } from 'vitest';
import { formatClock, formatOvertime } from './format-duration.ts';

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [59, '0:59'],
    [60, '1:00'],
    [300, '5:00'],
    [1902, '31:42'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3909, '1:05:09'],
    [36_000, '10:00:00'],
  ])('shows %i seconds as %s', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });

  it('never shows a negative or fractional time', () => {
    expect(formatClock(-3)).toBe('0:00');
    expect(formatClock(61.9)).toBe('1:01');
  });
});

describe('formatOvertime', () => {
  it('counts the overtime up after "Time\'s up"', () => {
    expect(formatOvertime(0)).toBe("Time's up · +0:00");
    expect(formatOvertime(192)).toBe("Time's up · +3:12");
    expect(formatOvertime(3700)).toBe("Time's up · +1:01:40");
  });
});
