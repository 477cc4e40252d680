import { and, eq, like } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { teamMembers, userEvents } from '../../../src/db/schema/index.ts';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import {
  decideLeave,
  decideRemoval,
  decideRoleChange,
  hasTeamPermission,
  mayGrantRole,
  TEAM_ROLES,
  type TeamRole,
} from '../../../src/domain/team-policy.ts';
import type { ApiCaller } from '../../support/api.ts';
import { ok, send } from '../../support/teams.ts';
import { createTestApp } from '../../support/test-app.ts';
import { newCaller } from '../api/callers.ts';

// Model-based test of a team under change (fast-check commands): four people change each other's
// roles, remove each other, leave, come back, and edit, read and plan the team's task, one at a
// time (each answer must be exactly what the policy and the model say) and racing a removal at the
// same instant. After every step: whoever is outside the team gets 404 for its task on their next
// request and no further team events; the team always keeps an owner; the database agrees with the
// model. TEAM_MODEL_RUNS raises the number of runs (15 in npm test).

const RUNS = Number(process.env.TEAM_MODEL_RUNS ?? 15);
const START = new Date('2026-04-06T07:00:00Z');
const TODAY = '2026-04-06';
const t = await createTestApp({ now: START });

type Model = { roles: (TeamRole | null)[] };
type Real = { people: ApiCaller[]; teamId: string; taskId: string };

const ownerCount = (model: Model) => model.roles.filter((role) => role === 'owner').length;

/** The status a task request by person `p` must get, by their role now. */
function taskStatus(model: Model, p: number, kind: 'read' | 'write'): number {
  const role = model.roles[p];
  if (!role) return 404;
  if (kind === 'read') return 200;
  return hasTeamPermission(role, 'tasks.write') ? 200 : 403;
}

async function teamEventCount(userId: string): Promise<number> {
  const rows = await t.deps.db
    .select({ id: userEvents.id })
    .from(userEvents)
    .where(and(eq(userEvents.userId, userId), like(userEvents.type, 'team.%')));
  return rows.length;
}

/** After every step: access as the model says, one owner at least, the database agreeing. */
async function checkInvariants(model: Model, real: Real): Promise<void> {
  const stored = await t.deps.db.select().from(teamMembers).where(eq(teamMembers.teamId, real.teamId));
  const roles = real.people.map((p) => stored.find((m) => m.userId === p.userId)?.role ?? null);
  expect(roles, 'roles in the database').toEqual(model.roles);
  expect(ownerCount(model), 'owners').toBeGreaterThanOrEqual(1);
  for (const [p, person] of real.people.entries()) {
    const read = await send(person, 'GET', `/tasks/${real.taskId}`);
    expect(read.status, `person ${p} reads the team's task`).toBe(taskStatus(model, p, 'read'));
    if (read.status === 404) expect(JSON.stringify(read.body)).not.toContain('Team task');
  }
  // An owner's change now reaches members only: those outside hear nothing more.
  const before = await Promise.all(real.people.map((p) => teamEventCount(p.userId)));
  const owner = model.roles.indexOf('owner');
  await ok(real.people[owner]!, 'PATCH', `/tasks/${real.taskId}`, {
    description: `checked ${Math.random()}`,
  });
  const after = await Promise.all(real.people.map((p) => teamEventCount(p.userId)));
  for (const p of real.people.keys())
    expect(after[p]! - before[p]!, `team events for person ${p}`).toBe(model.roles[p] ? 1 : 0);
}

type Command = fc.AsyncCommand<Model, Real>;

class ChangeRole implements Command {
  constructor(
    readonly by: number,
    readonly target: number,
    readonly role: TeamRole,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const [actor, target] = [model.roles[this.by], model.roles[this.target]];
    const answer = await send(
      real.people[this.by]!,
      'PATCH',
      `/teams/${real.teamId}/members/${real.people[this.target]!.userId}`,
      {
        role: this.role,
      },
    );
    let expected = 404;
    if (actor && target) {
      const decision = decideRoleChange(
        actor,
        { role: target, isSelf: this.by === this.target, ownerCount: ownerCount(model) },
        this.role,
      );
      expected = decision.allowed ? 200 : decision.reason === 'last_owner' ? 409 : 403;
    } else if (actor) expected = 404;
    expect(answer.status, JSON.stringify(answer.body)).toBe(expected);
    if (expected === 200) model.roles[this.target] = this.role;
    await checkInvariants(model, real);
  }
  toString = () => `${this.by} makes ${this.target} ${this.role}`;
}

class Remove implements Command {
  constructor(
    readonly by: number,
    readonly target: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const [actor, target] = [model.roles[this.by], model.roles[this.target]];
    const answer = await send(
      real.people[this.by]!,
      'DELETE',
      `/teams/${real.teamId}/members/${real.people[this.target]!.userId}`,
    );
    let expected = 404;
    if (actor && target) {
      const self = this.by === this.target;
      const decision = self
        ? decideLeave({ role: target, ownerCount: ownerCount(model) })
        : decideRemoval(actor, { role: target, isSelf: false, ownerCount: ownerCount(model) });
      expected = decision.allowed ? 204 : decision.reason === 'last_owner' ? 409 : 403;
    }
    expect(answer.status, JSON.stringify(answer.body)).toBe(expected);
    if (expected === 204) model.roles[this.target] = null;
    await checkInvariants(model, real);
  }
  toString = () => `${this.by} removes ${this.target}`;
}

/** Someone outside comes back through a link an owner makes, in a role an owner may grant. */
class Rejoin implements Command {
  constructor(
    readonly person: number,
    readonly role: TeamRole,
  ) {}
  check = (model: Readonly<Model>) => model.roles[this.person] === null;
  async run(model: Model, real: Real) {
    const owner = real.people[model.roles.indexOf('owner')]!;
    expect(mayGrantRole('owner', this.role)).toBe(true);
    const { token } = await ok<{ token: string }>(owner, 'POST', `/teams/${real.teamId}/invitations`, {
      role: this.role,
    });
    await ok(real.people[this.person]!, 'POST', `/invitations/${token}/accept`);
    model.roles[this.person] = this.role;
    await checkInvariants(model, real);
  }
  toString = () => `${this.person} rejoins as ${this.role}`;
}

/** Edits, reads and plans the team's task: exactly the answer the role allows. */
class Work implements Command {
  constructor(
    readonly person: number,
    readonly kind: 'edit' | 'plan' | 'start',
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const person = real.people[this.person]!;
    const write = taskStatus(model, this.person, 'write');
    if (this.kind === 'edit') {
      const answer = await send(person, 'PATCH', `/tasks/${real.taskId}`, {
        title: `Team task ${Math.random()}`,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(write);
    } else if (this.kind === 'plan') {
      const answer = await send(
        person,
        'PUT',
        `/sessions/${sessionIdFor(person.userId, TODAY, 1)}/tasks/${real.taskId}`,
        {
          role: 'main',
        },
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(write);
    } else {
      // Starting one's own session is one's own business, in or out of the team.
      const answer = await send(person, 'POST', `/sessions/${sessionIdFor(person.userId, TODAY, 2)}/start`);
      expect([200, 409], JSON.stringify(answer.body)).toContain(answer.status);
    }
    await checkInvariants(model, real);
  }
  toString = () => `${this.person} ${this.kind}s`;
}

/**
 * A removal racing the removed person's own edit, read and link at the same instant. Whatever
 * order the database picks, each answer is one the person could get just before or just after
 * the removal, and once it has answered, the model's next checks hold.
 */
class RaceRemoval implements Command {
  constructor(
    readonly by: number,
    readonly target: number,
  ) {}
  check = (model: Readonly<Model>) => {
    const [actor, target] = [model.roles[this.by], model.roles[this.target]];
    return (
      this.by !== this.target &&
      !!actor &&
      !!target &&
      decideRemoval(actor, { role: target, isSelf: false, ownerCount: ownerCount(model as Model) }).allowed
    );
  };
  async run(model: Model, real: Real) {
    const target = real.people[this.target]!;
    const before = taskStatus(model, this.target, 'write');
    const [removal, edit, read, link] = await Promise.all([
      send(real.people[this.by]!, 'DELETE', `/teams/${real.teamId}/members/${target.userId}`),
      send(target, 'PATCH', `/tasks/${real.taskId}`, { title: `Team task raced ${Math.random()}` }),
      send(target, 'GET', `/tasks/${real.taskId}`),
      send(target, 'PUT', `/sessions/${sessionIdFor(target.userId, TODAY, 3)}/tasks/${real.taskId}`, {
        role: 'main',
      }),
    ]);
    expect(removal.status, JSON.stringify(removal.body)).toBe(204);
    expect([before, 404], JSON.stringify(edit.body)).toContain(edit.status);
    expect([200, 404], JSON.stringify(read.body)).toContain(read.status);
    expect([before, 404], JSON.stringify(link.body)).toContain(link.status);
    model.roles[this.target] = null;
    await checkInvariants(model, real);
  }
  toString = () => `${this.by} removes ${this.target} while they work`;
}

const person = fc.integer({ min: 0, max: 3 });
const role = fc.constantFrom(...TEAM_ROLES);
const commands = [
  fc.tuple(person, person, role).map(([by, target, r]) => new ChangeRole(by, target, r)),
  fc.tuple(person, person).map(([by, target]) => new Remove(by, target)),
  fc.tuple(person, role).map(([p, r]) => new Rejoin(p, r)),
  fc
    .tuple(person, fc.constantFrom('edit', 'plan', 'start') as fc.Arbitrary<'edit' | 'plan' | 'start'>)
    .map(([p, kind]) => new Work(p, kind)),
  fc.tuple(person, person).map(([by, target]) => new RaceRemoval(by, target)),
];

describe('a team of four changing while it works', () => {
  it('never lets anyone outside reach its task, and never loses its last owner', {
    timeout: 600_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 20 }), async (cmds) => {
        t.clock.set(START);
        const people = [await newCaller(t), await newCaller(t), await newCaller(t), await newCaller(t)];
        const team = await ok<{ id: string }>(people[0]!, 'POST', '/teams', { name: 'Model team' });
        const start: TeamRole[] = ['owner', 'admin', 'member', 'viewer'];
        for (const [i, r] of start.entries()) {
          if (i === 0) continue;
          const { token } = await ok<{ token: string }>(people[0]!, 'POST', `/teams/${team.id}/invitations`, {
            role: r,
          });
          await ok(people[i]!, 'POST', `/invitations/${token}/accept`);
        }
        const project = await ok<{ id: string }>(people[0]!, 'POST', '/projects', {
          name: 'Work',
          teamId: team.id,
        });
        const task = await ok<{ id: string }>(people[2]!, 'POST', '/tasks', {
          title: 'Team task',
          projectId: project.id,
        });
        const model: Model = { roles: [...start] };
        const real: Real = { people, teamId: team.id, taskId: task.id };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      }),
      { numRuns: RUNS },
    );
  });
});
