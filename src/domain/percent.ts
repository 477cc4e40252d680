/**
 * `part` of `whole` as a whole percentage, rounded half up and kept within 0..100: 1 of 8 is 13,
 * 2 of 3 is 67, and 0 of 0 is 0 (nothing to do is not "all done"). Every percentage Deepsheet shows
 * or answers comes from here, so the sheet, the week, reports and insights never disagree by a
 * rounding. The quotient 100 * part / whole is taken before rounding, not (part / whole) * 100,
 * whose float error turns 29 of 200 (14.5) into 14.
 */
export function percentOf(part: number, whole: number): number {
  if (!(whole > 0) || !Number.isFinite(part) || !Number.isFinite(whole)) return 0;
  const percent = Math.floor((100 * part) / whole + 0.5);
  return Math.min(100, Math.max(0, percent));
}
