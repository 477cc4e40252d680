import { describe, expect, it } from 'vitest';
import { TASK_STATUSES } from '../work-values.ts';
import { choiceList } from './page-query.ts';

describe('choiceList', () => {
  const statuses = choiceList(TASK_STATUSES);

  it.each([
    [
      ['todo', 'doing'],
      ['todo', 'doing'],
    ],
    ['todo,doing', ['todo', 'doing']],
    [' done , ,dropped', ['done', 'dropped']],
    ['', []],
  ])('reads %j as %j', (input, expected) => {
    expect(statuses.parse(input)).toEqual(expected);
  });

  it('refuses a choice outside the list, naming its position', () => {
    expect(statuses.safeParse('todo,lost').error?.issues[0]?.path).toEqual([1]);
    expect(statuses.safeParse(['todo', 'todo', 'todo', 'todo', 'todo']).success).toBe(false);
  });
});
