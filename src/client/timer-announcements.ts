/** The last minutes that are announced to screen readers: 5, 4, 3, 2, 1 minutes left. */
const ANNOUNCED_MINUTES = 5;

/**
 * The whole minute just reached between two readings of the seconds left, or null. When several
 * were passed at once (the page slept), only the most recent counts: old news is noise.
 */
export function minuteReached(previousSeconds: number | undefined, remainingSeconds: number): number | null {
  if (previousSeconds === undefined || remainingSeconds <= 0) return null;
  for (let minute = 1; minute <= ANNOUNCED_MINUTES; minute++) {
    const mark = minute * 60;
    if (remainingSeconds <= mark && previousSeconds > mark) return minute;
  }
  return null;
}

export function minutesLeftMessage(minutes: number, label: string): string {
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left in ${label}`;
}

export function timeUpAnnouncement(label: string): string {
  return `Time is up for ${label}`;
}

/** "Personal 2 is done: 45 minutes on 'Draft the sync design note'" (the quote only with a goal). */
export function timeUpNotificationBody(label: string, targetMs: number, goal: string): string {
  const minutes = Math.round(targetMs / 60_000);
  const length = `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const trimmed = goal.trim();
  return trimmed ? `${label} is done: ${length} on '${trimmed}'` : `${label} is done: ${length}`;
}
