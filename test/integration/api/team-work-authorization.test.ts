import { describe, expect, it } from 'vitest';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import { createApiToken } from '../../../src/services/api-tokens.ts';
import type { ApiCaller } from '../../support/api.ts';
import {
  fetchOpenApiDocument,
  isWriteMethod,
  type OperationRef,
  operationsOf,
  readAnswer,
} from '../../support/openapi.ts';
import { ok, teamOfFour } from '../../support/teams.ts';
import { createTestApp } from '../../support/test-app.ts';
import { freshClientIp, newCaller } from './callers.ts';

// The role dimension of the work a team shares: every operation that acts on one project or task
// by id, or puts one into a team (read from the OpenAPI document; one without a row fails), called
// on a team's project and a member's task in it by each kind of caller. A refusal changes nothing;
// an allowed write is seen by the team.

const START = new Date('2026-04-06T07:00:00Z');
const TODAY = '2026-04-06';
const t = await createTestApp({ now: START });

const ON_ONE_PROJECT_OR_TASK = /^\/(projects|tasks)\/\{id\}/;
const operations = operationsOf(await fetchOpenApiDocument(t.app)).filter(
  (op) =>
    ON_ONE_PROJECT_OR_TASK.test(op.path) ||
    ['createProject', 'createTask', 'addResource', 'linkSessionTask'].includes(op.operationId),
);

const ACTORS = ['owner', 'admin', 'member', 'viewer', 'outsider', 'anonymous', 'readOnly'] as const;
type ActorName = (typeof ACTORS)[number];
type Person = 'owner' | 'admin' | 'member' | 'viewer' | 'outsider';

type World = {
  teamId: string;
  projectId: string;
  /** Created by the member. */
  taskId: string;
  people: Record<Person, ApiCaller>;
  /** A read-only token of the owner. */
  readOnlySecret: string;
};

type Row = {
  call: (w: World, caller: ApiCaller) => { path: string; json?: unknown };
  expect: Record<Person, number>;
};

const EVERY_MEMBER = { owner: 200, admin: 200, member: 200, viewer: 200, outsider: 404 };
const WRITERS = (ok: number) => ({ owner: ok, admin: ok, member: ok, viewer: 403, outsider: 404 });
const MANAGERS = (ok: number) => ({ owner: ok, admin: ok, member: 403, viewer: 403, outsider: 404 });

const rows: Record<string, Row> = {
  createProject: {
    call: (w) => ({ path: '/projects', json: { name: 'Another', teamId: w.teamId } }),
    expect: MANAGERS(201),
  },
  getProject: { call: (w) => ({ path: `/projects/${w.projectId}` }), expect: EVERY_MEMBER },
  updateProject: {
    call: (w) => ({ path: `/projects/${w.projectId}`, json: { name: 'Renamed' } }),
    expect: MANAGERS(200),
  },
  deleteProject: { call: (w) => ({ path: `/projects/${w.projectId}` }), expect: MANAGERS(204) },
  createTask: {
    call: (w) => ({ path: '/tasks', json: { title: 'One more', projectId: w.projectId } }),
    expect: WRITERS(201),
  },
  getTask: { call: (w) => ({ path: `/tasks/${w.taskId}` }), expect: EVERY_MEMBER },
  updateTask: {
    call: (w) => ({ path: `/tasks/${w.taskId}`, json: { title: 'Edited' } }),
    expect: WRITERS(200),
  },
  // The member created it; owners and admins manage the team's work.
  deleteTask: { call: (w) => ({ path: `/tasks/${w.taskId}` }), expect: WRITERS(204) },
  planTask: { call: (w) => ({ path: `/tasks/${w.taskId}/plan`, json: {} }), expect: WRITERS(200) },
  addResource: {
    call: (w) => ({ path: '/resources', json: { url: 'https://example.com/spec', taskId: w.taskId } }),
    expect: WRITERS(201),
  },
  // Into the caller's own session.
  linkSessionTask: {
    call: (w, caller) => ({
      path: `/sessions/${sessionIdFor(caller.userId, TODAY, 2)}/tasks/${w.taskId}`,
      json: { role: 'main' },
    }),
    expect: WRITERS(200),
  },
};

async function worldOf(): Promise<World> {
  t.clock.set(START);
  const team = await teamOfFour(t);
  const project = await ok<{ id: string }>(team.admin, 'POST', '/projects', {
    name: 'Checkout',
    teamId: team.teamId,
  });
  const task = await ok<{ id: string }>(team.member, 'POST', '/tasks', {
    title: 'Fix the cart',
    projectId: project.id,
  });
  const { secret } = await createApiToken(
    t.deps,
    { id: team.owner.userId, email: team.owner.email, isAdmin: false },
    { name: 'read only', scopes: ['read'] },
  );
  return {
    teamId: team.teamId,
    projectId: project.id,
    taskId: task.id,
    people: { ...team, outsider: await newCaller(t) },
    readOnlySecret: secret,
  };
}

/** The team's work as its owner sees it, and what the outsider can see of tasks. */
async function stateOf(w: World): Promise<unknown> {
  const state: Record<string, unknown> = {};
  const read = async (caller: ApiCaller, path: string) => {
    const response = await caller.call(path);
    state[`${caller.userId} ${path}`] = response.status === 200 ? await response.json() : response.status;
  };
  await read(w.people.owner, `/projects?teamId=${w.teamId}`);
  await read(w.people.owner, `/tasks?teamId=${w.teamId}&status=todo,doing,done,dropped`);
  await read(w.people.owner, `/tasks/${w.taskId}`);
  await read(w.people.outsider, '/tasks');
  return state;
}

function expectedOf(op: OperationRef, actor: ActorName): number {
  if (actor === 'anonymous') return 401;
  if (actor === 'readOnly') return isWriteMethod(op.method) ? 403 : 200;
  return rows[op.operationId]!.expect[actor];
}

async function callAs(w: World, op: OperationRef, actor: ActorName) {
  const caller = actor === 'anonymous' || actor === 'readOnly' ? w.people.owner : w.people[actor];
  const { path, json } = rows[op.operationId]!.call(w, caller);
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

it('has a row for exactly the operations on one project or task, or that put one in a team', () => {
  expect(Object.keys(rows).sort()).toEqual(operations.map((op) => op.operationId).sort());
});

describe.each(operations)('$operationId on a team’s work', (op) => {
  let shared: World | undefined;
  it.each(ACTORS)('answers %s as the table says, and a refusal changes nothing', async (actor) => {
    if (!isWriteMethod(op.method)) shared ??= await worldOf();
    const w = shared && !isWriteMethod(op.method) ? shared : await worldOf();
    const before = await stateOf(w);
    const answer = await callAs(w, op, actor);
    const expected = expectedOf(op, actor);
    expect(answer.status, answer.text).toBe(expected);
    const after = await stateOf(w);
    if (expected >= 300 || !isWriteMethod(op.method)) expect(after).toEqual(before);
    // Linking changes the caller's own session (seen on the task by the owner only).
    else if (op.operationId !== 'linkSessionTask') expect(after).not.toEqual(before);
    if (expected === 404) expect(answer.text).not.toMatch(/Checkout|Fix the cart/);
  });
});
