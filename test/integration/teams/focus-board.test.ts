import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projects, tasks } from '../../../src/db/schema/index.ts';
import { deleteMember, lockTeam } from '../../../src/db/stores/team-store.ts';
import { getFocusBoard } from '../../../src/services/teams/get-focus-board.ts';
import type { ApiCaller } from '../../support/api.ts';
import { joinTeam as join, ok } from '../../support/teams.ts';
import { createTestApp } from '../../support/test-app.ts';
import { newCaller } from '../api/callers.ts';

// The team focus board as a client meets it through the API: what each member's focus shows
// (and what it never shows), in the reader's time zone, and who may read it.

/** 09:00 in Berlin on Monday 6 April 2026. */
const START = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: START });

type Entry = {
  userId: string;
  name: string;
  sharesFocus: boolean;
  status: string | null;
  until: string | null;
  reachableAt: string | null;
  isPastPlannedEnd: boolean;
  task: { id: string; title: string } | null;
  label: string;
};
type Board = { teamId: string; asOf: string; timeZone: string; items: Entry[] };

/** An owner and a member who share their focus, and a viewer (in New York) who does not. */
async function team() {
  t.clock.set(START);
  const owner = await newCaller(t);
  const member = await newCaller(t);
  const viewer = await newCaller(t, { timeZone: 'America/New_York' });
  const { id: teamId } = await ok<{ id: string }>(owner, 'POST', '/teams', { name: 'Platform' });
  await join(owner, teamId, member, 'member');
  await join(owner, teamId, viewer, 'viewer');
  await ok(owner, 'PUT', `/teams/${teamId}/me`, { sharesFocus: true });
  await ok(member, 'PUT', `/teams/${teamId}/me`, { sharesFocus: true });
  return { teamId, owner, member, viewer };
}

async function firstSessionOf(caller: ApiCaller): Promise<string> {
  const day = await ok<{ sessions: { id: string }[] }>(caller, 'GET', '/days/today');
  return day.sessions[0]!.id;
}

/** A task of the person's in a project: the team's when `teamId` is given. */
async function taskOf(person: ApiCaller, title: string, teamId: string | null): Promise<string> {
  const [project] = await t.deps.db
    .insert(projects)
    .values({ userId: person.userId, teamId, name: `${title} project`, createdAt: START, updatedAt: START })
    .returning();
  const [task] = await t.deps.db
    .insert(tasks)
    .values({ userId: person.userId, projectId: project!.id, title, createdAt: START, updatedAt: START })
    .returning();
  return task!.id;
}

async function boardOf(caller: ApiCaller, teamId: string): Promise<Board> {
  return ok<Board>(caller, 'GET', `/teams/${teamId}/focus`);
}

const entryOf = (board: Board, person: ApiCaller) => board.items.find((e) => e.userId === person.userId)!;

describe('the focus board', () => {
  it('shows a running session until its planned end, in the reader’s time zone, with the team task only', async () => {
    const { teamId, owner, member, viewer } = await team();
    const memberSession = await firstSessionOf(member);
    const teamTask = await taskOf(member, 'Fix the login bug', teamId);
    await ok(member, 'PUT', `/sessions/${memberSession}/tasks/${teamTask}`, { role: 'main' });
    await ok(member, 'PATCH', `/sessions/${memberSession}`, {
      goal: 'Salary talk prep',
      notes: 'Ask for more',
    });
    await ok(member, 'POST', `/sessions/${memberSession}/start`);
    const ownerSession = await firstSessionOf(owner);
    const privateTask = await taskOf(owner, 'Interview notes', null);
    await ok(owner, 'PUT', `/sessions/${ownerSession}/tasks/${privateTask}`, { role: 'main' });
    t.clock.advance(10 * 60);
    await ok(owner, 'POST', `/sessions/${ownerSession}/start`);

    const seen = await boardOf(viewer, teamId);
    expect(seen).toMatchObject({ teamId, timeZone: 'America/New_York' });
    expect(entryOf(seen, member)).toEqual({
      userId: member.userId,
      name: member.email.split('@')[0],
      sharesFocus: true,
      status: 'focus',
      until: '2026-04-06T07:45:00.000Z',
      reachableAt: '2026-04-06T07:45:00.000Z',
      isPastPlannedEnd: false,
      task: { id: teamTask, title: 'Fix the login bug' },
      label: 'in focus until 03:45 on “Fix the login bug”',
    });
    // The owner's task is their own, not the team's: the session is private.
    expect(entryOf(seen, owner)).toMatchObject({
      status: 'focus',
      task: null,
      label: 'in focus until 03:55 on a private session',
    });
    expect(entryOf(seen, viewer)).toEqual({
      userId: viewer.userId,
      name: viewer.email.split('@')[0],
      sharesFocus: false,
      status: null,
      until: null,
      reachableAt: null,
      isPastPlannedEnd: false,
      task: null,
      label: 'not sharing their focus',
    });
    // The same board for a reader in Berlin.
    expect(entryOf(await boardOf(owner, teamId), member).label).toBe(
      'in focus until 09:45 on “Fix the login bug”',
    );
    const text = JSON.stringify(seen);
    for (const secret of ['Salary', 'Ask for more', 'Interview notes', member.email, owner.email]) {
      expect(text).not.toContain(secret);
    }
  });

  it('follows pauses, the planned end and the end of a session, and hides who stops sharing', async () => {
    const { teamId, member, viewer } = await team();
    const session = await firstSessionOf(member);
    expect(entryOf(await boardOf(viewer, teamId), member)).toMatchObject({ status: 'not_working' });
    await ok(member, 'POST', `/sessions/${session}/start`);
    t.clock.advance(20 * 60);
    await ok(member, 'POST', `/sessions/${session}/pause`);
    expect(entryOf(await boardOf(viewer, teamId), member)).toMatchObject({
      status: 'break',
      reachableAt: null,
      label: 'on a break',
    });
    t.clock.advance(5 * 60);
    await ok(member, 'POST', `/sessions/${session}/resume`);
    // 25 minutes left from 09:25 Berlin: until 09:50, 03:50 in New York.
    expect(entryOf(await boardOf(viewer, teamId), member)).toMatchObject({
      until: '2026-04-06T07:50:00.000Z',
      label: 'in focus until 03:50 on a private session',
    });
    t.clock.advance(30 * 60);
    expect(entryOf(await boardOf(viewer, teamId), member)).toMatchObject({
      status: 'focus',
      until: null,
      reachableAt: null,
      isPastPlannedEnd: true,
      label: 'in focus on a private session, past the planned end',
    });
    await ok(member, 'POST', `/sessions/${session}/complete`);
    expect(entryOf(await boardOf(viewer, teamId), member)).toMatchObject({ status: 'not_working' });

    const second = (await ok<{ sessions: { id: string }[] }>(member, 'GET', '/days/today')).sessions[1]!.id;
    await ok(member, 'POST', `/sessions/${second}/start`);
    await ok(member, 'PUT', `/teams/${teamId}/me`, { sharesFocus: false });
    expect(entryOf(await boardOf(viewer, teamId), member)).toMatchObject({
      sharesFocus: false,
      status: null,
      until: null,
      label: 'not sharing their focus',
    });
  });

  it('is read by every member, viewers too, and is not found for anyone outside the team', async () => {
    const { teamId, owner, viewer } = await team();
    const outsider = await newCaller(t);
    const elsewhere = await newCaller(t);
    await ok(elsewhere, 'POST', '/teams', { name: 'Elsewhere' });
    for (const caller of [owner, viewer])
      expect((await caller.call(`/teams/${teamId}/focus`)).status).toBe(200);
    for (const caller of [outsider, elsewhere]) {
      const response = await caller.call(`/teams/${teamId}/focus`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('Platform');
    }
    expect((await owner.call('/teams/not-a-team/focus')).status).toBe(404);
    expect((await owner.call(`/teams/${teamId}/focus`, { auth: null })).status).toBe(401);
  });

  it('never shows a member after the removal that commits while it is read, and refuses a removed reader', async () => {
    const { teamId, owner, member, viewer } = await team();
    await ok(member, 'POST', `/sessions/${await firstSessionOf(member)}/start`);
    let isHeld!: () => void;
    const held = new Promise<void>((resolve) => {
      isHeld = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A removal as remove-member makes it: the team locked, the membership gone, not yet committed.
    const removal = t.deps.db.transaction(async (tx) => {
      await lockTeam(tx, teamId, 'update');
      await deleteMember(tx, teamId, member.userId);
      isHeld();
      await gate;
    });
    await held;
    const reading = getFocusBoard(t.deps, { id: owner.userId, email: owner.email, isAdmin: false }, teamId);
    await untilSomeoneWaitsForALock();
    release();
    await removal;
    const board = await reading;
    expect(board.members.map((m) => m.userId)).not.toContain(member.userId);

    await ok(owner, 'DELETE', `/teams/${teamId}/members/${viewer.userId}`);
    expect((await viewer.call(`/teams/${teamId}/focus`)).status).toBe(404);
  });
});

/**
 * On PostgreSQL, waits until a statement waits for a lock (the board's read behind the removal).
 * PGlite runs one transaction at a time, so there the read simply queues behind it.
 */
async function untilSomeoneWaitsForALock(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL || process.env.TEST_DB_KIND !== 'postgres') return;
  for (let i = 0; i < 500; i++) {
    const result = (await t.deps.db.execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    )) as unknown as { rows: { n: number }[] };
    if ((result.rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the board never waited for the removal');
}
