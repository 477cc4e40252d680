import { describe, expect, it } from 'vitest';
import { keepBoth, truncate } from './merge-text.ts';

describe('keepBoth', () => {
  it('keeps both notes under a separator, mine first', () => {
    expect(keepBoth('notes', 'mine', 'theirs')).toBe('mine\n\n— from the other device —\n\ntheirs');
  });

  it('joins two goals on one line', () => {
    expect(keepBoth('goal', 'Draft the note ', 'Review the PR')).toBe('Draft the note / Review the PR');
  });

  it('does not repeat text that is the same, nor add an empty side', () => {
    expect(keepBoth('notes', 'same', 'same')).toBe('same');
    expect(keepBoth('notes', '', 'theirs')).toBe('theirs');
    expect(keepBoth('goal', 'mine', '  ')).toBe('mine');
  });

  it('keeps a joined goal within 255 characters', () => {
    const merged = keepBoth('goal', 'a'.repeat(200), 'b'.repeat(200));
    expect(merged).toHaveLength(255);
    expect(merged.startsWith(`${'a'.repeat(200)} / b`)).toBe(true);
  });

  it('never cuts notes', () => {
    expect(keepBoth('notes', 'a'.repeat(300), 'b'.repeat(300)).length).toBeGreaterThan(600);
  });
});

describe('truncate', () => {
  it('does not split a character made of two code units', () => {
    expect(truncate('ab😀', 3)).toBe('ab');
    expect(truncate('ab😀', 4)).toBe('ab😀');
  });
});
