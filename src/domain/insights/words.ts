// Numbers as an insight's sentences show them: short, rounded, no false precision.

/** '45 min', '3 h', '2 h 10 min'. */
export function formatMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** '16:30' for 990 minutes after midnight. */
export function formatClock(minuteOfDay: number): string {
  const hour = Math.floor(minuteOfDay / 60);
  const minute = Math.floor(minuteOfDay % 60);
  return `${hour}:${String(minute).padStart(2, '0')}`;
}

/** One decimal: 2.345 -> 2.3. */
export function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/** '1 session', '3 sessions'. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
