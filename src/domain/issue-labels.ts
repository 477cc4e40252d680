import type { TaskPriority, TaskType } from './work-values.ts';

// An issue's labels suggest a task type and priority. Guesses only: the person edits them, and a
// later sync leaves an edited one alone.

const TYPE_WORDS: [RegExp, TaskType][] = [
  [/\b(bug|defect|regression|crash|fix)\b/, 'bug'],
  [/\b(refactor(ing)?|tech[- ]?debt|cleanup|clean-up)\b/, 'refactor'],
  [/\b(research|spike|investigation|question|discussion)\b/, 'research'],
  [/\b(chore|maintenance|dependencies|deps|ci|build|docs?|documentation)\b/, 'chore'],
  [/\b(feature|enhancement|improvement|feat|story)\b/, 'feature'],
];

const PRIORITY_WORDS: [RegExp, TaskPriority][] = [
  [/\b(urgent|critical|blocker|p0|sev[- ]?1|priority[:/ -]+(critical|urgent))\b/, 'urgent'],
  [/\b(high|important|p1|sev[- ]?2|priority[:/ -]+high)\b/, 'high'],
  [/\b(low|minor|p3|p4|nice[- ]to[- ]have|priority[:/ -]+low)\b/, 'low'],
];

const normalise = (label: string) => label.toLowerCase().replace(/[_:]+/g, ' ').replace(/\s+/g, ' ').trim();

function firstMatch<T>(labels: string[], table: [RegExp, T][]): T | undefined {
  // The table's order decides between labels: "bug" and "enhancement" together make a bug.
  for (const [pattern, value] of table) {
    if (labels.some((label) => pattern.test(label))) return value;
  }
  return undefined;
}

/** The task type and priority an issue's labels suggest; feature and normal when they say nothing. */
export function guessFromLabels(labels: readonly string[]): { type: TaskType; priority: TaskPriority } {
  const words = labels.map(normalise);
  return {
    type: firstMatch(words, TYPE_WORDS) ?? 'feature',
    priority: firstMatch(words, PRIORITY_WORDS) ?? 'normal',
  };
}
