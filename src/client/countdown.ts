import { announce } from './announcer.ts';
import { serverNow, syncServerClock } from './server-clock.ts';
import { alertTimeUp } from './time-up-alert.ts';
import { minuteReached, minutesLeftMessage } from './timer-announcements.ts';
import { msUntilNextSecond, readTimer, type TimerReading, type TimerSnapshot } from './timer-reading.ts';

const RUNNING = '[data-countdown][data-state="active"]';

/** Seconds left at the previous tick, per session and target, to notice whole minutes passing. */
const previousSeconds = new Map<string, number>();
let tickTimer: ReturnType<typeof setTimeout> | undefined;
let alarmTimer: ReturnType<typeof setTimeout> | undefined;
let whenTimeUpCrossed: () => void = () => {};

/** Told when a running timer reaches its target while the page watches (to fetch the new actions). */
export function onTimeUpCrossed(listener: () => void): void {
  whenTimeUpCrossed = listener;
}

function snapshotOf(element: HTMLElement): TimerSnapshot | null {
  const snapshot = {
    targetMs: Number(element.dataset.targetMs),
    elapsedMs: Number(element.dataset.elapsedMs),
    renderedAtMs: Number(element.dataset.serverNow),
  };
  return Object.values(snapshot).every(Number.isFinite) ? snapshot : null;
}

/**
 * Call whenever server HTML has just arrived (page load, htmx swap, live morph): re-aligns to the
 * server's clock, redraws at once and re-arms the timers. Elements are looked up on every tick,
 * so swapped or morphed content needs no binding.
 */
export function refreshCountdowns(): void {
  syncServerClock();
  tick();
  armTimeUpAlarm();
}

/** Redraws every running countdown and schedules the next tick just after the digits change. */
export function tick(): void {
  clearTimeout(tickTimer);
  const now = serverNow();
  const handled = new Set<string>();
  let wait = Number.POSITIVE_INFINITY;
  for (const element of document.querySelectorAll<HTMLElement>(RUNNING)) {
    const snapshot = snapshotOf(element);
    if (!snapshot) continue;
    const reading = readTimer(snapshot, now);
    // Only the digits change; writing the same text would still disturb assistive technology.
    if (element.textContent !== reading.text) element.textContent = reading.text;
    element.closest('.slot, #now')?.classList.toggle('is-time-up', reading.isTimeUp);
    wait = Math.min(wait, msUntilNextSecond(reading, snapshot));
    // The NOW panel and its slot may show the same session: speak for it once.
    const sessionId = element.dataset.sessionId ?? '';
    if (handled.has(sessionId)) continue;
    handled.add(sessionId);
    noticeMilestones(element, sessionId, snapshot, reading);
  }
  if (Number.isFinite(wait)) tickTimer = setTimeout(tick, wait);
}

function noticeMilestones(
  element: HTMLElement,
  sessionId: string,
  snapshot: TimerSnapshot,
  reading: TimerReading,
): void {
  const label = element.dataset.label ?? 'this session';
  const key = `${sessionId}:${snapshot.targetMs}`;
  const previous = previousSeconds.get(key);
  const minute = minuteReached(previous, reading.remainingSeconds);
  previousSeconds.set(key, reading.remainingSeconds);
  if (minute !== null) announce(minutesLeftMessage(minute, label));
  if (!reading.isTimeUp) return;
  alertTimeUp({ sessionId, targetMs: snapshot.targetMs, label, goal: element.dataset.goal ?? '' });
  if (previous !== undefined && previous > 0) whenTimeUpCrossed();
}

/**
 * A one-off timer for the moment the nearest target is reached. Background tabs stretch chained
 * timers (Chrome to once a minute after a while) but fire a single timer close to on time, so
 * "time's up" is not late when the tab is hidden.
 */
function armTimeUpAlarm(): void {
  clearTimeout(alarmTimer);
  const now = serverNow();
  let soonest = Number.POSITIVE_INFINITY;
  for (const element of document.querySelectorAll<HTMLElement>(RUNNING)) {
    const snapshot = snapshotOf(element);
    const reading = snapshot && readTimer(snapshot, now);
    if (snapshot && reading && !reading.isTimeUp)
      soonest = Math.min(soonest, snapshot.targetMs - reading.elapsedMs);
  }
  if (Number.isFinite(soonest)) alarmTimer = setTimeout(tick, soonest + 20);
}
