export type AutosaveKind = 'goal' | 'notes';

const GOAL_MAX_LENGTH = 255;
const NOTES_SEPARATOR = '\n\n— from the other device —\n\n';

/**
 * "Keep both" after an edit conflict: nothing anyone typed is dropped (bar the goal's length
 * limit). Notes are joined under a separator; the one-line goal is joined with " / ".
 */
export function keepBoth(kind: AutosaveKind, mine: string, theirs: string): string {
  if (mine === theirs || theirs.trim() === '') return mine;
  if (mine.trim() === '') return theirs;
  if (kind === 'notes') return `${mine}${NOTES_SEPARATOR}${theirs}`;
  return truncate(`${mine.trim()} / ${theirs.trim()}`, GOAL_MAX_LENGTH);
}

/** Cuts to `max` UTF-16 units (what the server counts) without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
