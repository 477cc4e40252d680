import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, startHeartbeat } from './sse-heartbeat.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('shared heartbeat', () => {
  it('beats each stream every interval counted from when it opened, until it stops', () => {
    const beats: string[] = [];
    const stopA = startHeartbeat(() => beats.push(`a@${Date.now()}`));
    vi.advanceTimersByTime(10_000);
    const stopB = startHeartbeat(() => beats.push(`b@${Date.now()}`));
    const start = Date.now() - 10_000;
    vi.advanceTimersByTime(HEARTBEAT_MS * 2);
    expect(beats).toEqual([
      `a@${start + HEARTBEAT_MS}`,
      `b@${start + 10_000 + HEARTBEAT_MS}`,
      `a@${start + 2 * HEARTBEAT_MS}`,
      `b@${start + 10_000 + 2 * HEARTBEAT_MS}`,
    ]);
    stopA();
    beats.length = 0;
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(beats).toEqual([`b@${start + 10_000 + 3 * HEARTBEAT_MS}`]);
    stopB();
    vi.advanceTimersByTime(HEARTBEAT_MS * 3);
    expect(beats).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses one timer however many streams are open', () => {
    const stops = Array.from({ length: 1000 }, () => startHeartbeat(() => {}));
    expect(vi.getTimerCount()).toBe(1);
    for (const stop of stops) stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
