import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.ts';
import { ContextSwitchInput } from '../../domain/inputs/context-switches.ts';
import { PreferencesPatch } from '../../domain/inputs/preferences.ts';
import { TaskPatch } from '../../domain/inputs/tasks.ts';
import { parseForm } from './form-input.ts';

const UUID = '6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11';

function fieldErrorsOf(run: () => unknown): Record<string, string> | undefined {
  try {
    run();
  } catch (error) {
    if (isAppError(error) && error.code === 'validation') return error.fields;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('parseForm', () => {
  it('reads a task form into the same patch the API takes: blanks clear, numbers are numbers', () => {
    const patch = parseForm(TaskPatch, {
      title: ' Fix the login ',
      description: '  as typed  ',
      type: 'bug',
      projectId: '',
      estimateSessions: ' 3 ',
      dueDate: '',
      externalUrl: 'https://github.com/acme/web/issues/3',
      _csrf: 'ignored',
    });
    expect(patch).toEqual({
      title: 'Fix the login',
      description: '  as typed  ',
      type: 'bug',
      projectId: null,
      estimateSessions: 3,
      dueDate: null,
      externalUrl: 'https://github.com/acme/web/issues/3',
    });
  });

  it('leaves out what the form did not send, so a patch keeps it', () => {
    expect(parseForm(TaskPatch, { status: 'doing', projectId: UUID })).toEqual({
      status: 'doing',
      projectId: UUID,
    });
  });

  it('refuses with the schema’s own message per field', () => {
    expect(fieldErrorsOf(() => parseForm(TaskPatch, { title: '', priority: 'meh' }))).toEqual({
      title: 'Give the task a title.',
      priority: 'Choose one of low, normal, high, urgent.',
    });
    expect(fieldErrorsOf(() => parseForm(PreferencesPatch, { sessionLengthMinutes: '' }))).toEqual({
      sessionLengthMinutes: 'At least 5 minutes.',
    });
  });

  it('reads a ticked checkbox as true and applies the defaults otherwise', () => {
    expect(parseForm(ContextSwitchInput, { reason: 'meeting', pause: 'on', toTaskId: '' })).toEqual({
      reason: 'meeting',
      note: '',
      toTaskId: null,
      pause: true,
    });
    expect(parseForm(ContextSwitchInput, { reason: 'break' })).toMatchObject({ pause: false });
  });
});
