/**
 * Clock text for the countdown, matching the server's rendering (src/http/web/sheet/format.ts) so
 * the first client tick never changes the shape of what the server sent: "31:42", "5:00",
 * "1:05:09" past an hour.
 */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  if (hours === 0) return `${minutes}:${seconds}`;
  return `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`;
}

/** "Time's up · +3:12": the overtime counts up once the target is reached. */
export function formatOvertime(overtimeSeconds: number): string {
  return `Time's up · +${formatClock(overtimeSeconds)}`;
}
