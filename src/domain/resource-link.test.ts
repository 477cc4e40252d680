import { describe, expect, it } from 'vitest';
import { describeResourceLink } from './resource-link.ts';

describe('describeResourceLink', () => {
  it.each([
    ['https://github.com/acme/web/pull/42', 'pull_request', 'acme/web#42'],
    ['https://www.github.com/acme/web/pull/42/files', 'pull_request', 'acme/web#42'],
    ['https://github.com/acme/web/issues/7', 'issue', 'acme/web#7'],
    ['https://github.com/acme/web', 'other', 'github.com/acme/web'],
    ['https://github.com/acme/web/pull/new', 'other', 'github.com/acme/web/pull/new'],
    ['https://gitlab.com/acme/web/-/merge_requests/5', 'pull_request', 'acme/web!5'],
    ['https://gitlab.com/acme/team/web/-/merge_requests/5/diffs', 'pull_request', 'acme/team/web!5'],
    ['https://gitlab.com/acme/web/-/issues/9', 'issue', 'acme/web#9'],
    ['https://docs.google.com/document/d/abc/edit', 'doc', 'Google Docs document'],
    ['https://docs.google.com/spreadsheets/d/abc', 'doc', 'Google Sheets spreadsheet'],
    ['https://docs.google.com/presentation/d/abc', 'doc', 'Google Slides presentation'],
    ['https://docs.google.com/forms/d/abc', 'doc', 'Google Docs'],
    ['https://www.notion.so/acme/Plan-123abc', 'doc', 'Notion page'],
    ['https://acme.notion.site/Plan-123abc', 'doc', 'Notion page'],
    ['https://www.figma.com/file/abc/Design', 'design', 'Figma file'],
    ['https://figma.com/design/abc/Design', 'design', 'Figma file'],
    ['https://acme.atlassian.net/browse/WEB-12', 'issue', 'WEB-12'],
    ['https://acme.atlassian.net/wiki/spaces/X', 'other', 'acme.atlassian.net/wiki/spaces/X'],
    ['https://linear.app/acme/issue/ENG-314/fix-the-thing', 'issue', 'ENG-314'],
    ['https://example.com/', 'other', 'example.com'],
    ['http://localhost:3000/day/2026-04-06', 'other', 'localhost:3000/day/2026-04-06'],
    ['https://example.com/a%20b/', 'other', 'example.com/a b'],
    ['https://example.com/%0Aevil', 'other', 'example.com/evil'],
    ['  https://example.com/x?y=1#z  ', 'other', 'example.com/x'],
  ])('describes %s as %s %j', (url, kind, title) => {
    expect(describeResourceLink(url)).toEqual({ kind, title });
  });

  it('trims long titles to 120 characters', () => {
    const link = describeResourceLink(`https://example.com/${'a'.repeat(300)}`);
    expect(link?.title).toHaveLength(120);
    expect(link?.title.endsWith('…')).toBe(true);
  });

  it.each([
    '',
    'not a url',
    '/relative/path',
    'example.com/page',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<b>x</b>',
    'ftp://example.com/file',
    'mailto:someone@example.com',
    'file:///etc/passwd',
    'https://user:secret@example.com/',
    'http://',
  ])('refuses %j', (url) => {
    expect(describeResourceLink(url)).toBeNull();
  });
});
