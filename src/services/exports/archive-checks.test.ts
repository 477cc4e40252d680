import { describe, expect, it } from 'vitest';
import type { AppError } from '../../domain/errors.ts';
import { parseArchive, parseArchiveText } from './account-import.ts';

const T = '2026-04-06T08:00:00.000Z';
const PROJECT = '1c8f4c3e-2b1a-4d3e-9f5a-6b7c8d9e0f1a';
const TASK = '2c8f4c3e-2b1a-4d3e-9f5a-6b7c8d9e0f1a';
const session = (slot: number, extra: object = {}) => ({
  id: `s${slot}`,
  date: '2026-04-06',
  slot,
  goal: '',
  notes: '',
  state: 'planned',
  plannedMinutes: 45,
  extensionSeconds: 0,
  accumulatedMs: 0,
  activeSince: null,
  startedAt: null,
  endedAt: null,
  focusSeconds: null,
  overtimeSeconds: null,
  pauseCount: 0,
  firstPauseFocusSeconds: null,
  isFlagged: false,
  loggedAfterwards: false,
  skipReason: null,
  outcome: null,
  outcomeNote: '',
  updatedAt: T,
  ...extra,
});

function archive(overrides: Record<string, unknown> = {}) {
  return {
    format: 'deepsheet-archive',
    version: 1,
    exportedAt: T,
    profile: {
      timeZone: 'UTC',
      sessionLengthMinutes: 45,
      weekStart: 'monday',
      theme: 'system',
      weeklyFocusTargetMinutes: 600,
    },
    projects: [
      {
        id: PROJECT,
        name: 'Web',
        color: 'teal',
        description: '',
        status: 'active',
        createdAt: T,
        updatedAt: T,
      },
    ],
    tasks: [
      {
        id: TASK,
        projectId: PROJECT,
        title: 'Fix it',
        description: '',
        type: 'bug',
        priority: 'normal',
        status: 'todo',
        estimateSessions: null,
        dueDate: null,
        externalUrl: null,
        externalId: null,
        createdAt: T,
        updatedAt: T,
      },
    ],
    sessions: [1, 2, 3, 4].map((slot) => session(slot)),
    sessionTasks: [{ sessionId: 's1', taskId: TASK, role: 'main' }],
    contextSwitches: [],
    resources: [],
    ...overrides,
  };
}

function problemsOf(value: unknown): Record<string, string> {
  try {
    parseArchive(value);
  } catch (error) {
    return (error as AppError).fields ?? {};
  }
  return {};
}

describe('checking an archive before import', () => {
  it('accepts a whole, consistent archive (dismissals may be absent)', () => {
    expect(parseArchive(archive())).toMatchObject({ version: 1, insightDismissals: [] });
  });

  it.each([
    ['a day missing a slot', { sessions: [1, 2, 3].map((s) => session(s)) }, 'sessions.2026-04-06'],
    ['a slot twice', { sessions: [1, 2, 3, 4, 4].map((s) => session(s)) }, 'sessions.4.slot'],
    [
      'a task of a project not in the archive',
      { tasks: [{ ...archive().tasks[0], projectId: '3c8f4c3e-2b1a-4d3e-9f5a-6b7c8d9e0f1a' }] },
      'tasks.0.projectId',
    ],
    [
      'a link to a session not in the archive',
      { sessionTasks: [{ sessionId: 'nope', taskId: TASK, role: 'main' }] },
      'sessionTasks.0.sessionId',
    ],
    [
      'two running sessions',
      { sessions: [1, 2, 3, 4].map((s) => session(s, s < 3 ? { state: 'active', activeSince: T } : {})) },
      'sessions',
    ],
    [
      'a running session without its start',
      { sessions: [1, 2, 3, 4].map((s) => session(s, s === 1 ? { state: 'active' } : {})) },
      'sessions.0.activeSince',
    ],
    [
      'an unknown switch reason',
      {
        contextSwitches: [
          {
            id: TASK,
            sessionId: 's1',
            occurredAt: T,
            reason: 'boredom',
            note: '',
            fromTaskId: null,
            toTaskId: null,
          },
        ],
      },
      'contextSwitches.0.reason',
    ],
    ['a NUL character', { projects: [{ ...archive().projects[0], name: 'a\u0000b' }] }, 'projects.0.name'],
    ['a later version', { version: 2 }, 'version'],
    ['a missing section', { resources: undefined }, 'resources'],
  ])('names the problem with %s', (_, overrides, path) => {
    expect(Object.keys(problemsOf(archive(overrides)))).toContain(path);
  });

  it('tells a file that is not an archive, or not JSON, apart', () => {
    expect(problemsOf({ format: 'other' })).toEqual({ format: "Expected format 'deepsheet-archive'." });
    expect(() => parseArchiveText('{nope')).toThrow('it is not valid JSON');
  });
});
