import { utcOffsetMs } from './local-date.ts';

const MS_PER_HOUR = 3_600_000;
const MS_PER_SECOND = 1000;

/**
 * Calls `add(localHour, ms)` for every local hour (0..23 on the wall clock of `timeZone`) that the
 * interval [startMs, endMs) touches, with the part of the interval inside it. Correct across DST
 * and for zones whose offset is not a whole hour: within a run of constant offset, local hours
 * are plain arithmetic; where the offset changes inside the interval, the change is found by
 * bisection (to the second, as offsets change on whole seconds) and each side handled apart.
 * On a spring-forward day 02:00..02:59 never happens, so it gets nothing; on a fall-back day the
 * repeated hour collects both of its runs.
 */
export function spreadOverLocalHours(
  startMs: number,
  endMs: number,
  timeZone: string,
  add: (hour: number, ms: number) => void,
): void {
  const offsetAt = (ms: number) => utcOffsetMs(new Date(ms), timeZone);
  let t = startMs;
  while (t < endMs) {
    const offset = offsetAt(t);
    const runEnd = offsetAt(endMs - 1) === offset ? endMs : firstChange(t, endMs - 1, offset, offsetAt);
    for (let x = t; x < runEnd; ) {
      const hourStart = Math.floor((x + offset) / MS_PER_HOUR) * MS_PER_HOUR;
      const next = Math.min(runEnd, hourStart + MS_PER_HOUR - offset);
      add((((hourStart / MS_PER_HOUR) % 24) + 24) % 24, next - x);
      x = next;
    }
    t = runEnd;
  }
}

/**
 * The first instant in (low, high] whose offset differs from `offset`, given that `high`'s does.
 * Works in whole seconds after the first step; offsets change on second boundaries.
 */
function firstChange(low: number, high: number, offset: number, offsetAt: (ms: number) => number): number {
  let lo = Math.floor(low / MS_PER_SECOND); // offset here is `offset`
  let hi = Math.ceil(high / MS_PER_SECOND); // offset here differs (the end of the interval lies in its second)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * MS_PER_SECOND) === offset) lo = mid;
    else hi = mid;
  }
  return Math.max(low + 1, hi * MS_PER_SECOND);
}

/** The local hour (0..23) in `timeZone` at `instant`. */
export function localHourOf(instant: Date, timeZone: string): number {
  const wall = instant.getTime() + utcOffsetMs(instant, timeZone);
  return ((Math.floor(wall / MS_PER_HOUR) % 24) + 24) % 24;
}
