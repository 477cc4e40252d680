import { AppError } from './errors.ts';
import { compareLocalDates, type LocalDate } from './local-date.ts';
import {
  canApplyTimerAction,
  createPlannedTimer,
  type SessionState,
  type TimerActionType,
  type TimerState,
  TRANSITIONS,
} from './timer.ts';

export type SlotNumber = 1 | 2 | 3 | 4;
export type SlotKind = 'personal' | 'admin';
export interface SlotDefinition {
  slot: SlotNumber;
  kind: SlotKind;
  label: string;
}

/** The daily sheet: three deep personal sessions, then one for admin, always in this order. */
export const SLOTS = [
  { slot: 1, kind: 'personal', label: 'Personal 1' },
  { slot: 2, kind: 'personal', label: 'Personal 2' },
  { slot: 3, kind: 'personal', label: 'Personal 3' },
  { slot: 4, kind: 'admin', label: 'Admin' },
] as const satisfies readonly SlotDefinition[];
export const PERSONAL_SLOTS_PER_DAY = 3;
export const ADMIN_SLOTS_PER_DAY = 1;

/** One slot of one day's sheet: its plan and its timer. Field names match the stored row. */
export interface Session extends TimerState {
  localDate: LocalDate;
  slot: SlotNumber;
  kind: SlotKind;
  /** One line, may be empty (see SessionGoal). */
  goal: string;
  notes: string;
}

/** What the sheet rules need of a session; a stored row (slot as a plain number) fits. */
export interface SessionRef {
  localDate: LocalDate;
  slot: number;
  state: SessionState;
}

export type DayRelation = 'past' | 'today' | 'future';

export function isSlotNumber(value: unknown): value is SlotNumber {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

function definitionOf(slot: SlotNumber): SlotDefinition {
  const definition = SLOTS.find((s) => s.slot === slot);
  if (!definition)
    throw new AppError('validation', 'There is no such slot.', { fields: { slot: String(slot) } });
  return definition;
}

/** Slots 1..3 are personal, slot 4 is admin. Throws 'validation' for any other number. */
export function kindOfSlot(slot: SlotNumber): SlotKind {
  return definitionOf(slot).kind;
}

/** 'Personal 1' .. 'Admin'. Throws 'validation' for any other number. */
export function labelOfSlot(slot: SlotNumber): string {
  return definitionOf(slot).label;
}

/** The sheet of a day nobody has touched yet: four planned sessions of `plannedMinutes` (5..240). */
export function defaultSheet(date: LocalDate, plannedMinutes: number): Session[] {
  return SLOTS.map(({ slot, kind }) => ({
    localDate: date,
    slot,
    kind,
    goal: '',
    notes: '',
    ...createPlannedTimer(plannedMinutes),
  }));
}

/**
 * The four sessions of `date` in slot order: the stored ones, with a default planned session for
 * each slot that has none yet (days are stored lazily, on first edit).
 */
export function fillSheet<T extends Pick<SessionRef, 'localDate' | 'slot'>>(
  date: LocalDate,
  stored: readonly T[],
  plannedMinutes: number,
): (T | Session)[] {
  const defaults = defaultSheet(date, plannedMinutes);
  return defaults.map(
    (fallback) => stored.find((s) => s.localDate === date && s.slot === fallback.slot) ?? fallback,
  );
}

/** Whether `date` lies before, on or after `today` (both in the person's time zone). */
export function dayRelation(date: LocalDate, today: LocalDate): DayRelation {
  const order = compareLocalDates(date, today);
  return order < 0 ? 'past' : order > 0 ? 'future' : 'today';
}

/** Timers run on today's sheet only. Throws 'session.not_today' for any other day. */
export function assertCanRunTimer(date: LocalDate, today: LocalDate): void {
  assertActionAllowedOnDay('start', date, today);
}

/** Actions that make the clock run need today's sheet; logging needs work done, so not a future day. */
const DAYS_OF_ACTION: Readonly<Record<TimerActionType, readonly DayRelation[]>> = {
  start: ['today'],
  resume: ['today'],
  keepGoing: ['today'],
  log: ['past', 'today'],
  // An open session left from yesterday must still be stoppable, so these work on any day.
  pause: ['past', 'today', 'future'],
  complete: ['past', 'today', 'future'],
  reset: ['past', 'today', 'future'],
  skip: ['past', 'today', 'future'],
  replan: ['past', 'today', 'future'],
  undo: ['past', 'today', 'future'],
  editMinutes: ['past', 'today', 'future'],
};

/**
 * Whether each action sets the clock running. Those need today's sheet (DAYS_OF_ACTION) and no
 * other running session of the person (assertNoOtherRunning).
 */
const STARTS_THE_CLOCK: Readonly<Record<TimerActionType, boolean>> = {
  start: true,
  resume: true,
  pause: false,
  complete: false,
  skip: false,
  replan: false,
  reset: false,
  undo: false,
  keepGoing: false,
  log: false,
  editMinutes: false,
};

/** Whether `action` makes the session's clock run (start, resume). */
export function startsTheClock(action: TimerActionType): boolean {
  return STARTS_THE_CLOCK[action];
}

/** Whether `action` may be applied to a session of a day with this relation to today. */
export function isActionAllowedOnDay(action: TimerActionType, relation: DayRelation): boolean {
  return DAYS_OF_ACTION[action].includes(relation);
}

/**
 * The day rules of the sheet: future days are planned only, past days are logged instead of run.
 * Throws 'session.not_today' (details { date, today, relation, action }) when `action` is not
 * allowed on `date`.
 */
export function assertActionAllowedOnDay(action: TimerActionType, date: LocalDate, today: LocalDate): void {
  const relation = dayRelation(date, today);
  if (isActionAllowedOnDay(action, relation)) return;
  throw new AppError('session.not_today', notOnThisDayMessage(action, relation), {
    details: { date, today, relation, action },
  });
}

function notOnThisDayMessage(action: TimerActionType, relation: DayRelation): string {
  if (action === 'log') return 'A session on a future day cannot be logged yet.';
  if (relation === 'future') return 'Sessions on a future day can be planned, not started.';
  return 'That day has passed. You can log the session instead.';
}

/**
 * The actions a page may offer for `session` now: allowed by its state (and time's up for
 * keepGoing) and by its day. Listed in TRANSITIONS order.
 */
export function availableActions(
  session: TimerState & Pick<SessionRef, 'localDate'>,
  today: LocalDate,
  now: Date,
): TimerActionType[] {
  const relation = dayRelation(session.localDate, today);
  return (Object.keys(TRANSITIONS) as TimerActionType[]).filter(
    (action) => isActionAllowedOnDay(action, relation) && canApplyTimerAction(session, action, now),
  );
}

/**
 * The slot whose Start is the primary action: the first planned slot in order 1..4 (personal
 * before admin), or null when none is planned. The page decides whether an open session outranks it.
 */
export function nextPlannedSlot(sessions: readonly Pick<SessionRef, 'slot' | 'state'>[]): SlotNumber | null {
  const planned = sessions.filter((s) => s.state === 'planned').map((s) => s.slot);
  const first = Math.min(...planned);
  return isSlotNumber(first) ? first : null;
}

/** The planned length can change only before the session starts; afterwards "Keep going" extends it. */
export function canEditPlannedLength(state: SessionState): boolean {
  return state === 'planned';
}

/**
 * One person runs one timer at a time, across slots, days and devices. Throws
 * 'session.already_running' (details { date, slot }) when one of `others` is active; paused ones
 * do not block.
 */
export function assertNoOtherRunning(others: readonly SessionRef[]): void {
  const running = others.find((s) => s.state === 'active');
  if (!running) return;
  const label = isSlotNumber(running.slot) ? labelOfSlot(running.slot) : 'Another session';
  throw new AppError('session.already_running', `${label} is already running.`, {
    details: { date: running.localDate, slot: running.slot },
  });
}
