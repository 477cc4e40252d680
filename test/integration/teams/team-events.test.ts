import { describe, expect, it } from 'vitest';
import type { ApiCaller } from '../../support/api.ts';
import { SseReader } from '../../support/sse.ts';
import { joinTeam as join, ok } from '../../support/teams.ts';
import { createTestApp } from '../../support/test-app.ts';
import { newCaller } from '../api/callers.ts';

// Team events on the members' event streams: a sharing member's timer changes and every change
// of membership reach the members (and a removed person once more), never anyone else.

const START = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: START });

type Pushed = { type: string; teamId?: string; userId?: string; change?: string };

/** A person's open API event stream, with what it has pushed so far. */
async function streamOf(caller: ApiCaller) {
  const response = await caller.call('/events', { headers: { accept: 'text/event-stream' } });
  expect(response.status).toBe(200);
  const reader = new SseReader(response);
  await reader.waitFor((events) => events.some((e) => e.event === 'hello'));
  const pushed = () =>
    reader.events.filter((e) => e.event !== 'hello').map((e) => JSON.parse(e.data) as Pushed);
  return {
    reader,
    pushed,
    teamEvents: () => pushed().filter((e) => e.type.startsWith('team.')),
    /** Waits for an event like `expected`. */
    async waitFor(expected: Partial<Pushed>) {
      const matches = (e: Pushed) => Object.entries(expected).every(([k, v]) => e[k as keyof Pushed] === v);
      await reader.waitFor(() => pushed().some(matches));
    },
  };
}

async function sessionsOf(caller: ApiCaller): Promise<string[]> {
  const day = await ok<{ sessions: { id: string }[] }>(caller, 'GET', '/days/today');
  return day.sessions.map((s) => s.id);
}

/** Owner, a member who shares their focus and a viewer, each with an open stream; an outsider too. */
async function teamWithStreams() {
  t.clock.set(START);
  const [owner, member, viewer, outsider] = [
    await newCaller(t),
    await newCaller(t),
    await newCaller(t),
    await newCaller(t),
  ];
  const { id: teamId } = await ok<{ id: string }>(owner, 'POST', '/teams', { name: 'Platform' });
  await join(owner, teamId, member, 'member');
  await join(owner, teamId, viewer, 'viewer');
  await ok(member, 'PUT', `/teams/${teamId}/me`, { sharesFocus: true });
  const streams = {
    owner: await streamOf(owner),
    member: await streamOf(member),
    viewer: await streamOf(viewer),
    outsider: await streamOf(outsider),
  };
  return { teamId, owner, member, viewer, outsider, streams };
}

describe('team focus events', () => {
  it('tell every member when a sharing member’s session starts or pauses, and nobody else', async () => {
    const { teamId, owner, member, streams } = await teamWithStreams();
    const [first] = await sessionsOf(member);
    const focusChanged = { type: 'team.focus.changed', teamId, userId: member.userId };
    await ok(member, 'POST', `/sessions/${first}/start`);
    for (const stream of [streams.owner, streams.viewer, streams.member]) await stream.waitFor(focusChanged);
    // Typing a goal into the running session changes nothing the board shows: no team event.
    await ok(member, 'PATCH', `/sessions/${first}`, { goal: 'Draft the design note' });
    t.clock.advance(10 * 60);
    await ok(member, 'POST', `/sessions/${first}/pause`);
    // A last change everyone hears, so each stream has caught up with all before it.
    await ok(owner, 'PATCH', `/teams/${teamId}`, { name: 'Platform team' });
    const renamed = { type: 'team.member.changed', teamId, userId: owner.userId, change: 'team_renamed' };
    for (const stream of [streams.owner, streams.viewer, streams.member]) await stream.waitFor(renamed);
    expect(streams.viewer.pushed()).toEqual([focusChanged, focusChanged, renamed]);
    // The member's own stream: a session.updated for each of the three changes, and the team's two.
    expect(streams.member.pushed().map((e) => e.type)).toEqual([
      'session.updated',
      'team.focus.changed',
      'session.updated',
      'session.updated',
      'team.focus.changed',
      'team.member.changed',
    ]);
    expect(streams.outsider.pushed()).toEqual([]);
    for (const stream of Object.values(streams)) await stream.reader.close();
  });

  it('are not sent for someone who does not share, and are sent when sharing is turned on or off', async () => {
    const { teamId, owner, member, streams } = await teamWithStreams();
    const [first] = await sessionsOf(owner);
    await ok(owner, 'POST', `/sessions/${first}/start`);
    await streams.owner.waitFor({ type: 'session.updated' });
    await ok(owner, 'PUT', `/teams/${teamId}/me`, { sharesFocus: true });
    const turnedOn = [
      { type: 'team.member.changed', teamId, userId: owner.userId, change: 'sharing_changed' },
      { type: 'team.focus.changed', teamId, userId: owner.userId },
    ];
    await streams.member.reader.waitFor(() => streams.member.teamEvents().length === 2);
    expect(streams.member.teamEvents()).toEqual(turnedOn);
    // Choosing again what was chosen changes nothing and says nothing.
    await ok(owner, 'PUT', `/teams/${teamId}/me`, { sharesFocus: true });
    await ok(member, 'PUT', `/teams/${teamId}/me`, { sharesFocus: false });
    await streams.viewer.reader.waitFor(() => streams.viewer.teamEvents().length === 4);
    expect(streams.viewer.teamEvents().slice(2)).toEqual([
      { type: 'team.member.changed', teamId, userId: member.userId, change: 'sharing_changed' },
      { type: 'team.focus.changed', teamId, userId: member.userId },
    ]);
    // The member no longer shares: their session's start is theirs alone.
    const [memberFirst] = await sessionsOf(member);
    await ok(member, 'POST', `/sessions/${memberFirst}/start`);
    await streams.member.waitFor({ type: 'session.updated' });
    await ok(owner, 'POST', `/sessions/${first}/pause`);
    await streams.viewer.reader.waitFor(() => streams.viewer.teamEvents().length === 5);
    expect(streams.viewer.teamEvents().at(-1)).toEqual({
      type: 'team.focus.changed',
      teamId,
      userId: owner.userId,
    });
    expect(streams.outsider.pushed()).toEqual([]);
    for (const stream of Object.values(streams)) await stream.reader.close();
  });
});

describe('team membership events', () => {
  it('tell the members of joins, roles, renames and transfers', async () => {
    const { teamId, owner, member, viewer, outsider, streams } = await teamWithStreams();
    await join(owner, teamId, outsider, 'viewer');
    await ok(owner, 'PATCH', `/teams/${teamId}/members/${viewer.userId}`, { role: 'member' });
    // However the path spells the id, the event names the team as its pages and the API do.
    await ok(owner, 'PATCH', `/teams/${teamId.toUpperCase()}`, { name: 'Platform team' });
    await ok(owner, 'POST', `/teams/${teamId}/transfer-ownership`, { userId: member.userId });
    const expected = [
      { type: 'team.member.changed', teamId, userId: outsider.userId, change: 'joined' },
      { type: 'team.member.changed', teamId, userId: viewer.userId, change: 'role_changed' },
      { type: 'team.member.changed', teamId, userId: owner.userId, change: 'team_renamed' },
      { type: 'team.member.changed', teamId, userId: member.userId, change: 'role_changed' },
      { type: 'team.member.changed', teamId, userId: owner.userId, change: 'role_changed' },
    ];
    for (const stream of [streams.owner, streams.viewer, streams.outsider]) {
      await stream.reader.waitFor(() => stream.teamEvents().length >= expected.length);
    }
    expect(streams.viewer.teamEvents()).toEqual(expected);
    // The newcomer hears of their own joining, and of what followed.
    expect(streams.outsider.teamEvents()).toEqual(expected);
    for (const stream of Object.values(streams)) await stream.reader.close();
  });

  it('tell a removed person once, then nothing more of the team, and the board is not found for them', async () => {
    const { teamId, owner, member, viewer, streams } = await teamWithStreams();
    await ok(owner, 'DELETE', `/teams/${teamId}/members/${viewer.userId}`);
    const removed = { type: 'team.member.changed', teamId, userId: viewer.userId, change: 'removed' };
    await streams.viewer.waitFor(removed);
    await streams.owner.waitFor(removed);
    // The team goes on: a focus change, a rename. The removed viewer hears none of it.
    const [first] = await sessionsOf(member);
    await ok(member, 'POST', `/sessions/${first}/start`);
    await ok(owner, 'PATCH', `/teams/${teamId}`, { name: 'Renamed' });
    await streams.owner.waitFor({ type: 'team.member.changed', change: 'team_renamed' });
    // Something of their own afterwards, to know their stream has caught up.
    const [own] = await sessionsOf(viewer);
    await ok(viewer, 'POST', `/sessions/${own}/start`);
    await streams.viewer.waitFor({ type: 'session.updated' });
    expect(streams.viewer.pushed()).toEqual([removed, expect.objectContaining({ type: 'session.updated' })]);
    expect((await viewer.call(`/teams/${teamId}/focus`)).status).toBe(404);
    for (const stream of Object.values(streams)) await stream.reader.close();
  });

  it('tell someone who leaves, and everyone when the team is deleted, before the memberships go', async () => {
    const { teamId, owner, member, viewer, streams } = await teamWithStreams();
    await ok(viewer, 'DELETE', `/teams/${teamId}/me`);
    const left = { type: 'team.member.changed', teamId, userId: viewer.userId, change: 'left' };
    await streams.viewer.waitFor(left);
    await streams.member.waitFor(left);
    await ok(owner, 'DELETE', `/teams/${teamId}`);
    const deleted = { type: 'team.member.changed', teamId, userId: owner.userId, change: 'team_deleted' };
    await streams.member.waitFor(deleted);
    await streams.owner.waitFor(deleted);
    expect(streams.viewer.teamEvents()).toEqual([left]);
    expect((await member.call(`/teams/${teamId}/focus`)).status).toBe(404);
    expect(streams.outsider.pushed()).toEqual([]);
    for (const stream of Object.values(streams)) await stream.reader.close();
  });
});
