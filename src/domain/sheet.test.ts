import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { localDateOf } from './local-date.ts';
import {
  assertActionAllowedOnDay,
  assertCanRunTimer,
  assertNoOtherRunning,
  availableActions,
  canEditPlannedLength,
  type DayRelation,
  dayRelation,
  defaultSheet,
  fillSheet,
  isSlotNumber,
  kindOfSlot,
  labelOfSlot,
  nextPlannedSlot,
  type Session,
  type SessionRef,
  SLOTS,
  type SlotNumber,
  startsTheClock,
} from './sheet.ts';
import { applyTimerAction, type SessionState, type TimerActionType } from './timer.ts';

const TODAY = '2026-04-06';
const at = (minutes: number) => new Date(Date.parse('2026-04-06T09:00:00Z') + minutes * 60_000);

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

function sessionOf(slot: SlotNumber, state: SessionState, date = TODAY): SessionRef {
  return { localDate: date, slot, state };
}

describe('slots', () => {
  it('are three personal slots, then admin', () => {
    expect(SLOTS.map((s) => [s.slot, s.kind, s.label])).toEqual([
      [1, 'personal', 'Personal 1'],
      [2, 'personal', 'Personal 2'],
      [3, 'personal', 'Personal 3'],
      [4, 'admin', 'Admin'],
    ]);
  });

  it.each([
    [1, 'personal', 'Personal 1'],
    [3, 'personal', 'Personal 3'],
    [4, 'admin', 'Admin'],
  ] as const)('slot %i is %s, labelled %s', (slot, kind, label) => {
    expect(kindOfSlot(slot)).toBe(kind);
    expect(labelOfSlot(slot)).toBe(label);
  });

  it('refuses a slot number that slipped past the types', () => {
    expect(errorOf(() => kindOfSlot(5 as SlotNumber)).code).toBe('validation');
  });

  it.each([
    [1, true],
    [4, true],
    [0, false],
    [5, false],
    [1.5, false],
    ['1', false],
    [null, false],
  ])('isSlotNumber(%j) is %s', (value, expected) => {
    expect(isSlotNumber(value)).toBe(expected);
  });
});

describe('defaultSheet', () => {
  it('plans four sessions of the preferred length for an untouched day', () => {
    const sheet = defaultSheet(TODAY, 45);
    expect(sheet.map((s) => [s.slot, s.kind, s.state, s.plannedMinutes, s.goal])).toEqual([
      [1, 'personal', 'planned', 45, ''],
      [2, 'personal', 'planned', 45, ''],
      [3, 'personal', 'planned', 45, ''],
      [4, 'admin', 'planned', 45, ''],
    ]);
    expect(sheet.every((s) => s.localDate === TODAY && s.accumulatedMs === 0 && s.activeSince === null)).toBe(
      true,
    );
  });

  it.each([4, 241, 30.5])('refuses a length of %d minutes', (minutes) => {
    expect(errorOf(() => defaultSheet(TODAY, minutes)).code).toBe('validation');
  });

  it('fills the slots a day has not stored yet, in slot order', () => {
    const stored = defaultSheet(TODAY, 25).filter((s) => s.slot === 3);
    const elsewhere = defaultSheet('2026-04-05', 25).filter((s) => s.slot === 1);
    const sheet = fillSheet(TODAY, [...stored, ...elsewhere], 45);
    expect(sheet.map((s) => [s.slot, s.plannedMinutes, s.localDate])).toEqual([
      [1, 45, TODAY],
      [2, 45, TODAY],
      [3, 25, TODAY],
      [4, 45, TODAY],
    ]);
  });
});

describe('day rules', () => {
  it.each([
    ['2026-04-05', 'past'],
    ['2026-04-06', 'today'],
    ['2026-04-07', 'future'],
    ['2025-12-31', 'past'],
    ['2027-01-01', 'future'],
  ])('%s is %s when today is 2026-04-06', (date, expected) => {
    expect(dayRelation(date, TODAY)).toBe(expected);
  });

  it('runs timers on today only', () => {
    expect(() => assertCanRunTimer(TODAY, TODAY)).not.toThrow();
    for (const date of ['2026-04-05', '2026-04-07']) {
      const error = errorOf(() => assertCanRunTimer(date, TODAY));
      expect(error.code).toBe('session.not_today');
      expect(error.details).toMatchObject({ date, today: TODAY });
    }
  });

  it.each([
    ['2026-04-05T15:00:00Z', 'Asia/Tokyo', '2026-04-06', 'today'],
    ['2026-04-05T15:00:00Z', 'America/New_York', '2026-04-06', 'future'],
    ['2026-04-06T10:59:59Z', 'Pacific/Pago_Pago', '2026-04-05', 'today'],
    ['2026-04-06T10:00:00Z', 'Pacific/Kiritimati', '2026-04-06', 'past'],
  ])('at %s a person in %s sees %s as %s', (now, timeZone, date, relation) => {
    expect(dayRelation(date, localDateOf(new Date(now), timeZone))).toBe(relation);
  });

  const RULES: Record<TimerActionType, DayRelation[]> = {
    start: ['today'],
    resume: ['today'],
    keepGoing: ['today'],
    log: ['past', 'today'],
    pause: ['past', 'today', 'future'],
    complete: ['past', 'today', 'future'],
    reset: ['past', 'today', 'future'],
    skip: ['past', 'today', 'future'],
    replan: ['past', 'today', 'future'],
    undo: ['past', 'today', 'future'],
    editMinutes: ['past', 'today', 'future'],
  };
  const DATES: Record<DayRelation, string> = { past: '2026-04-01', today: TODAY, future: '2026-04-09' };
  const cases = (Object.keys(RULES) as TimerActionType[]).flatMap((action) =>
    (Object.keys(DATES) as DayRelation[]).map((relation) => ({
      action,
      relation,
      allowed: RULES[action].includes(relation),
    })),
  );

  it.each(cases)('$action on a $relation day: allowed = $allowed', ({ action, relation, allowed }) => {
    const check = () => assertActionAllowedOnDay(action, DATES[relation], TODAY);
    if (allowed) return expect(check).not.toThrow();
    const error = errorOf(check);
    expect(error.code).toBe('session.not_today');
    expect(error.details).toMatchObject({ action, relation });
  });

  it.each([
    ['start', '2026-04-09', 'Sessions on a future day can be planned, not started.'],
    ['start', '2026-04-01', 'That day has passed. You can log the session instead.'],
    ['log', '2026-04-09', 'A session on a future day cannot be logged yet.'],
  ] as const)('explains why %s is refused on %s', (action, date, message) => {
    expect(errorOf(() => assertActionAllowedOnDay(action, date, TODAY)).message).toBe(message);
  });
});

describe('availableActions', () => {
  const planned = (date = TODAY) => defaultSheet(date, 45)[1] as Session;
  const started = (date = TODAY) => applyTimerAction(planned(date), 'start', at(0));

  it.each<{ name: string; session: () => Session; now: number; expected: TimerActionType[] }>([
    { name: 'planned today', session: () => planned(), now: 0, expected: ['start', 'skip', 'log'] },
    { name: 'planned tomorrow', session: () => planned('2026-04-07'), now: 0, expected: ['skip'] },
    { name: 'planned yesterday', session: () => planned('2026-04-05'), now: 0, expected: ['skip', 'log'] },
    { name: 'running', session: () => started(), now: 10, expected: ['pause', 'complete', 'reset'] },
    {
      name: "time's up",
      session: () => started(),
      now: 50,
      expected: ['pause', 'complete', 'reset', 'keepGoing'],
    },
    {
      name: 'left running since yesterday',
      session: () => started('2026-04-05'),
      now: 50,
      expected: ['pause', 'complete', 'reset'],
    },
    {
      name: 'paused',
      session: () => applyTimerAction(started(), 'pause', at(5)),
      now: 10,
      expected: ['resume', 'complete', 'skip', 'reset'],
    },
    {
      name: 'completed',
      session: () => applyTimerAction(started(), 'complete', at(5)),
      now: 10,
      expected: ['undo', 'editMinutes'],
    },
    {
      name: 'skipped',
      session: () => applyTimerAction(planned(), 'skip', at(0)),
      now: 0,
      expected: ['replan', 'log'],
    },
  ])('offers the right actions when $name', ({ session, now, expected }) => {
    expect(availableActions(session(), TODAY, at(now))).toEqual(expected);
  });
});

describe('nextPlannedSlot', () => {
  it.each<{ name: string; sessions: Pick<SessionRef, 'slot' | 'state'>[]; expected: SlotNumber | null }>([
    { name: 'an untouched day', sessions: defaultSheet(TODAY, 45), expected: 1 },
    {
      name: 'one done, one running',
      sessions: [
        sessionOf(1, 'completed'),
        sessionOf(2, 'active'),
        sessionOf(3, 'planned'),
        sessionOf(4, 'planned'),
      ],
      expected: 3,
    },
    {
      name: 'a skipped slot is passed over',
      sessions: [
        sessionOf(1, 'skipped'),
        sessionOf(2, 'planned'),
        sessionOf(3, 'planned'),
        sessionOf(4, 'planned'),
      ],
      expected: 2,
    },
    {
      name: 'sessions out of order',
      sessions: [sessionOf(4, 'planned'), sessionOf(2, 'planned')],
      expected: 2,
    },
    {
      name: 'only admin left',
      sessions: [
        sessionOf(1, 'completed'),
        sessionOf(2, 'completed'),
        sessionOf(3, 'skipped'),
        sessionOf(4, 'planned'),
      ],
      expected: 4,
    },
    {
      name: 'nothing planned',
      sessions: [
        sessionOf(1, 'completed'),
        sessionOf(2, 'paused'),
        sessionOf(3, 'skipped'),
        sessionOf(4, 'completed'),
      ],
      expected: null,
    },
    { name: 'no sessions', sessions: [], expected: null },
  ])('is $expected for $name', ({ sessions, expected }) => {
    expect(nextPlannedSlot(sessions)).toBe(expected);
  });
});

describe('canEditPlannedLength', () => {
  it.each([
    ['planned', true],
    ['active', false],
    ['paused', false],
    ['completed', false],
    ['skipped', false],
  ] as const)('%s: %s', (state, expected) => {
    expect(canEditPlannedLength(state)).toBe(expected);
  });
});

describe('assertNoOtherRunning', () => {
  it.each([
    { name: 'no other sessions', others: [] },
    {
      name: 'others planned, completed or skipped',
      others: [sessionOf(1, 'completed'), sessionOf(3, 'skipped')],
    },
    { name: 'another paused', others: [sessionOf(2, 'paused')] },
  ])('lets a session start with $name', ({ others }) => {
    expect(() => assertNoOtherRunning(others)).not.toThrow();
  });

  it('refuses a second running session, even from another day', () => {
    const error = errorOf(() =>
      assertNoOtherRunning([sessionOf(1, 'completed'), sessionOf(2, 'active', '2026-04-05')]),
    );
    expect(error.code).toBe('session.already_running');
    expect(error.message).toBe('Personal 2 is already running.');
    expect(error.details).toEqual({ date: '2026-04-05', slot: 2 });
  });
});

describe('startsTheClock', () => {
  it.each<[TimerActionType, boolean]>([
    ['start', true],
    ['resume', true],
    ['pause', false],
    ['complete', false],
    ['skip', false],
    ['replan', false],
    ['reset', false],
    ['undo', false],
    ['keepGoing', false],
    ['log', false],
    ['editMinutes', false],
  ])('%s: %s', (action, expected) => {
    expect(startsTheClock(action)).toBe(expected);
  });
});
