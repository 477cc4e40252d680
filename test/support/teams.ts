import { expect } from 'vitest';
import { newCaller } from '../integration/api/callers.ts';
import type { ApiCaller } from './api.ts';
import type { TestApp } from './test-app.ts';

// Teams as a client builds them through the API, for tests that need a team of people in roles.

export type Answer = { status: number; body: Record<string, unknown> & { detail?: string; code?: string } };

/** Calls the API as `caller` and reads the JSON answer, whatever its status. */
export async function send(caller: ApiCaller, method: string, path: string, json?: unknown): Promise<Answer> {
  const response = await caller.call(path, { method, ...(json === undefined ? {} : { json }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Like send, and fails the test unless the answer is a success. */
export async function ok<T = Record<string, unknown>>(
  caller: ApiCaller,
  method: string,
  path: string,
  json?: unknown,
): Promise<T> {
  const answer = await send(caller, method, path, json);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
  return answer.body as T;
}

/** Joins `person` to the team in `role` through a link invitation made by `by`. */
export async function joinTeam(
  by: ApiCaller,
  teamId: string,
  person: ApiCaller,
  role: string,
): Promise<void> {
  const { token } = await ok<{ token: string }>(by, 'POST', `/teams/${teamId}/invitations`, { role });
  await ok(person, 'POST', `/invitations/${token}/accept`);
}

export type TeamOfFour = {
  teamId: string;
  owner: ApiCaller;
  admin: ApiCaller;
  member: ApiCaller;
  viewer: ApiCaller;
};

/** A team with one person in each role, made by its owner. */
export async function teamOfFour(t: TestApp, name = 'Platform'): Promise<TeamOfFour> {
  const owner = await newCaller(t);
  const [admin, member, viewer] = [await newCaller(t), await newCaller(t), await newCaller(t)];
  const team = await ok<{ id: string }>(owner, 'POST', '/teams', { name });
  await joinTeam(owner, team.id, admin, 'admin');
  await joinTeam(owner, team.id, member, 'member');
  await joinTeam(owner, team.id, viewer, 'viewer');
  return { teamId: team.id, owner, admin, member, viewer };
}
