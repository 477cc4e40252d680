import { and, between, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { AppError } from '../../domain/errors.ts';
import { sessionUpdated } from '../../domain/events.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import { defaultSheet, type Session, SLOTS, type SlotNumber } from '../../domain/sheet.ts';
import { isSessionOpen, OPEN_STATES } from '../../domain/timer.ts';
import { recordEvent } from '../../realtime/events.ts';
import { type Executor, preparedPerDatabase } from '../client.ts';
import { type FocusSessionRow, focusSessions, type UserRow } from '../schema/index.ts';
import { sessionIdFor } from './session-ids.ts';
import { isUniqueViolation } from './sql-errors.ts';
import { announceTeamFocus } from './team-focus-store.ts';

/** A session as the services hand it around: the domain's view plus storage bookkeeping. */
export type StoredSession = Session & {
  id: string;
  version: number;
  goalRevision: number;
  notesRevision: number;
  isStored: boolean;
  updatedAt: Date | null;
  outcome: FocusSessionRow['outcome'];
  outcomeNote: string;
};

export function sessionFromRow(row: FocusSessionRow): StoredSession {
  return {
    id: row.id,
    localDate: row.localDate,
    slot: row.slot as SlotNumber,
    kind: row.kind,
    goal: row.goal,
    notes: row.notes,
    version: row.version,
    goalRevision: row.goalRevision,
    notesRevision: row.notesRevision,
    state: row.state,
    plannedMinutes: row.plannedMinutes,
    extensionSeconds: row.extensionSeconds,
    accumulatedMs: row.accumulatedMs,
    activeSince: row.activeSince,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    focusSeconds: row.focusSeconds,
    overtimeSeconds: row.overtimeSeconds,
    isFlagged: row.isFlagged,
    loggedAfterwards: row.loggedAfterwards,
    skipReason: row.skipReason,
    pauseCount: row.pauseCount,
    firstPauseFocusSeconds: row.firstPauseFocusSeconds,
    isStored: true,
    updatedAt: row.updatedAt,
    outcome: row.outcome,
    outcomeNote: row.outcomeNote,
  };
}

/** The four sessions of a day: stored rows, or defaults (with their future ids) for an untouched day. */
export async function loadDay(
  db: Executor,
  user: Pick<UserRow, 'id' | 'sessionLengthMinutes'>,
  date: LocalDate,
): Promise<StoredSession[]> {
  const rows = await db
    .select()
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, user.id), eq(focusSessions.localDate, date)))
    .orderBy(focusSessions.slot);
  if (rows.length > 0) return rows.map(sessionFromRow);
  return defaultDay(user, date);
}

/** An untouched day as it shows: the default sheet with the ids its rows will get when stored. */
export function defaultDay(
  user: Pick<UserRow, 'id' | 'sessionLengthMinutes'>,
  date: LocalDate,
): StoredSession[] {
  return defaultSheet(date, user.sessionLengthMinutes).map((s) => ({
    ...s,
    id: sessionIdFor(user.id, date, s.slot),
    version: 0,
    goalRevision: 0,
    notesRevision: 0,
    isStored: false,
    updatedAt: null,
    outcome: null,
    outcomeNote: '',
  }));
}

/**
 * OPEN_STATES as SQL literals, for hand-written statements: `state in (${openStatesSql})`. Literals
 * rather than parameters, so the planner can match the partial index focus_sessions_open_idx.
 */
export const openStatesSql = sql.raw(OPEN_STATES.map((state) => `'${state}'`).join(', '));

const weekWithOpenSessions = preparedPerDatabase((db) =>
  db
    .select()
    .from(focusSessions)
    .where(
      and(
        eq(focusSessions.userId, sql.placeholder('userId')),
        or(
          between(focusSessions.localDate, sql.placeholder('from'), sql.placeholder('to')),
          inArray(focusSessions.state, [...OPEN_STATES]),
        ),
      ),
    )
    .orderBy(focusSessions.localDate, focusSessions.slot)
    .prepare('week_with_open_sessions'),
);

/**
 * The stored sessions of `from`..`to` together with the open ones of any day, in one statement
 * (the sheet derives its day, week summary and "open elsewhere" from these rows).
 */
export async function loadWeekWithOpenSessions(
  db: Executor,
  userId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<StoredSession[]> {
  const rows = await weekWithOpenSessions(db).execute({ userId, from, to });
  return rows.map(sessionFromRow);
}

/** Open (active or paused) sessions of any day: the NOW panel and the one-timer rule. */
export async function loadOpenSessions(db: Executor, userId: string): Promise<StoredSession[]> {
  const rows = await db
    .select()
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, userId), inArray(focusSessions.state, [...OPEN_STATES])))
    .orderBy(focusSessions.localDate, focusSessions.slot);
  return rows.map(sessionFromRow);
}

/**
 * Stores a day on its first change (all four slots at once, as the database requires) and returns
 * the requested slot locked for update, so concurrent changes to one session apply one by one.
 */
export async function lockSessionForChange(
  tx: Executor,
  user: Pick<UserRow, 'id' | 'sessionLengthMinutes'>,
  date: LocalDate,
  slot: SlotNumber,
  now: Date,
): Promise<StoredSession> {
  const existing = await selectForUpdate(tx, user.id, date, slot);
  if (existing) return existing;
  await tx
    .insert(focusSessions)
    .values(
      SLOTS.map((s) => ({
        id: sessionIdFor(user.id, date, s.slot),
        userId: user.id,
        localDate: date,
        slot: s.slot,
        plannedMinutes: user.sessionLengthMinutes,
        // Version 0 is what an untouched day shows; the first saved change makes it 1.
        version: 0,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
  const created = await selectForUpdate(tx, user.id, date, slot);
  if (!created) throw new Error(`session ${date}/${slot} vanished after insert`);
  return created;
}

async function selectForUpdate(
  tx: Executor,
  userId: string,
  date: LocalDate,
  slot: SlotNumber,
): Promise<StoredSession | undefined> {
  const rows = await tx
    .select()
    .from(focusSessions)
    .where(
      and(eq(focusSessions.userId, userId), eq(focusSessions.localDate, date), eq(focusSessions.slot, slot)),
    )
    .for('update');
  return rows[0] ? sessionFromRow(rows[0]) : undefined;
}

/**
 * Writes a changed session back, bumping its version. Throws 'session.already_running' when it
 * would be a second running session: the partial unique index decides, across devices and instances.
 */
export async function saveSession(
  tx: Executor,
  userId: string,
  session: StoredSession,
  now: Date,
): Promise<StoredSession> {
  const rows = await tx
    .update(focusSessions)
    .set({
      goal: session.goal,
      notes: session.notes,
      goalRevision: session.goalRevision,
      notesRevision: session.notesRevision,
      version: sql`${focusSessions.version} + 1`,
      state: session.state,
      plannedMinutes: session.plannedMinutes,
      extensionSeconds: session.extensionSeconds,
      accumulatedMs: Math.round(session.accumulatedMs),
      activeSince: session.activeSince,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      focusSeconds: session.focusSeconds,
      overtimeSeconds: session.overtimeSeconds,
      isFlagged: session.isFlagged,
      loggedAfterwards: session.loggedAfterwards,
      skipReason: session.skipReason,
      pauseCount: session.pauseCount,
      firstPauseFocusSeconds: session.firstPauseFocusSeconds,
      updatedAt: now,
    })
    .where(and(eq(focusSessions.userId, userId), eq(focusSessions.id, session.id)))
    .returning()
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'focus_sessions_one_active_key')) {
        throw new AppError('session.already_running', 'Another session is already running.');
      }
      throw error;
    });
  return sessionFromRow(rows[0]!);
}

/**
 * Marks a change to a session that its row does not show (its tasks, outcome, switches or links):
 * bumps the version, unless the caller already saved it, and tells the person's devices.
 * `touchesMainTask`: the main task may have changed, which the teams the person shares their
 * focus with see while the session is open.
 */
export async function recordSessionChange(
  tx: Executor,
  userId: string,
  sessionId: string,
  now: Date,
  options: {
    bump?: boolean;
    set?: Partial<Pick<FocusSessionRow, 'outcome' | 'outcomeNote'>>;
    touchesMainTask?: boolean;
  } = {},
): Promise<FocusSessionRow> {
  const where = and(eq(focusSessions.userId, userId), eq(focusSessions.id, sessionId));
  const rows =
    options.bump === false && !options.set
      ? await tx.select().from(focusSessions).where(where)
      : await tx
          .update(focusSessions)
          .set({ ...options.set, version: sql`${focusSessions.version} + 1`, updatedAt: now })
          .where(where)
          .returning();
  const saved = rows[0]!;
  const isFocusChange = options.touchesMainTask === true && isSessionOpen(saved.state);
  await announceSessionSaved(tx, userId, saved, now, { isFocusChange });
  return saved;
}

/**
 * Tells the person's devices (after commit) that a session is saved at this version, and, for a
 * change a team focus board shows (`isFocusChange`, see changesTeamFocus), every team the person
 * shares their focus with. Every saved session passes here, so this is the one place for both.
 */
export async function announceSessionSaved(
  tx: Executor,
  userId: string,
  saved: Pick<FocusSessionRow, 'id' | 'localDate' | 'slot' | 'state' | 'version'>,
  now: Date,
  options: { isFocusChange?: boolean } = {},
): Promise<void> {
  await recordEvent(tx, {
    userId,
    at: now,
    event: sessionUpdated({
      sessionId: saved.id,
      date: saved.localDate,
      slot: saved.slot,
      state: saved.state,
      version: saved.version,
    }),
  });
  if (options.isFocusChange) await announceTeamFocus(tx, userId, now);
}

/** Sessions after a (day, slot) position, in the order they fill a sheet; undefined without one. */
export function sessionsAfter(after: { date: string; slot: number } | undefined): SQL | undefined {
  if (!after) return undefined;
  return or(
    gt(focusSessions.localDate, after.date),
    and(eq(focusSessions.localDate, after.date), gt(focusSessions.slot, after.slot)),
  );
}

/** A stored session of the person's by its id (background jobs name sessions so); undefined if none. */
export async function findStoredSession(
  db: Executor,
  userId: string,
  id: string,
): Promise<StoredSession | undefined> {
  const [row] = await db
    .select()
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, userId), eq(focusSessions.id, id)));
  return row ? sessionFromRow(row) : undefined;
}
