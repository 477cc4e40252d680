import type { Clock } from './domain/clock.ts';

export const systemClock: Clock = {
  now: () => new Date(),
};

/**
 * A clock that only moves when told to. Used by tests and, with CLOCK=manual, by end-to-end runs
 * through POST /__test/clock. It starts at the real time unless given a start.
 */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = at.getTime();
  }

  advance(seconds: number): void {
    this.current += seconds * 1000;
  }
}
