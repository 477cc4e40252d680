import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/services/api-tokens.ts';
import type { ApiCaller } from '../../support/api.ts';
import {
  fetchOpenApiDocument,
  isWriteMethod,
  type OperationId,
  type OperationRef,
  operationsOf,
  readAnswer,
} from '../../support/openapi.ts';
import { createTeamProject } from '../../support/team-work.ts';
import { createTestApp } from '../../support/test-app.ts';
import { freshClientIp, newCaller } from './callers.ts';

// The role dimension of authorization: every operation under /teams and /invitations (read from
// the OpenAPI document; one without a row fails) called by each kind of caller, with the status
// each must get. When refused, nothing of the team changes; when allowed, the write is seen.

const START = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: START });
const operations = operationsOf(await fetchOpenApiDocument(t.app)).filter(
  (op) => op.path.startsWith('/teams') || op.path.startsWith('/invitations'),
);

const ACTORS = [
  'owner',
  'admin',
  'member',
  'viewer',
  'outsider',
  'otherTeamMember',
  'anonymous',
  'readOnly',
] as const;
type ActorName = (typeof ACTORS)[number];

/**
 * A team with one person in each role, a spare viewer to act on, and a pending link; an outsider
 * in no team, and the owner of another team (otherTeamMember).
 */
type World = {
  teamId: string;
  /** `otherTeamMember` owns a team of their own, with a project and a session on its task. */
  people: Record<
    'owner' | 'admin' | 'member' | 'viewer' | 'outsider' | 'otherTeamMember' | 'target',
    ApiCaller
  >;
  /** A read-only token of the owner. */
  readOnlySecret: string;
  invitationId: string;
  /** A pending link invitation (no address), for acceptTeamInvitation. */
  linkToken: string;
};

type Row = {
  call: (w: World) => { path: string; json?: unknown };
  /**
   * Status per actor; the read-only token always gets 403 on writes and 401 applies without
   * credentials. Someone in another team is answered as any outsider.
   */
  expect: Record<'owner' | 'admin' | 'member' | 'viewer' | 'outsider', number>;
};

const MEMBERS_ONLY = { owner: 200, admin: 200, member: 200, viewer: 200, outsider: 404 };
const OWNER_ONLY = (ok: number) => ({ owner: ok, admin: 403, member: 403, viewer: 403, outsider: 404 });
const MANAGERS = (ok: number) => ({ owner: ok, admin: ok, member: 403, viewer: 403, outsider: 404 });

const rows: Record<string, Row> = {
  listTeams: { call: () => ({ path: '/teams' }), expect: { ...MEMBERS_ONLY, outsider: 200 } },
  createTeam: {
    call: () => ({ path: '/teams', json: { name: 'Another team' } }),
    expect: { owner: 201, admin: 201, member: 201, viewer: 201, outsider: 201 },
  },
  getTeam: { call: (w) => ({ path: `/teams/${w.teamId}` }), expect: MEMBERS_ONLY },
  renameTeam: {
    call: (w) => ({ path: `/teams/${w.teamId}`, json: { name: 'Renamed' } }),
    expect: OWNER_ONLY(200),
  },
  deleteTeam: { call: (w) => ({ path: `/teams/${w.teamId}` }), expect: OWNER_ONLY(204) },
  listTeamMembers: { call: (w) => ({ path: `/teams/${w.teamId}/members` }), expect: MEMBERS_ONLY },
  getTeamFocusBoard: { call: (w) => ({ path: `/teams/${w.teamId}/focus` }), expect: MEMBERS_ONLY },
  changeTeamMemberRole: {
    call: (w) => ({ path: `/teams/${w.teamId}/members/${w.people.target.userId}`, json: { role: 'member' } }),
    expect: MANAGERS(200),
  },
  removeTeamMember: {
    call: (w) => ({ path: `/teams/${w.teamId}/members/${w.people.target.userId}` }),
    expect: MANAGERS(204),
  },
  setTeamFocusSharing: {
    call: (w) => ({ path: `/teams/${w.teamId}/me`, json: { sharesFocus: true } }),
    expect: MEMBERS_ONLY,
  },
  // The only owner may not leave: that is the rule, not a lack of rights.
  leaveTeam: {
    call: (w) => ({ path: `/teams/${w.teamId}/me` }),
    expect: { owner: 409, admin: 204, member: 204, viewer: 204, outsider: 404 },
  },
  transferTeamOwnership: {
    call: (w) => ({
      path: `/teams/${w.teamId}/transfer-ownership`,
      json: { userId: w.people.target.userId },
    }),
    expect: OWNER_ONLY(204),
  },
  createTeamInvitation: {
    call: (w) => ({ path: `/teams/${w.teamId}/invitations`, json: { role: 'viewer' } }),
    expect: MANAGERS(201),
  },
  listTeamInvitations: { call: (w) => ({ path: `/teams/${w.teamId}/invitations` }), expect: MANAGERS(200) },
  revokeTeamInvitation: {
    call: (w) => ({ path: `/teams/${w.teamId}/invitations/${w.invitationId}` }),
    expect: MANAGERS(204),
  },
  // Anyone signed in may take a link; those already in the team are told so.
  acceptTeamInvitation: {
    call: (w) => ({ path: `/invitations/${w.linkToken}/accept` }),
    expect: { owner: 409, admin: 409, member: 409, viewer: 409, outsider: 200 },
  },
  getTeamReport: { call: (w) => ({ path: `/teams/${w.teamId}/report` }), expect: MEMBERS_ONLY },
  exportTeamReport: {
    call: (w) => ({ path: `/teams/${w.teamId}/exports/report?format=csv` }),
    expect: MEMBERS_ONLY,
  },
};

async function worldOf(): Promise<World> {
  t.clock.set(START);
  const people = {
    owner: await newCaller(t),
    admin: await newCaller(t),
    member: await newCaller(t),
    viewer: await newCaller(t),
    outsider: await newCaller(t),
    otherTeamMember: await newCaller(t),
    target: await newCaller(t),
  };
  const send = async (caller: ApiCaller, method: string, path: string, json?: unknown) => {
    const response = await caller.call(path, { method, ...(json === undefined ? {} : { json }) });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return JSON.parse(text) as { id: string; token: string };
  };
  const team = await send(people.owner, 'POST', '/teams', { name: 'Platform' });
  await otherTeamOf(people.otherTeamMember);
  for (const [name, role] of [
    ['admin', 'admin'],
    ['member', 'member'],
    ['viewer', 'viewer'],
    ['target', 'viewer'],
  ] as const) {
    const { token } = await send(people.owner, 'POST', `/teams/${team.id}/invitations`, { role });
    await send(people[name], 'POST', `/invitations/${token}/accept`);
  }
  const invitation = await send(people.owner, 'POST', `/teams/${team.id}/invitations`, {
    email: 'someone@example.com',
    role: 'member',
  });
  const link = await send(people.owner, 'POST', `/teams/${team.id}/invitations`, { role: 'viewer' });
  const { secret } = await createApiToken(
    t.deps,
    { id: people.owner.userId, email: people.owner.email, isAdmin: false },
    { name: 'read only', scopes: ['read'] },
  );
  return {
    teamId: team.id,
    people,
    readOnlySecret: secret,
    invitationId: invitation.id,
    linkToken: link.token,
  };
}

/** Everything about the team, as its owner sees it, plus each person's list of teams. */
async function stateOf(w: World): Promise<unknown> {
  const state: Record<string, unknown> = {};
  const read = async (caller: ApiCaller, path: string) => {
    const response = await caller.call(path);
    state[`${caller.userId} ${path}`] = response.status === 200 ? await response.json() : response.status;
  };
  await read(w.people.owner, `/teams/${w.teamId}`);
  await read(w.people.owner, `/teams/${w.teamId}/members`);
  await read(w.people.owner, `/teams/${w.teamId}/invitations`);
  for (const caller of Object.values(w.people)) await read(caller, '/teams');
  return state;
}

/** A team of the person's own, sharing their focus, with a project whose task a done session served. */
async function otherTeamOf(person: ApiCaller): Promise<void> {
  const call = async (method: string, path: string, json?: unknown) => {
    const response = await person.call(path, { method, ...(json === undefined ? {} : { json }) });
    expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return (await response.json()) as { id: string; sessions: { id: string }[] };
  };
  const team = await call('POST', '/teams', { name: 'Elsewhere' });
  await call('PUT', `/teams/${team.id}/me`, { sharesFocus: true });
  const { taskIds } = await createTeamProject(person, {
    teamId: team.id,
    name: 'Elsewhere work',
    tasks: [{ title: 'Their task', type: 'bug' }],
  });
  const [session] = (await call('GET', '/days/today')).sessions;
  await call('PUT', `/sessions/${session!.id}/tasks/${taskIds['Their task']}`, { role: 'main' });
  await call('POST', `/sessions/${session!.id}/start`);
  t.clock.advance(30 * 60);
  await call('POST', `/sessions/${session!.id}/complete`);
  t.clock.set(START);
}

function expectedOf(op: OperationRef, actor: ActorName): number {
  if (actor === 'anonymous') return 401;
  if (actor === 'readOnly') return isWriteMethod(op.method) ? 403 : 200;
  const row = rows[op.operationId]!.expect;
  return actor === 'otherTeamMember' ? row.outsider : row[actor];
}

async function callAs(w: World, op: OperationRef, actor: ActorName) {
  const { path, json } = rows[op.operationId]!.call(w);
  const caller = actor === 'anonymous' || actor === 'readOnly' ? w.people.owner : w.people[actor];
  const auth = actor === 'anonymous' ? null : actor === 'readOnly' ? w.readOnlySecret : caller.token;
  return readAnswer(
    await caller.call(path, {
      method: op.method.toUpperCase(),
      auth,
      headers: { 'x-test-client-ip': freshClientIp() },
      ...(json === undefined ? {} : { json }),
    }),
  );
}

it('has a row for exactly the team operations the document describes', () => {
  expect(operations.length).toBeGreaterThan(10);
  expect(Object.keys(rows).sort()).toEqual(operations.map((op) => op.operationId as OperationId).sort());
});

describe.each(operations)('$operationId', (op) => {
  let shared: World | undefined;
  it.each(ACTORS)('answers %s as the table says, and a refusal changes nothing', async (actor) => {
    // Reads share a world; each write gets its own, so one actor's change cannot spoil the next.
    if (!isWriteMethod(op.method)) shared ??= await worldOf();
    const w = shared && !isWriteMethod(op.method) ? shared : await worldOf();
    const before = await stateOf(w);
    const answer = await callAs(w, op, actor);
    const expected = expectedOf(op, actor);
    expect(answer.status, answer.text).toBe(expected);
    const after = await stateOf(w);
    if (expected >= 300 || !isWriteMethod(op.method)) expect(after).toEqual(before);
    else expect(after).not.toEqual(before);
    if (expected === 404) expect(answer.text).not.toContain('Platform');
    // Nothing of another team reaches this one's members.
    if (expected < 300 && actor !== 'otherTeamMember')
      expect(answer.text).not.toMatch(/Elsewhere|Their task/);
  });
});
