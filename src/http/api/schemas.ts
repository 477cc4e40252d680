import { z } from '@hono/zod-openapi';
import { MAX_SESSION_MINUTES, MIN_SESSION_MINUTES } from '../../domain/fields.ts';
import { WEEK_STARTS } from '../../domain/local-date.ts';
import { THEMES } from '../../domain/preferences.ts';
import { TIMER_ACTIONS } from '../../domain/timer.ts';
import { TOKEN_SCOPES } from '../../domain/token-scopes.ts';

/** RFC 9457 problem document: every error the API answers. */
export const Problem = z
  .object({
    type: z.string().openapi({ example: 'https://deepsheet.dev/problems/session-invalid-transition' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ example: 'session.invalid_transition' }),
    errors: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ description: 'A message per invalid field.' }),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** The error answers every operation can give, to spread into `responses`. */
export const commonErrors = {
  400: problem('The request is malformed.'),
  401: problem('No valid credentials.'),
  403: problem('The credentials do not allow this (a read-only token on a write, or CSRF).'),
  413: problem('The request body is larger than 64 KB.'),
  422: problem('Validation failed; `errors` names the fields.'),
  429: problem('Too many requests; see Retry-After.'),
} as const;
export const notFound = { 404: problem('Not found (or not yours).') } as const;
export const conflict = { 409: problem('The change conflicts with the current state.') } as const;
export const unsupportedMedia = { 415: problem('The body must be application/json.') } as const;

export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .openapi({ example: '2026-04-06', description: 'A calendar date in the person’s time zone.' });
export const Timestamp = z.string().openapi({ format: 'date-time', example: '2026-04-06T07:00:00.000Z' });

export const TimerActionName = z.enum(TIMER_ACTIONS);

export const Session = z
  .object({
    id: z.string().openapi({ example: '00504501-efba-8ae1-91ef-9dcee42d3c7f' }),
    date: LocalDate,
    slot: z.number().int().min(1).max(4),
    kind: z.enum(['personal', 'admin']),
    label: z.string().openapi({ example: 'Personal 1' }),
    goal: z.string(),
    notes: z.string(),
    version: z
      .number()
      .int()
      .openapi({ description: 'Bumped on every change; send it back in PATCH to detect conflicts.' }),
    goalRevision: z.number().int(),
    notesRevision: z.number().int(),
    state: z.enum(['planned', 'active', 'paused', 'completed', 'skipped']),
    plannedMinutes: z.number().int(),
    targetSeconds: z.number().int(),
    elapsedSeconds: z.number().int(),
    remainingSeconds: z.number().int(),
    overtimeSeconds: z.number().int(),
    isTimeUp: z.boolean(),
    timeUpAt: Timestamp.nullable(),
    startedAt: Timestamp.nullable(),
    endedAt: Timestamp.nullable(),
    focusSeconds: z.number().int().nullable(),
    isFlagged: z.boolean(),
    loggedAfterwards: z.boolean(),
    skipReason: z.string().nullable(),
    availableActions: z.array(TimerActionName),
    serverTime: Timestamp,
  })
  .openapi('Session');

const Count = z.number().int().min(0);
const Percent = z.number().int().min(0).max(100);

/**
 * The summary's counts for personal slots, the admin slot and all of them ("sessions"): completed
 * of total, its percentage, and how many are in progress, open and skipped.
 */
function slotCountFields(scope: string, slots: string) {
  return {
    completed: Count.openapi({ description: `Completed ${slots}.` }),
    total: Count.openapi({ description: `All ${slots}, whatever their state.` }),
    percent: Percent.openapi({
      description: `${scope}Completed of ${scope}Total as a whole percentage, rounded half up (0 of 0 is 0).`,
    }),
    inProgress: Count.openapi({ description: `Active or paused ${slots} (also counted in ${scope}Open).` }),
    open: Count.openapi({
      description: `Open ${slots}: neither completed nor skipped (planned, active or paused).`,
    }),
    skipped: Count.openapi({ description: `Skipped ${slots}.` }),
  };
}
const personal = slotCountFields('personal', 'personal slots');
const admin = slotCountFields('admin', 'admin slots');
const all = slotCountFields('sessions', 'slots, personal and admin');
const SlotCounts = {
  personalCompleted: personal.completed,
  personalTotal: personal.total,
  personalPercent: personal.percent,
  personalInProgress: personal.inProgress,
  personalOpen: personal.open,
  personalSkipped: personal.skipped,
  adminCompleted: admin.completed,
  adminTotal: admin.total,
  adminPercent: admin.percent,
  adminInProgress: admin.inProgress,
  adminOpen: admin.open,
  adminSkipped: admin.skipped,
  sessionsCompleted: all.completed,
  sessionsTotal: all.total,
  sessionsPercent: all.percent,
  sessionsInProgress: all.inProgress,
  sessionsOpen: all.open,
  sessionsSkipped: all.skipped,
};

export const DayProgress = z
  .object({
    ...SlotCounts,
    isFocused: z.boolean(),
    isFull: z.boolean(),
    focusSeconds: z.number().int(),
    focusMinutes: z.number().int(),
  })
  .openapi('DayProgress');

export const Day = z
  .object({
    date: LocalDate,
    today: LocalDate,
    relation: z.enum(['past', 'today', 'future']),
    timeZone: z.string(),
    serverTime: Timestamp,
    sessions: z.array(Session).length(4),
    openElsewhere: z.array(Session).openapi({ description: 'Active or paused sessions of other days.' }),
    progress: DayProgress,
  })
  .openapi('Day');

export const WeekSummary = z
  .object({
    start: LocalDate,
    end: LocalDate,
    days: z.array(DayProgress.extend({ date: LocalDate })),
    ...SlotCounts,
    focusSeconds: z.number().int(),
    focusMinutes: z.number().int(),
    focusedDays: z.number().int(),
    fullDays: z.number().int(),
    flaggedSessions: z.number().int(),
  })
  .openapi('WeekSummary', {
    description: 'Counts are the seven days added up (a week holds 21 personal and 7 admin slots).',
  });

export const DaySummary = DayProgress.extend({ date: LocalDate }).openapi('DaySummary');

export const MonthHeatmap = z
  .object({
    month: z.string().openapi({ example: '2026-04' }),
    days: z.array(
      z.object({
        date: LocalDate,
        focusSeconds: z.number().int(),
        focusMinutes: z.number().int(),
        level: z.number().int().min(0).max(4),
      }),
    ),
  })
  .openapi('MonthHeatmap');

export const Streak = z
  .object({ length: z.number().int(), includesToday: z.boolean(), needsToday: z.boolean(), today: LocalDate })
  .openapi('Streak');

export const Preferences = z
  .object({
    timeZone: z.string().openapi({ example: 'Europe/Berlin' }),
    sessionLengthMinutes: z.number().int().min(MIN_SESSION_MINUTES).max(MAX_SESSION_MINUTES),
    weeklyFocusTargetMinutes: z
      .number()
      .int()
      .min(30)
      .max(6000)
      .openapi({ description: 'The focus aimed for in a week; the low-focus insight measures against it.' }),
    weekStart: z.enum(WEEK_STARTS),
    theme: z.enum(THEMES),
  })
  .openapi('Preferences');

export const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    isAdmin: z.boolean(),
    createdAt: Timestamp,
    preferences: Preferences,
    today: LocalDate,
  })
  .openapi('Me');

export const Token = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the secret, to tell tokens apart.' }),
    scopes: z.array(z.enum(TOKEN_SCOPES)),
    status: z.enum(['active', 'revoked', 'expired']),
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .openapi('Token');

export const ApiRequest = z
  .object({
    id: z.string(),
    method: z.string(),
    route: z.string(),
    status: z.number().int(),
    durationMs: z.number().int(),
    tokenId: z.string().nullable(),
    userAgent: z.string(),
    ip: z.string(),
    createdAt: Timestamp,
  })
  .openapi('ApiRequest');

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

/** A JSON response declaration for `responses`: one schema and what it means. */
export function jsonResponse(schema: z.ZodType, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** The `{id}` of a path: any text up to 64 characters; an id that names nothing is a 404, not a 422. */
export const IdParams = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
