import type * as Chrono from 'chrono-node';
import { addDays, dayOfWeek, type LocalDate, parseLocalDate } from './local-date.ts';

import type { TaskPriority, TaskType } from './work-values.ts';

export type { TaskPriority, TaskType };

/** The date reader quick add uses: chrono-node's `parse`, handed in so it loads only when needed. */
export type DateReader = Pick<typeof Chrono, 'parse'>;

/** What one line of quick add was understood as, shown to the person before it is saved. */
export type QuickAddPreview = {
  title: string;
  projectName: string | null;
  isNewProject: boolean;
  priority: TaskPriority | null;
  type: TaskType | null;
  dueDate: LocalDate | null;
  /** Short sentences for the person: "Project: web (new)", "Priority: high", "Due: Tue 7 Apr". */
  understood: string[];
};

const PRIORITY_MARKERS: Readonly<Record<string, TaskPriority>> = {
  '!low': 'low',
  '!normal': 'normal',
  '!high': 'high',
  '!urgent': 'urgent',
  '!!': 'high',
  '!!!': 'urgent',
};
const TYPE_MARKER = /^@(bug|feature|refactor|research|chore|admin)$/i;
// A project tag starts with a letter, so an issue reference such as #123 stays in the title.
const PROJECT_MARKER = /^#(\p{L}[\p{L}\p{N}_-]*)$/u;
const TYPE_GUESSES: readonly [RegExp, TaskType][] = [
  [/^(fix|repair)\b/i, 'bug'],
  [/^(refactor|clean\s+up)\b/i, 'refactor'],
  [/^(research|investigate|explore|read)\b/i, 'research'],
  [/^(add|build|implement|create)\b/i, 'feature'],
];
// Words chrono reads as dates that in a task title are far more often just words.
const AMBIGUOUS_DATE_WORDS = /^(sun|sat|now|(this |the )?weekend)$/i;
// Relative phrases count only when clearly about time: "in 3 days", "next week", "2 days from now",
// not "Plan the week" or "Half day".
const CLEAR_RELATIVE_DATE = /^(in|within|next)\b|\b(from now|later)$/i;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type Markers = {
  rest: string;
  projectTag: string | null;
  priority: TaskPriority | null;
  type: TaskType | null;
};

/**
 * Reads one line such as `Fix login redirect #web !high tomorrow`: `#project`, `!priority` (or
 * `!!`, `!!!`), `@type` and a natural-language due date (forward: "friday" is the next one), and
 * what is left becomes the title. Without an @type the first word may suggest one ("Fix" -> bug).
 * Pure: `today` anchors the dates. An empty title is returned as is; the caller refuses it.
 */
export function parseQuickAdd(
  text: string,
  options: { today: LocalDate; knownProjects: string[]; dates: DateReader },
): QuickAddPreview {
  const markers = extractMarkers(text);
  const due = extractDueDate(markers.rest, options.today, options.dates);
  const title = tidy(due.rest);
  const project = resolveProject(markers.projectTag, options.knownProjects);
  const guessed = markers.type ? null : guessType(title);
  const type = markers.type ?? guessed;
  const understood: string[] = [];
  if (project.name) understood.push(`Project: ${project.name}${project.isNew ? ' (new)' : ''}`);
  if (markers.priority) understood.push(`Priority: ${markers.priority}`);
  if (type) understood.push(`Type: ${type}${guessed ? ' (guessed)' : ''}`);
  if (due.date) understood.push(`Due: ${formatDue(due.date, options.today)}`);
  return {
    title,
    projectName: project.name,
    isNewProject: project.isNew,
    priority: markers.priority,
    type,
    dueDate: due.date,
    understood,
  };
}

/** The first marker of each kind counts; later ones of a kind stay in the title as typed. */
function extractMarkers(text: string): Markers {
  const markers: Markers = { rest: '', projectTag: null, priority: null, type: null };
  const kept: string[] = [];
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const priority = PRIORITY_MARKERS[token.toLowerCase()];
    const type = TYPE_MARKER.exec(token)?.[1]?.toLowerCase() as TaskType | undefined;
    const project = PROJECT_MARKER.exec(token)?.[1];
    if (priority && !markers.priority) markers.priority = priority;
    else if (type && !markers.type) markers.type = type;
    else if (project && !markers.projectTag) markers.projectTag = project;
    else kept.push(token);
  }
  markers.rest = kept.join(' ');
  return markers;
}

function extractDueDate(
  text: string,
  today: LocalDate,
  dates: DateReader,
): { rest: string; date: LocalDate | null } {
  // Noon UTC of today: any reading of "tomorrow" lands on the same calendar day.
  const reference = { instant: new Date(`${today}T12:00:00Z`), timezone: 0 };
  for (const result of dates.parse(text, reference, { forwardDate: true })) {
    const date = dateOf(result, today);
    if (!date) continue;
    const before = text.slice(0, result.index).replace(/\b(due(\s+by)?|by)\s*$/i, '');
    return { rest: `${before} ${text.slice(result.index + result.text.length)}`, date };
  }
  return { rest: text, date: null };
}

function dateOf(result: Chrono.ParsedResult, today: LocalDate): LocalDate | null {
  const start = result.start;
  const isWeekdayOnly = !start.isCertain('day') && start.isCertain('weekday');
  // A month alone ("Add March report") is a word in the title more often than a due date.
  if (!start.isCertain('day') && !isWeekdayOnly) return null;
  const words = result.text.trim();
  if (AMBIGUOUS_DATE_WORDS.test(words)) return null;
  if (result.tags().has('result/relativeDate') && !CLEAR_RELATIVE_DATE.test(words)) return null;
  const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');
  const date = parseLocalDate(`${start.get('year')}-${pad(start.get('month'))}-${pad(start.get('day'))}`);
  if (!date) return null;
  // "monday" said on a Monday means the coming one; today has its own word.
  return isWeekdayOnly && date === today ? addDays(date, 7) : date;
}

function resolveProject(tag: string | null, known: string[]): { name: string | null; isNew: boolean } {
  if (!tag) return { name: null, isNew: false };
  const match = known.find((name) => projectKey(name) === projectKey(tag));
  return match ? { name: match, isNew: false } : { name: tag, isNew: true };
}

/** `#deep-work` finds the project "Deep work": case, spaces, hyphens and underscores aside. */
function projectKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');
}

function guessType(title: string): TaskType | null {
  return TYPE_GUESSES.find(([pattern]) => pattern.test(title))?.[1] ?? null;
}

function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(^[\s,;:–—-]+)|([\s,;:–—-]+$)/g, '');
}

/** "Tue 7 Apr", with the year when it is not this year's. */
function formatDue(date: LocalDate, today: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number);
  const label = `${WEEKDAYS[dayOfWeek(date)]} ${day} ${MONTHS[(month ?? 1) - 1]}`;
  return date.slice(0, 4) === today.slice(0, 4) ? label : `${label} ${year}`;
}
