import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import {
  LocalDateField,
  parseField,
  SessionGoal,
  SessionLength,
  SessionNotes,
  SkipReason,
} from './fields.ts';

describe('SessionGoal', () => {
  it.each([
    ['Draft the sync design note', 'Draft the sync design note'],
    ['  Inbox zero, expenses  ', 'Inbox zero, expenses'],
    ['', ''],
    ['x'.repeat(255), 'x'.repeat(255)],
    [` ${'x'.repeat(255)} `, 'x'.repeat(255)],
    ['Écrire la note — 設計メモ 🚀', 'Écrire la note — 設計メモ 🚀'],
    ['trailing newline is trimmed\n', 'trailing newline is trimmed'],
  ])('accepts %j as %j', (input, expected) => {
    expect(SessionGoal.parse(input)).toBe(expected);
  });

  it.each([
    ['first line\nsecond line', 'Keep the goal to one line.'],
    ['first line\r\nsecond line', 'Keep the goal to one line.'],
    ['tab\tinside', 'Keep the goal to one line.'],
    ['line\u2028separator', 'Keep the goal to one line.'],
    ['nul\u0000inside', 'Keep the goal to one line.'],
    ['x'.repeat(256), 'Keep the goal under 256 characters.'],
    [42, 'Enter the goal as text.'],
  ])('refuses %j: %s', (input, message) => {
    const result = SessionGoal.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

describe('SessionNotes', () => {
  it.each(['', 'Outcome:\n- wrote the note\n- sent it', '  kept as typed  ', 'n'.repeat(20_000)])(
    'accepts notes of %# as typed',
    (input) => {
      expect(SessionNotes.parse(input)).toBe(input);
    },
  );

  it.each([
    ['n'.repeat(20_001), 'Notes can hold up to 20,000 characters.'],
    ['nul\u0000inside', 'The notes contain a character that cannot be saved.'],
  ])('refuses notes %#: %s', (input, message) => {
    expect(SessionNotes.safeParse(input).error?.issues[0]?.message).toBe(message);
  });
});

describe('SessionLength', () => {
  it.each([
    [5, 5],
    [45, 45],
    [240, 240],
    ['25', 25],
  ])('accepts %j as %i minutes', (input, expected) => {
    expect(SessionLength.parse(input)).toBe(expected);
  });

  it.each([
    [4, 'At least 5 minutes.'],
    [241, 'At most 240 minutes.'],
    [45.5, 'Use whole minutes.'],
    ['', 'At least 5 minutes.'],
    ['abc', 'Enter a number of minutes.'],
  ])('refuses %j: %s', (input, message) => {
    expect(SessionLength.safeParse(input).error?.issues[0]?.message).toBe(message);
  });
});

describe('SkipReason and LocalDateField', () => {
  it('trims a reason and keeps it to one line', () => {
    expect(SkipReason.parse('  meeting  ')).toBe('meeting');
    expect(SkipReason.safeParse('a\nb').success).toBe(false);
  });

  it.each([
    ['2026-04-06', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-04-06T00:00:00Z', false],
  ])('LocalDateField on %j succeeds: %s', (input, success) => {
    expect(LocalDateField.safeParse(input).success).toBe(success);
  });
});

describe('parseField', () => {
  it('returns the parsed value', () => {
    expect(parseField(SessionLength, 'plannedMinutes', '30')).toBe(30);
  });

  it('throws a validation error naming the field', () => {
    let caught: unknown;
    try {
      parseField(SessionGoal, 'goal', 'a\nb');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({
      code: 'validation',
      message: 'Keep the goal to one line.',
      fields: { goal: 'Keep the goal to one line.' },
    });
  });
});
