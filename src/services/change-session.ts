import { z } from 'zod';
import type { UserRow } from '../db/schema/index.ts';
import { parseSessionId } from '../db/stores/session-ids.ts';
import {
  announceSessionSaved,
  loadDay,
  loadOpenSessions,
  lockSessionForChange,
  type StoredSession,
  saveSession,
} from '../db/stores/session-store.ts';
import { AppError } from '../domain/errors.ts';
import { SessionGoal, SessionLength, SessionNotes } from '../domain/fields.ts';
import { localDateOf } from '../domain/local-date.ts';
import { assertLoggedTimesFit, type LoggedTimes, loggedTimesFromWallClock } from '../domain/logged-times.ts';
import {
  assertActionAllowedOnDay,
  assertNoOtherRunning,
  canEditPlannedLength,
  startsTheClock,
} from '../domain/sheet.ts';
import { changesSlackFocus } from '../domain/slack-focus.ts';
import { changesTeamFocus } from '../domain/team-focus.ts';
import { applyTimerAction, type TimerActionInput } from '../domain/timer.ts';
import { fieldErrorsOf, parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { getUser } from './preferences.ts';
import { queueInsightsRecompute } from './queue-insights.ts';
import { queueSlackSync } from './slack/queue-slack-sync.ts';
import { movesTimeUp, queueTimeUpPush } from './web-push/queue-time-up-push.ts';
import { queueSessionWebhooks } from './webhooks/queue-session-webhooks.ts';

export const SessionEdit = z
  .object({
    goal: SessionGoal.optional(),
    goalRevision: z.coerce.number().int().min(0).optional(),
    notes: SessionNotes.optional(),
    notesRevision: z.coerce.number().int().min(0).optional(),
    plannedMinutes: SessionLength.optional(),
  })
  .strict();
export type SessionEdit = z.input<typeof SessionEdit>;

const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time such as 14:30.');
const Instant = z.iso.datetime({
  offset: true,
  message: 'Use an RFC 3339 time with its offset, such as 2026-04-06T14:00:00+02:00.',
});

/**
 * When a session being logged really happened: instants (the API) or wall-clock times on the
 * session's day in the person's time zone (the sheet's form); a pair is given whole or not at all.
 */
export const LogTimes = z
  .object({
    startedAt: Instant.optional(),
    endedAt: Instant.optional(),
    startTime: WallTime.optional(),
    endTime: WallTime.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const pair = (a: 'startedAt' | 'startTime', b: 'endedAt' | 'endTime') => {
      if ((t[a] === undefined) === (t[b] === undefined)) return;
      const missing = t[a] === undefined ? a : b;
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'Give both the start and the end, or neither.',
      });
    };
    pair('startedAt', 'endedAt');
    pair('startTime', 'endTime');
    if (t.startedAt !== undefined && t.startTime !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['startTime'],
        message: 'Give instants or local times, not both.',
      });
    }
  });
export type LogTimes = z.input<typeof LogTimes>;

export type SessionChange = {
  edit?: SessionEdit | undefined;
  action?: TimerActionInput | undefined;
  /** For a `log` action: when the work really happened (its real start and end). */
  logTimes?: LogTimes | undefined;
  /** The version the caller last saw; another current version is a conflict. */
  expectedVersion?: number | undefined;
};
export type ChangedSession = { session: StoredSession; today: string; user: UserRow };

/** Finds the actor's session by id; another person's id, or a malformed one, is not found. */
export function resolveSessionId(actor: Actor, id: string) {
  const ref = parseSessionId(actor.id, id);
  if (!ref) throw new AppError('not_found', 'That session does not exist.');
  return ref;
}

/**
 * Edits a session and/or applies a timer action to it, in one transaction, then tells the
 * person's devices. Typing a goal and pressing Start at once sends both, so the goal is kept.
 * A `log` may carry `logTimes`, checked against the session's day in the person's time zone.
 * Throws 'not_found', 'validation', 'session.version_conflict' (details.current holds the saved
 * text), 'session.invalid_transition', 'session.not_today' and 'session.already_running'.
 */
export async function changeSession(
  deps: ServiceDeps,
  actor: Actor,
  sessionId: string,
  change: SessionChange,
): Promise<ChangedSession> {
  const ref = resolveSessionId(actor, sessionId);
  const edit = change.edit ? parseOrThrow(SessionEdit, change.edit) : undefined;
  const logTimes = change.logTimes ? parseLogTimes(change.logTimes, change.action) : undefined;
  const user = await getUser(deps, actor);
  const now = deps.clock.now();
  const today = localDateOf(now, user.timeZone);
  let isSlackChange = false;
  let isTimeUpChange = false;
  const session = await deps.db.transaction(async (tx) => {
    const current = await lockSessionForChange(tx, user, ref.date, ref.slot, now);
    if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
      throw new AppError('session.version_conflict', 'This session changed since you last saw it.', {
        details: {
          field: 'version',
          current: {
            version: current.version,
            goal: current.goal,
            notes: current.notes,
            state: current.state,
          },
        },
      });
    }
    let next = edit ? applyEdit(current, edit) : current;
    if (change.action) {
      const type = typeof change.action === 'string' ? change.action : change.action.type;
      assertActionAllowedOnDay(type, ref.date, today);
      if (startsTheClock(type)) {
        const others = (await loadOpenSessions(tx, user.id)).filter((s) => s.id !== current.id);
        assertNoOtherRunning(others);
      }
      let action = change.action;
      const times = logTimes && loggedTimesOf(logTimes, ref.date, user.timeZone);
      if (times && typeof action === 'object' && action.type === 'log') {
        assertLoggedTimesFit(times, ref.date, user.timeZone, now);
        action = { ...action, ...times };
      }
      next = applyTimerAction(next, action, now);
    }
    if (next === current) return current;
    const saved = await saveSession(tx, user.id, next, now);
    isSlackChange = changesSlackFocus(current, saved);
    isTimeUpChange = movesTimeUp(current, saved);
    await announceSessionSaved(tx, user.id, saved, now, { isFocusChange: changesTeamFocus(current, saved) });
    await queueSessionWebhooks(tx, user, current, saved, now);
    return saved;
  });
  if (affectsInsights(change)) queueInsightsRecompute(deps, user.id);
  // Slack (issue 15): after commit, only when the state or the planned end moved, never on edits.
  if (isSlackChange) queueSlackSync(deps, user.id, session.id);
  // Web Push (issue 16): the time's-up push follows the planned end: scheduled, moved or cancelled.
  if (isTimeUpChange) queueTimeUpPush(deps, user.id, session);
  return { session, today, user };
}

/**
 * Reads the times of a log, refusing them with any other action. The first problem is the
 * message, as a sheet form shows only that.
 */
function parseLogTimes(input: LogTimes, action: TimerActionInput | undefined): z.output<typeof LogTimes> {
  const parsed = LogTimes.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrorsOf(parsed.error);
    throw new AppError('validation', Object.values(fields)[0] ?? 'Check the times.', { fields });
  }
  const isLog = typeof action === 'object' && action.type === 'log';
  const given = Object.keys(parsed.data).filter((k) => parsed.data[k as keyof LogTimes] !== undefined);
  if (!isLog && given.length > 0) {
    const message = 'A start and end are given only when logging a session.';
    throw new AppError('validation', message, { fields: { [given[0]!]: message } });
  }
  return parsed.data;
}

function loggedTimesOf(
  t: z.output<typeof LogTimes>,
  date: string,
  timeZone: string,
): LoggedTimes | undefined {
  if (t.startedAt && t.endedAt) return { startedAt: new Date(t.startedAt), endedAt: new Date(t.endedAt) };
  if (t.startTime && t.endTime) {
    return loggedTimesFromWallClock(date, { startTime: t.startTime, endTime: t.endTime }, timeZone);
  }
  return undefined;
}

/** Timer actions, notes and lengths feed the insights; the goal's wording does not. */
function affectsInsights(change: SessionChange): boolean {
  const edit = change.edit;
  return change.action !== undefined || edit?.notes !== undefined || edit?.plannedMinutes !== undefined;
}

function applyEdit(current: StoredSession, edit: z.output<typeof SessionEdit>): StoredSession {
  const next = { ...current };
  if (edit.goal !== undefined && edit.goal !== current.goal) {
    assertRevision('goal', edit.goalRevision, current);
    next.goal = edit.goal;
    next.goalRevision = current.goalRevision + 1;
  }
  if (edit.notes !== undefined && edit.notes !== current.notes) {
    assertRevision('notes', edit.notesRevision, current);
    next.notes = edit.notes;
    next.notesRevision = current.notesRevision + 1;
  }
  if (edit.plannedMinutes !== undefined && edit.plannedMinutes !== current.plannedMinutes) {
    if (!canEditPlannedLength(current.state)) {
      throw new AppError(
        'session.invalid_transition',
        'The length can change only while the session is planned.',
        {
          details: { from: current.state, action: 'editLength' },
        },
      );
    }
    next.plannedMinutes = edit.plannedMinutes;
  }
  return next;
}

/** A save based on an older revision of the text would overwrite someone else's words. */
function assertRevision(field: 'goal' | 'notes', expected: number | undefined, current: StoredSession): void {
  const revision = field === 'goal' ? current.goalRevision : current.notesRevision;
  if (expected === undefined || expected === revision) return;
  const what = field === 'goal' ? 'goal' : 'notes';
  throw new AppError('session.version_conflict', `The ${what} changed on another device.`, {
    details: { field, current: { text: current[field], revision } },
  });
}

/** One of the actor's sessions (stored or, for an untouched day, its default). Throws 'not_found'. */
export async function getSession(deps: ServiceDeps, actor: Actor, sessionId: string) {
  const ref = resolveSessionId(actor, sessionId);
  const user = await getUser(deps, actor);
  const now = deps.clock.now();
  const day = await loadDay(deps.db, user, ref.date);
  const session = day.find((s) => s.slot === ref.slot)!;
  return { session, today: localDateOf(now, user.timeZone), now };
}
