import { describe, expect, it } from 'vitest';
import { readProblemMessage, readSaveOutcome } from './save-outcome.ts';

describe('readSaveOutcome', () => {
  it('reads the new revisions and version of a save', () => {
    expect(readSaveOutcome(200, { goalRevision: 3, notesRevision: 5, version: 9 }, 'goal')).toEqual({
      kind: 'saved',
      goalRevision: 3,
      notesRevision: 5,
      version: 9,
    });
  });

  it('does not take a 200 without JSON (the log-in page after a redirect) for a save', () => {
    expect(readSaveOutcome(200, null, 'goal')).toEqual({ kind: 'failed' });
  });

  it('reads the other device text from a version conflict', () => {
    const problem = {
      code: 'session.version_conflict',
      details: { field: 'notes', current: { text: 'theirs', revision: 6 } },
    };
    expect(readSaveOutcome(409, problem, 'notes')).toEqual({
      kind: 'conflict',
      field: 'notes',
      text: 'theirs',
      revision: 6,
    });
  });

  it('treats a conflict without the other text as a failed save, to be retried', () => {
    expect(readSaveOutcome(409, { code: 'session.already_running' }, 'goal')).toEqual({ kind: 'failed' });
  });

  it('shows the message for the field that was sent', () => {
    const problem = {
      detail: 'Some fields are not valid.',
      errors: { goal: 'Keep the goal to 255 characters.' },
    };
    expect(readSaveOutcome(422, problem, 'goal')).toEqual({
      kind: 'invalid',
      message: 'Keep the goal to 255 characters.',
    });
  });

  it('treats server errors as not saved yet', () => {
    expect(readSaveOutcome(500, null, 'notes')).toEqual({ kind: 'failed' });
    expect(readSaveOutcome(403, { detail: 'CSRF' }, 'notes')).toEqual({ kind: 'failed' });
  });
});

describe('readProblemMessage', () => {
  it('falls back from field errors to detail, title and a plain sentence', () => {
    expect(readProblemMessage({ errors: [{ message: 'Too long.' }] }, 'notes')).toBe('Too long.');
    expect(readProblemMessage({ detail: 'Not valid.' }, 'notes')).toBe('Not valid.');
    expect(readProblemMessage({ title: 'Unprocessable' }, 'notes')).toBe('Unprocessable');
    expect(readProblemMessage('oops', 'notes')).toBe('This could not be saved.');
  });
});
