// Constructed histories for the insight rules' unit tests (src/domain/insights/*.test.ts), as the
// pure facts the rules read, no database (test/support/insight-history.ts stores rows instead): a
// person in UTC whose week starts on Monday, looked at on Thursday 2026-04-09 at 15:00, unless a
// test says otherwise.

import type { InsightInput, SessionFact, SwitchFact } from '../../src/domain/insights/types.ts';
import { buildInsightContext, type InsightContext } from '../../src/domain/insights/window.ts';
import { addDays, type LocalDate } from '../../src/domain/local-date.ts';
import { kindOfSlot, type SlotNumber } from '../../src/domain/sheet.ts';
import type { SwitchReason } from '../../src/domain/work-values.ts';

/** Monday of the current week. */
export const MONDAY = '2026-04-06';
export const NOW = new Date('2026-04-09T15:00:00Z');

/** The date `weeks` weeks before MONDAY plus `day` days: day(0, 3) is Thursday this week. */
export function day(weeksAgo: number, dayOfWeek = 0): LocalDate {
  return addDays(MONDAY, -7 * weeksAgo + dayOfWeek);
}

/** A session of `date`, planned for 45 minutes and untouched unless overridden. */
export function session(
  date: LocalDate,
  slot: SlotNumber,
  overrides: Partial<SessionFact> = {},
): SessionFact {
  return {
    localDate: date,
    slot,
    kind: kindOfSlot(slot),
    state: 'planned',
    plannedMinutes: 45,
    focusSeconds: null,
    startedAt: null,
    loggedAfterwards: false,
    outcome: null,
    hasNotes: false,
    pauseCount: 0,
    firstPauseFocusSeconds: null,
    ...overrides,
  };
}

/** A session completed with `minutes` of focus, started by the timer at 08:00 + slot hours (UTC). */
export function completed(
  date: LocalDate,
  slot: SlotNumber,
  minutes = 45,
  overrides: Partial<SessionFact> = {},
): SessionFact {
  return session(date, slot, {
    state: 'completed',
    plannedMinutes: minutes,
    focusSeconds: minutes * 60,
    startedAt: new Date(`${date}T${String(7 + slot).padStart(2, '0')}:00:00Z`),
    ...overrides,
  });
}

export function skipped(date: LocalDate, slot: SlotNumber): SessionFact {
  return session(date, slot, { state: 'skipped' });
}

/** `count` switches at noon UTC of `date`, a minute apart. */
export function switches(date: LocalDate, count: number, reason: SwitchReason = 'message'): SwitchFact[] {
  return Array.from({ length: count }, (_, i) => ({
    occurredAt: new Date(Date.parse(`${date}T12:00:00Z`) + i * 60_000),
    reason,
  }));
}

export function inputOf(partial: Partial<InsightInput> = {}): InsightInput {
  return {
    sessions: [],
    switches: [],
    timeZone: 'UTC',
    weekStart: 'monday',
    weeklyFocusTargetMinutes: 600,
    now: NOW,
    ...partial,
  };
}

export function contextOf(partial: Partial<InsightInput> = {}): InsightContext {
  return buildInsightContext(inputOf(partial));
}

/** Each of the given dates with the given slots completed at `minutes`. */
export function completedDays(dates: readonly LocalDate[], slots: SlotNumber[], minutes = 45): SessionFact[] {
  return dates.flatMap((date) => slots.map((slot) => completed(date, slot, minutes)));
}
