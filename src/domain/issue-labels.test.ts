import { describe, expect, it } from 'vitest';
import { guessFromLabels } from './issue-labels.ts';

describe('guessFromLabels', () => {
  it.each([
    [[], 'feature', 'normal'],
    [['bug'], 'bug', 'normal'],
    [['Type: Bug', 'priority: high'], 'bug', 'high'],
    [['enhancement'], 'feature', 'normal'],
    [['enhancement', 'bug'], 'bug', 'normal'],
    [['tech-debt'], 'refactor', 'normal'],
    [['refactoring', 'P0'], 'refactor', 'urgent'],
    [['question'], 'research', 'normal'],
    [['documentation', 'good first issue'], 'chore', 'normal'],
    [['priority::low'], 'feature', 'low'],
    [['critical'], 'feature', 'urgent'],
    [['debugger'], 'feature', 'normal'],
    [['nice to have'], 'feature', 'low'],
  ])('%j -> %s, %s', (labels, type, priority) => {
    expect(guessFromLabels(labels)).toEqual({ type, priority });
  });
});
