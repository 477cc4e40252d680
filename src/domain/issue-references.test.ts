import { describe, expect, it } from 'vitest';
import { referencedIssues } from './issue-references.ts';

describe('referencedIssues', () => {
  it.each([
    ['no reference', 'Tidy the build', []],
    ['a local number', 'Fixes #12', [{ repository: 'acme/web', number: 12 }]],
    ['another repository', 'See acme/api#7.', [{ repository: 'acme/api', number: 7 }]],
    [
      'a full GitHub URL',
      'Closes https://github.com/acme/api/issues/9',
      [{ repository: 'acme/api', number: 9 }],
    ],
    [
      'a GitLab URL with nested groups',
      'Relates to https://gitlab.example.com/acme/tools/cli/-/issues/3',
      [{ repository: 'acme/tools/cli', number: 3 }],
    ],
    [
      'several, once each',
      'Fixes #1, #2 and (#1); resolves acme/web#2',
      [
        { repository: 'acme/web', number: 1 },
        { repository: 'acme/web', number: 2 },
      ],
    ],
    ['not a heading anchor in a URL', 'https://example.com/page#12', []],
    ['not a word with a hash', 'C#12 or abc#3', []],
    ['not zero', '#0', []],
  ])('%s', (_name, text, expected) => {
    expect(referencedIssues(text, 'acme/web')).toEqual(expected);
  });
});
