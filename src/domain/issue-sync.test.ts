import { describe, expect, it } from 'vitest';
import {
  decideResync,
  type IssueFields,
  statusOfIssueState,
  taskTitleOf,
  type WrittenFields,
} from './issue-sync.ts';

const written: WrittenFields = {
  title: 'Crash',
  status: 'todo',
  type: 'bug',
  priority: 'normal',
  projectId: 'p1',
};
const same = { ...written, isPlanned: false };
const incoming = (change: Partial<IssueFields>): IssueFields => ({
  title: 'Crash',
  status: 'todo',
  type: 'bug',
  priority: 'normal',
  ...change,
});

describe('decideResync', () => {
  it.each([
    ['nothing new, nothing touched', same, incoming({}), {}],
    [
      'a new title flows into an untouched task',
      same,
      incoming({ title: 'Crash on save' }),
      { title: 'Crash on save' },
    ],
    ['a closed issue marks an untouched task done', same, incoming({ status: 'done' }), { status: 'done' }],
    [
      'a closed issue leaves a task whose title the person edited',
      { ...same, title: 'My words' },
      incoming({ status: 'done' }),
      {},
    ],
    [
      'a new title leaves the person’s title but a new priority flows',
      { ...same, title: 'My words' },
      incoming({ title: 'Other', priority: 'high' }),
      { priority: 'high' },
    ],
    ['a type the person chose stays', { ...same, type: 'refactor' }, incoming({ type: 'feature' }), {}],
    [
      'a task the person moved is left alone',
      { ...same, projectId: 'p2' },
      incoming({ title: 'New', status: 'done' }),
      {},
    ],
    [
      'a planned task is left alone',
      { ...same, isPlanned: true },
      incoming({ title: 'New', status: 'done' }),
      {},
    ],
    [
      'a task the person finished stays finished when the issue reopens',
      { ...same, status: 'done' },
      incoming({ status: 'todo' }),
      {},
    ],
    [
      'a reopened issue brings back an untouched task the sync closed',
      { ...same, status: 'done' },
      { ...incoming({ status: 'todo' }) },
      {},
    ],
  ] as const)('%s', (_name, task, next, patch) => {
    expect(decideResync(task, written, next).patch).toEqual(patch);
  });

  it('remembers only what it wrote', () => {
    const decision = decideResync(
      { ...same, title: 'Mine' },
      written,
      incoming({ title: 'Theirs', type: 'chore' }),
    );
    expect(decision.written).toEqual({ ...written, type: 'chore' });
  });

  it('reopens a task it closed itself', () => {
    const closed = { ...written, status: 'done' as const };
    expect(decideResync({ ...closed, isPlanned: false }, closed, incoming({ status: 'todo' })).patch).toEqual(
      {
        status: 'todo',
      },
    );
  });
});

describe('issue values', () => {
  it.each([
    ['open', 'todo'],
    ['closed', 'done'],
  ] as const)('%s -> %s', (state, status) => expect(statusOfIssueState(state)).toBe(status));

  it.each([
    ['  Fix\n the   thing ', 'Fix the thing'],
    ['', '(untitled issue)'],
    ['x'.repeat(300), 'x'.repeat(255)],
  ])('title %j', (title, expected) => expect(taskTitleOf(title)).toBe(expected));
});
