// The changes pushed to a person's open devices, shared by the server (which records and streams
// them) and the browser bundle (which parses them). Pure and free of runtime imports: esbuild
// bundles this file into the client as it is, so it must not pull in zod or server code.
//
// Adding an event type is a change to this file only: an entry in EVENT_TYPES (its fields, in the
// order they go on the wire), one in EVENT_DOCS (what it and each field mean; the compiler asks for
// it) and a one-line builder below, which publishers pass to recordEvent. The union, the parser and
// the API documentation (OpenAPI at build time; docs/api.md via `node scripts/generate-event-docs.mjs`,
// which a test checks) follow from the entries.
import type { Preferences } from './inputs/preferences.ts';
import type { SessionState } from './timer.ts';

type FieldSpec = {
  kind: 'string' | 'integer' | 'date';
  /** Allowed values of a string field, when it has a fixed set. */
  values?: readonly string[];
  /** Sent by some publishers of the type only. */
  isOptional?: true;
};
type FieldSpecs = Readonly<Record<string, FieldSpec>>;

/** Every event type with its fields: the one description the union, parser and docs derive from. */
export const EVENT_TYPES = {
  'session.updated': {
    sessionId: { kind: 'string' },
    date: { kind: 'date' },
    slot: { kind: 'integer' },
    state: { kind: 'string', values: ['planned', 'active', 'paused', 'completed', 'skipped'] },
    version: { kind: 'integer' },
  },
  'preferences.updated': {
    timeZone: { kind: 'string' },
    sessionLengthMinutes: { kind: 'integer' },
    weeklyFocusTargetMinutes: { kind: 'integer' },
    weekStart: { kind: 'string', values: ['monday', 'sunday', 'saturday'] },
    theme: { kind: 'string', values: ['system', 'light', 'dark'] },
  },
  'insights.updated': {
    count: { kind: 'integer', isOptional: true },
    dismissedId: { kind: 'string', isOptional: true },
  },
  'export.updated': {
    id: { kind: 'string' },
    status: { kind: 'string', values: ['queued', 'running', 'ready', 'failed'] },
    progress: { kind: 'integer' },
  },
  'team.focus.changed': {
    teamId: { kind: 'string' },
    userId: { kind: 'string' },
  },
  'team.task.changed': {
    teamId: { kind: 'string' },
    taskId: { kind: 'string' },
    change: { kind: 'string', values: ['created', 'updated', 'deleted'] },
  },
  'team.member.changed': {
    teamId: { kind: 'string' },
    userId: { kind: 'string' },
    change: {
      kind: 'string',
      values: [
        'joined',
        'role_changed',
        'sharing_changed',
        'left',
        'removed',
        'team_renamed',
        'team_deleted',
      ],
    },
  },
} as const satisfies Record<string, FieldSpecs>;

export type EventType = keyof typeof EVENT_TYPES;

type ValueOf<F> = F extends { values: readonly (infer V)[] }
  ? V
  : F extends { kind: 'integer' }
    ? number
    : string;
type FieldsOf<S> = {
  -readonly [K in keyof S as S[K] extends { isOptional: true } ? never : K]: ValueOf<S[K]>;
} & {
  -readonly [K in keyof S as S[K] extends { isOptional: true } ? K : never]?: ValueOf<S[K]>;
};
type Flatten<T> = { [K in keyof T]: T[K] };

/** The fields of one event type, as its builder takes them. */
export type EventFields<T extends EventType> = Flatten<FieldsOf<(typeof EVENT_TYPES)[T]>>;

/** A change pushed to devices, on the wire as `{ "type": …, …fields }`. */
export type DeepsheetEvent = { [T in EventType]: Flatten<{ type: T } & EventFields<T>> }[EventType];
export type EventOf<T extends EventType> = Extract<DeepsheetEvent, { type: T }>;

/** What the stream sends besides events: `hello` on connect, `resync` when too much was missed. */
export type StreamControl = { type: 'hello' } | { type: 'resync' };
export type StreamMessage = DeepsheetEvent | StreamControl;

function eventOf<T extends EventType>(type: T, fields: EventFields<T>): EventOf<T> {
  // Only the declared fields, in the declared order: a row passed in whole leaks nothing more.
  const event: Record<string, unknown> = { type };
  const given = fields as Record<string, unknown>;
  for (const name of Object.keys(EVENT_TYPES[type])) {
    if (given[name] !== undefined) event[name] = given[name];
  }
  return event as EventOf<T>;
}

export const sessionUpdated = (fields: EventFields<'session.updated'>) => eventOf('session.updated', fields);
export const preferencesUpdated = (fields: EventFields<'preferences.updated'>) =>
  eventOf('preferences.updated', fields);
export const insightsUpdated = (fields: { count: number } | { dismissedId: string }) =>
  eventOf('insights.updated', fields);
export const exportUpdated = (fields: EventFields<'export.updated'>) => eventOf('export.updated', fields);
export const teamFocusChanged = (fields: EventFields<'team.focus.changed'>) =>
  eventOf('team.focus.changed', fields);
export const teamTaskChanged = (fields: EventFields<'team.task.changed'>) =>
  eventOf('team.task.changed', fields);
export const teamMemberChanged = (fields: EventFields<'team.member.changed'>) =>
  eventOf('team.member.changed', fields);

/** Whether an event is about a team (and goes to its members) rather than about one person. */
export function isTeamEvent(
  event: DeepsheetEvent,
): event is Extract<DeepsheetEvent, { type: `team.${string}` }> {
  return event.type.startsWith('team.');
}

function isValue(spec: FieldSpec, value: unknown): boolean {
  if (spec.kind === 'integer') return Number.isInteger(value);
  if (typeof value !== 'string') return false;
  if (spec.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return !spec.values || spec.values.includes(value);
}

/** The event in a parsed JSON value, or undefined for an unknown type or a missing or wrong field. */
export function parseEvent(value: unknown): DeepsheetEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Record<string, unknown>;
  const type = candidate.type;
  if (typeof type !== 'string' || !Object.hasOwn(EVENT_TYPES, type)) return undefined;
  const fields: FieldSpecs = EVENT_TYPES[type as EventType];
  for (const [name, spec] of Object.entries(fields)) {
    const field = candidate[name];
    if (field === undefined ? !spec.isOptional : !isValue(spec, field)) return undefined;
  }
  return candidate as DeepsheetEvent;
}

/** A stream message's `data` (JSON text): an event, `hello` or `resync`; undefined otherwise. */
export function parseStreamMessage(data: string): StreamMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  const type = (value as { type?: unknown } | null)?.type;
  if (type === 'hello' || type === 'resync') return { type };
  return parseEvent(value);
}

/** Where docs/api.md holds the table below (written by scripts/generate-event-docs.mjs). */
export const EVENT_DOCS_START = '<!-- events:start (generated from src/domain/events.ts) -->';
export const EVENT_DOCS_END = '<!-- events:end -->';

// Kept apart from EVENT_TYPES so the browser bundle, which never builds the docs, leaves the text out.
const EVENT_DOCS = {
  'session.updated': {
    about:
      'A session changed: a timer action, an edit, an outcome, an interruption recorded or deleted, a task or resource linked.',
    fields: {
      sessionId: 'The session’s id.',
      date: 'Its local day (YYYY-MM-DD).',
      slot: 'Its slot, 1 to 4.',
      state: 'Its state after the change.',
      version: 'Its version after the change; versions only grow.',
    },
  },
  'preferences.updated': {
    about: 'The preferences were saved; the event carries all of them.',
    fields: {
      timeZone: 'An IANA time zone.',
      sessionLengthMinutes: 'The default session length.',
      weeklyFocusTargetMinutes: 'The weekly focus target.',
      weekStart: 'The first day of the week.',
      theme: 'The colour theme.',
    },
  },
  'insights.updated': {
    about: 'The set of insights changed: a recompute found others, or one was dismissed.',
    fields: {
      count: 'After a recompute: how many insights are shown now.',
      dismissedId: 'After a dismissal: the dismissed insight’s id.',
    },
  },
  'export.updated': {
    about: 'An export made progress, became ready or failed.',
    fields: { id: 'The export’s id.', status: 'Its status.', progress: 'Percent done, 0 to 100.' },
  },
  'team.focus.changed': {
    about:
      'A member who shares their focus with the team started, paused, resumed, extended or ended a session, changed the main task of an open one, or began or stopped sharing. Sent to every member; fetch the board for what it shows now.',
    fields: { teamId: 'The team’s id.', userId: 'The member whose focus changed.' },
  },
  'team.task.changed': {
    about: 'A task in one of the team’s projects was created, changed or deleted. Sent to every member.',
    fields: { teamId: 'The team’s id.', taskId: 'The task’s id.', change: 'What happened to it.' },
  },
  'team.member.changed': {
    about:
      'Someone joined, left or was removed, a role or a sharing choice changed, or the team was renamed or deleted (sent before the memberships go). Sent to every member, and to the person who left or was removed (their last team event).',
    fields: {
      teamId: 'The team’s id.',
      userId: 'The member concerned (for a rename or deletion, who did it).',
      change: 'What happened.',
    },
  },
} satisfies {
  [T in EventType]: { about: string; fields: Record<keyof (typeof EVENT_TYPES)[T], string> };
};

/** A Markdown table of the event types and their fields, for the API documentation. */
export function describeEvents(): string {
  const rows = Object.keys(EVENT_TYPES).map((type) => {
    const docs: { about: string; fields: Record<string, string> } = EVENT_DOCS[type as EventType];
    const specs: FieldSpecs = EVENT_TYPES[type as EventType];
    const fields = Object.entries(specs).map(([name, field]) => {
      const kind = field.values ? field.values.map((v) => `\`${v}\``).join(' \\| ') : field.kind;
      return `\`${name}\` (${kind}${field.isOptional ? ', optional' : ''}): ${docs.fields[name]}`;
    });
    return `| \`${type}\` | ${docs.about} | ${fields.join('<br>')} |`;
  });
  return ['| Event | When | Fields |', '| --- | --- | --- |', ...rows].join('\n');
}

// The table's fixed value sets must be the domain's own: a state or theme added elsewhere fails
// typecheck here until the table lists it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<EventOf<'session.updated'>['state'], SessionState>;
true satisfies Same<EventFields<'preferences.updated'>, Preferences>;
