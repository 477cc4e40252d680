import { describe, expect, it } from 'vitest';
import { msUntilNextSecond, readTimer, type TimerSnapshot } from './timer-reading.ts';

const MINUTE = 60_000;
// 45 minutes planned, 13 min 18 s already spent when the server rendered at t=1_000_000.
const snapshot: TimerSnapshot = {
  targetMs: 45 * MINUTE,
  elapsedMs: 13 * MINUTE + 18_000,
  renderedAtMs: 1_000_000,
};

describe('readTimer', () => {
  it('shows what the server rendered at the moment it rendered', () => {
    const reading = readTimer(snapshot, 1_000_000);
    expect(reading).toMatchObject({
      remainingSeconds: 1902,
      overtimeSeconds: 0,
      isTimeUp: false,
      text: '31:42',
    });
  });

  it('adds only the time passed on the server clock since rendering', () => {
    expect(readTimer(snapshot, 1_000_000 + 42_000).text).toBe('31:00');
  });

  it('rounds the seconds left up, so it never reads 0:00 while time is left', () => {
    const almost = readTimer(snapshot, 1_000_000 + 1902_000 - 1);
    expect(almost).toMatchObject({ remainingSeconds: 1, isTimeUp: false, text: '0:01' });
  });

  it('is time up exactly at the target and counts the overtime up', () => {
    expect(readTimer(snapshot, 1_000_000 + 1902_000)).toMatchObject({
      isTimeUp: true,
      text: "Time's up · +0:00",
    });
    expect(readTimer(snapshot, 1_000_000 + 1902_000 + 192_500)).toMatchObject({
      remainingSeconds: 0,
      overtimeSeconds: 192,
      text: "Time's up · +3:12",
    });
  });

  it('ignores an estimate of the server clock that lies before the render', () => {
    expect(readTimer(snapshot, 999_000).text).toBe('31:42');
  });

  it('shows hours past an hour', () => {
    const long: TimerSnapshot = { targetMs: 90 * MINUTE, elapsedMs: 0, renderedAtMs: 0 };
    expect(readTimer(long, 0).text).toBe('1:30:00');
  });
});

describe('msUntilNextSecond', () => {
  it('waits until the seconds left next change', () => {
    // 1901.75 s left reads 31:42 until 1901 s are left, 750 ms from now.
    const at = 1_000_000 + 250;
    expect(msUntilNextSecond(readTimer(snapshot, at), snapshot)).toBe(750 + 15);
  });

  it('waits until the overtime next changes', () => {
    const at = 1_000_000 + 1902_000 + 300;
    expect(msUntilNextSecond(readTimer(snapshot, at), snapshot)).toBe(700 + 15);
  });

  it('waits a whole second right on a change', () => {
    expect(msUntilNextSecond(readTimer(snapshot, 1_000_000), snapshot)).toBe(1015);
  });
});
