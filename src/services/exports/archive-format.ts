import { z } from 'zod';
import { INSIGHT_SEVERITIES } from '../../db/schema/index.ts';
import { MAX_GOAL_LENGTH, MAX_NOTES_LENGTH, TimeZoneField } from '../../domain/fields.ts';
import { parseLocalDate, WEEK_STARTS } from '../../domain/local-date.ts';
import { THEMES } from '../../domain/preferences.ts';
import {
  PROJECT_COLORS,
  PROJECT_STATUSES,
  RESOURCE_KINDS,
  SESSION_OUTCOMES,
  SESSION_TASK_ROLES,
  SWITCH_REASONS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TYPES,
} from '../../domain/work-values.ts';

/**
 * The full account archive, version 1: everything a person owns, as one JSON document. Ids are
 * the exporting account's; an import gives every row a new id and maps the references. It never
 * holds a password hash, tokens or sign-in sessions.
 */
export const ARCHIVE_FORMAT = 'deepsheet-archive';
export const ARCHIVE_VERSION = 1;

const Id = z.uuid();
/** Text the database can hold: PostgreSQL refuses the NUL character. */
const Text = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'Contains a character that cannot be saved.');
const Instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const LocalDate = z.string().refine((v) => parseLocalDate(v) !== null, 'Use a date such as 2026-04-06.');
const Count = z.number().int().min(0);

const Profile = z.object({
  email: Text(320).optional(),
  timeZone: TimeZoneField,
  sessionLengthMinutes: z.number().int().min(5).max(240),
  weekStart: z.enum(WEEK_STARTS),
  theme: z.enum(THEMES),
  weeklyFocusTargetMinutes: z.number().int().min(30).max(6000),
});

const Project = z.object({
  id: Id,
  name: Text(100, 1),
  color: z.enum(PROJECT_COLORS),
  description: Text(5000),
  status: z.enum(PROJECT_STATUSES),
  createdAt: Instant,
  updatedAt: Instant,
});

const Task = z.object({
  id: Id,
  projectId: Id.nullable(),
  title: Text(255, 1),
  description: Text(20_000),
  type: z.enum(TASK_TYPES),
  priority: z.enum(TASK_PRIORITIES),
  status: z.enum(TASK_STATUSES),
  estimateSessions: z.number().int().min(1).max(100).nullable(),
  dueDate: LocalDate.nullable(),
  externalUrl: Text(2000).nullable(),
  externalId: Text(200).nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});

const Session = z.object({
  id: z.string().max(64),
  date: LocalDate,
  slot: z.number().int().min(1).max(4),
  goal: Text(MAX_GOAL_LENGTH),
  notes: Text(MAX_NOTES_LENGTH),
  state: z.enum(['planned', 'active', 'paused', 'completed', 'skipped']),
  plannedMinutes: z.number().int().min(5).max(240),
  extensionSeconds: Count,
  accumulatedMs: Count,
  activeSince: Instant.nullable(),
  startedAt: Instant.nullable(),
  endedAt: Instant.nullable(),
  focusSeconds: Count.nullable(),
  overtimeSeconds: Count.nullable(),
  pauseCount: Count,
  firstPauseFocusSeconds: Count.nullable(),
  isFlagged: z.boolean(),
  loggedAfterwards: z.boolean(),
  skipReason: Text(255).nullable(),
  outcome: z.enum(SESSION_OUTCOMES).nullable(),
  outcomeNote: Text(2000),
  updatedAt: Instant,
});

const SessionTask = z.object({
  sessionId: z.string().max(64),
  taskId: Id,
  role: z.enum(SESSION_TASK_ROLES),
});

const ContextSwitch = z.object({
  id: Id,
  sessionId: z.string().max(64),
  occurredAt: Instant,
  reason: z.enum(SWITCH_REASONS),
  note: Text(5000),
  fromTaskId: Id.nullable(),
  toTaskId: Id.nullable(),
});

const Resource = z.object({
  id: Id,
  taskId: Id.nullable(),
  sessionId: z.string().max(64).nullable(),
  url: Text(2000, 1),
  title: Text(500),
  kind: z.enum(RESOURCE_KINDS),
  createdAt: Instant,
});

const DismissedInsight = z.object({
  rule: Text(100, 1),
  periodKey: Text(100, 1),
  severity: z.enum(INSIGHT_SEVERITIES),
  title: Text(500),
  message: Text(5000),
  recommendation: Text(5000),
  evidence: z
    .unknown()
    .refine(
      (v) => !JSON.stringify(v ?? null).includes('\\u0000'),
      'Contains a character that cannot be saved.',
    ),
  computedAt: Instant,
  dismissedAt: Instant,
});

export const Archive = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: Instant,
  profile: Profile,
  projects: z.array(Project),
  tasks: z.array(Task),
  sessions: z.array(Session),
  sessionTasks: z.array(SessionTask),
  contextSwitches: z.array(ContextSwitch),
  resources: z.array(Resource),
  insightDismissals: z.array(DismissedInsight).default([]),
});
export type Archive = z.infer<typeof Archive>;
export type ArchiveSession = Archive['sessions'][number];
