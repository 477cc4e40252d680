import { newCaller } from '../integration/api/callers.ts';
import { type ApiCaller, okJson as ok } from './api.ts';
import type { TestApp } from './test-app.ts';

// Teams as a client builds them through the API, for tests that need a team of people in roles.

export { okJson as ok, sendJson as send } from './api.ts';

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
