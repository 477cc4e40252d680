import { formatClock, formatOvertime } from './format-duration.ts';

/** What the server rendered into a `[data-countdown]` element. */
export type TimerSnapshot = {
  targetMs: number;
  /** Active time already spent when the server rendered the element. */
  elapsedMs: number;
  /** The server's clock (epoch ms) when it rendered the element. */
  renderedAtMs: number;
};

export type TimerReading = {
  elapsedMs: number;
  /** Whole seconds left, rounded up so it reads 0 exactly when time is up. */
  remainingSeconds: number;
  /** Whole seconds beyond the target. */
  overtimeSeconds: number;
  isTimeUp: boolean;
  text: string;
};

/**
 * Reads a running timer at `serverNowMs`, the device's best estimate of the server's clock. Only
 * the time passed since the server rendered is added, so a wrong device clock cannot skew it.
 */
export function readTimer(snapshot: TimerSnapshot, serverNowMs: number): TimerReading {
  const elapsedMs = Math.max(0, snapshot.elapsedMs + Math.max(0, serverNowMs - snapshot.renderedAtMs));
  const isTimeUp = elapsedMs >= snapshot.targetMs;
  const remainingSeconds = Math.max(0, Math.ceil((snapshot.targetMs - elapsedMs) / 1000));
  const overtimeSeconds = Math.floor(Math.max(0, elapsedMs - snapshot.targetMs) / 1000);
  const text = isTimeUp ? formatOvertime(overtimeSeconds) : formatClock(remainingSeconds);
  return { elapsedMs, remainingSeconds, overtimeSeconds, isTimeUp, text };
}

/** Milliseconds until the displayed seconds next change, so ticks land just after each change. */
export function msUntilNextSecond(reading: TimerReading, snapshot: TimerSnapshot): number {
  const fromTarget = Math.abs(snapshot.targetMs - reading.elapsedMs) % 1000;
  const wait = reading.isTimeUp ? 1000 - fromTarget : fromTarget;
  return (wait === 0 ? 1000 : wait) + 15;
}
