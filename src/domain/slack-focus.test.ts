import { describe, expect, it } from 'vitest';
import {
  type AppliedSlackStatus,
  changesSlackFocus,
  type DesiredSlackStatus,
  desiredSlackStatus,
  isStillOurStatus,
  slackSyncStep,
  statusToRestore,
} from './slack-focus.ts';
import { applyTimerAction, createPlannedTimer, type TimerActionInput } from './timer.ts';

// 10:00 in Berlin (summer time, UTC+2) on Monday 6 April 2026.
const T0 = Date.parse('2026-04-06T08:00:00Z');
const at = (minutes: number) => new Date(T0 + Math.round(minutes * 60_000));
const BERLIN = 'Europe/Berlin';
const SETTINGS = { statusTemplate: 'In deep work until {end}', statusEmoji: ':headphones:', setDnd: true };

function sessionAfter(steps: [TimerActionInput, number][], plannedMinutes = 45) {
  const timer = steps.reduce(
    (t, [action, minute]) => applyTimerAction(t, action, at(minute)),
    createPlannedTimer(plannedMinutes),
  );
  return { ...timer, id: 'session-1' };
}

describe('desiredSlackStatus', () => {
  const focus = (text: string, end: number, dnd: number | null): DesiredSlackStatus => ({
    kind: 'focus',
    sessionId: 'session-1',
    text,
    emoji: ':headphones:',
    expiresAt: at(end),
    dndMinutes: dnd,
  });
  const cases: [
    string,
    ReturnType<typeof sessionAfter> | null,
    number,
    typeof SETTINGS,
    DesiredSlackStatus,
  ][] = [
    ['no running session restores', null, 10, SETTINGS, { kind: 'restore' }],
    [
      'a started session shows until its planned end, in the person’s zone',
      sessionAfter([['start', 0]]),
      0,
      SETTINGS,
      focus('In deep work until 10:45', 45, 45),
    ],
    [
      'later in the session the end stays and DND covers what is left, rounded up',
      sessionAfter([['start', 0]]),
      10.5,
      SETTINGS,
      focus('In deep work until 10:45', 45, 35),
    ],
    [
      'a paused session restores',
      sessionAfter([
        ['start', 0],
        ['pause', 10],
      ]),
      12,
      SETTINGS,
      { kind: 'restore' },
    ],
    [
      'a resumed session ends later by the length of the pause',
      sessionAfter([
        ['start', 0],
        ['pause', 10],
        ['resume', 20],
      ]),
      20,
      SETTINGS,
      focus('In deep work until 10:55', 55, 35),
    ],
    [
      'a completed session restores',
      sessionAfter([
        ['start', 0],
        ['complete', 30],
      ]),
      30,
      SETTINGS,
      { kind: 'restore' },
    ],
    [
      'a session whose planned end passed restores',
      sessionAfter([['start', 0]]),
      46,
      SETTINGS,
      { kind: 'restore' },
    ],
    [
      '"Keep going" moves the end',
      sessionAfter([
        ['start', 0],
        [{ type: 'keepGoing', minutes: 10 }, 45],
      ]),
      45,
      SETTINGS,
      focus('In deep work until 10:55', 55, 10),
    ],
    [
      'DND off leaves Do Not Disturb alone; the template and emoji are the person’s',
      sessionAfter([['start', 0]]),
      0,
      { statusTemplate: 'Heads down ({end})', statusEmoji: ':headphones:', setDnd: false },
      focus('Heads down (10:45)', 45, null),
    ],
  ];
  it.each(cases)('%s', (_name, session, minute, settings, expected) => {
    expect(desiredSlackStatus(session, settings, at(minute), BERLIN)).toEqual(expected);
  });

  it('writes the end with its weekday when it falls on the next day there', () => {
    const late = { ...sessionAfter([['start', 0]], 240), id: 's' };
    const desired = desiredSlackStatus(late, SETTINGS, at(0), 'Pacific/Auckland');
    expect(desired).toMatchObject({ text: 'In deep work until Tue 00:00' });
  });
});

describe('slackSyncStep', () => {
  const none: AppliedSlackStatus = {
    isApplied: false,
    appliedSessionId: null,
    appliedText: null,
    appliedEmoji: null,
    appliedUntil: null,
  };
  const desired: DesiredSlackStatus = {
    kind: 'focus',
    sessionId: 's1',
    text: 'In deep work until 10:45',
    emoji: ':headphones:',
    expiresAt: at(45),
    dndMinutes: 45,
  };
  const ours: AppliedSlackStatus = {
    isApplied: true,
    appliedSessionId: 's1',
    appliedText: desired.text,
    appliedEmoji: ':headphones:',
    appliedUntil: at(45),
  };
  it.each<[string, AppliedSlackStatus, DesiredSlackStatus, ReturnType<typeof slackSyncStep>]>([
    ['applies and remembers theirs the first time', none, desired, { kind: 'apply', rememberPrevious: true }],
    ['does nothing when the same status is on (a repeated job)', ours, desired, { kind: 'nothing' }],
    [
      'updates a moved end without overwriting what it remembered',
      ours,
      { ...desired, expiresAt: at(55), text: 'In deep work until 10:55' },
      { kind: 'apply', rememberPrevious: false },
    ],
    ['restores when ours is on', ours, { kind: 'restore' }, { kind: 'restore' }],
    ['does nothing to restore when ours is not on', none, { kind: 'restore' }, { kind: 'nothing' }],
  ])('%s', (_name, applied, wanted, step) => {
    expect(slackSyncStep(applied, wanted)).toEqual(step);
  });
});

describe('restoring', () => {
  it.each([
    ['ours still shows', 'In deep work until 10:45', ':headphones:', true],
    ['they changed the words', 'Lunch', ':headphones:', false],
    ['they changed the emoji', 'In deep work until 10:45', ':coffee:', false],
    ['they cleared it', '', '', false],
  ])('is ours when %s: %s', (_name, statusText, statusEmoji, expected) => {
    const applied = { appliedText: 'In deep work until 10:45', appliedEmoji: ':headphones:' };
    expect(isStillOurStatus({ statusText, statusEmoji }, applied)).toBe(expected);
  });

  it.each([
    [
      'their status as it was',
      { text: 'Travelling', emoji: ':train:', expiration: at(600) },
      { text: 'Travelling', emoji: ':train:', expiration: at(600) },
    ],
    [
      'an empty status stays empty',
      { text: null, emoji: null, expiration: null },
      { text: '', emoji: '', expiration: null },
    ],
    [
      'one that expired meanwhile is cleared',
      { text: 'Travelling', emoji: ':train:', expiration: at(20) },
      { text: '', emoji: '', expiration: null },
    ],
  ])('puts back %s', (_name, previous, expected) => {
    expect(statusToRestore(previous, at(30))).toEqual(expected);
  });
});

describe('changesSlackFocus', () => {
  it.each([
    ['a start', { state: 'planned', extensionSeconds: 0 }, { state: 'active', extensionSeconds: 0 }, true],
    [
      'a goal edit',
      { state: 'active', extensionSeconds: 0 },
      { state: 'active', extensionSeconds: 0 },
      false,
    ],
    [
      'keep going',
      { state: 'active', extensionSeconds: 0 },
      { state: 'active', extensionSeconds: 600 },
      true,
    ],
  ] as const)('%s: %s', (_name, before, after, expected) => {
    expect(changesSlackFocus(before, after)).toBe(expected);
  });
});
