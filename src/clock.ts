import type { Clock } from './domain/clock.ts';

export const systemClock: Clock = {
  now: () => new Date(),
};

/**
 * A clock that tests can place anywhere in time. Frozen (the default) it moves only when told to:
 * what integration tests want. Flowing, it keeps ticking from wherever it was placed: what an
 * end-to-end run with CLOCK=manual wants, since browsers count down in real time.
 */
export class ManualClock implements Clock {
  private placedAt: number;
  private placedRealTime: number;

  constructor(
    start: Date = new Date(),
    private readonly isFlowing = false,
  ) {
    this.placedAt = start.getTime();
    this.placedRealTime = Date.now();
  }

  now(): Date {
    return new Date(this.isFlowing ? this.placedAt + (Date.now() - this.placedRealTime) : this.placedAt);
  }

  set(at: Date): void {
    this.placedAt = at.getTime();
    this.placedRealTime = Date.now();
  }

  advance(seconds: number): void {
    this.set(new Date(this.now().getTime() + seconds * 1000));
  }
}
