import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/services/api-tokens.ts';
import { apiCaller } from '../../support/api.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

// Model-based concurrency test (fast-check commands): three programs of the same person (three
// tokens) act on today's sessions in random interleavings, sometimes at the same instant. After
// every step (over real sockets, against the app served by node:http): at most one running session, remaining time never grows while paused, and no goal
// edit is lost without a 409 (a stale revision is refused, a fresh one wins). TIMER_MODEL_RUNS
// raises the number of runs (30 in npm test).

const RUNS = Number(process.env.TIMER_MODEL_RUNS ?? 30);
const ACTIONS = ['start', 'pause', 'resume', 'complete', 'skip', 'undo', 'reset'] as const;

type Session = { id: string; state: string; goal: string; goalRevision: number; remainingSeconds: number };
/** The parts of an answer the commands read (a day's sessions, an edit's new revision). */
type Body = { sessions: Session[]; goalRevision: number };
type Client = {
  call: (method: string, path: string, json?: unknown) => Promise<{ status: number; body: Body }>;
};

/** What the server must hold: the goal text and revision of each session, per the answers so far. */
type Model = { goals: string[]; revisions: number[]; known: number[][] };
type Real = { t: TestApp; clients: Client[]; ids: string[]; last: Session[] };

let t: TestApp;
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
  server = createServer(getRequestListener(t.app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function sessionsOf(real: Real): Promise<Session[]> {
  const { status, body } = await real.clients[0]!.call('GET', '/days/today');
  expect(status).toBe(200);
  return body.sessions;
}

/** The invariants, checked after every command against the state before it. */
async function checkInvariants(real: Real, model: Model, isPausedFrozen: boolean): Promise<void> {
  const now = await sessionsOf(real);
  expect(now.filter((s) => s.state === 'active').length, 'running sessions').toBeLessThanOrEqual(1);
  now.forEach((s, i) => {
    const before = real.last[i]!;
    if (isPausedFrozen && before.state === 'paused' && s.state === 'paused')
      expect(s.remainingSeconds, `remaining of paused session ${i}`).toBeLessThanOrEqual(
        before.remainingSeconds,
      );
    expect(s.goal, `goal of session ${i}`).toBe(model.goals[i]);
    expect(s.goalRevision, `goal revision of session ${i}`).toBe(model.revisions[i]);
  });
  real.last = now;
}

class TimerAction implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly client: number,
    readonly slot: number,
    readonly action: (typeof ACTIONS)[number],
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const answer = await real.clients[this.client]!.call(
      'POST',
      `/sessions/${real.ids[this.slot]}/${this.action}`,
    );
    expect([200, 409, 422], JSON.stringify(answer.body)).toContain(answer.status);
    await checkInvariants(real, model, false);
  }
  toString = () => `client ${this.client}: ${this.action} slot ${this.slot}`;
}

class AdvanceClock implements fc.AsyncCommand<Model, Real> {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.t.clock.advance(this.seconds);
    await checkInvariants(real, model, true);
  }
  toString = () => `advance ${this.seconds}s`;
}

class Refresh implements fc.AsyncCommand<Model, Real> {
  constructor(readonly client: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const { body } = await real.clients[this.client]!.call('GET', '/days/today');
    model.known[this.client] = body.sessions.map((s) => s.goalRevision);
    await checkInvariants(real, model, true);
  }
  toString = () => `client ${this.client}: reload`;
}

/** One or more clients edit one goal at the same instant, each with the revision it last saw. */
class EditGoals implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly clients: number[],
    readonly slot: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const texts = this.clients.map((c) => `goal from ${c} at ${model.revisions[this.slot]}-${Math.random()}`);
    const answers = await Promise.all(
      this.clients.map((c, i) =>
        real.clients[c]!.call('PATCH', `/sessions/${real.ids[this.slot]}`, {
          goal: texts[i],
          goalRevision: model.known[c]![this.slot],
        }),
      ),
    );
    const fresh = this.clients.filter((c) => model.known[c]![this.slot] === model.revisions[this.slot]);
    const winners = answers.flatMap((a, i) => (a.status === 200 ? [i] : []));
    for (const answer of answers) expect([200, 409], JSON.stringify(answer.body)).toContain(answer.status);
    // Exactly one fresh edit wins; every other edit is told 409, none is silently overwritten.
    expect(winners.length).toBe(fresh.length > 0 ? 1 : 0);
    if (winners.length === 1) {
      const i = winners[0]!;
      expect(fresh).toContain(this.clients[i]);
      model.goals[this.slot] = texts[i]!;
      model.revisions[this.slot] = answers[i]!.body.goalRevision;
      model.known[this.clients[i]!]![this.slot] = answers[i]!.body.goalRevision;
    }
    await checkInvariants(real, model, true);
  }
  toString = () => `clients ${this.clients.join('+')}: edit goal of slot ${this.slot}`;
}

const client = fc.integer({ min: 0, max: 2 });
const slot = fc.integer({ min: 0, max: 3 });
const commands = [
  fc.tuple(client, slot, fc.constantFrom(...ACTIONS)).map(([c, s, a]) => new TimerAction(c, s, a)),
  fc.integer({ min: 1, max: 1800 }).map((s) => new AdvanceClock(s)),
  client.map((c) => new Refresh(c)),
  fc
    .tuple(fc.uniqueArray(client, { minLength: 1, maxLength: 3 }), slot)
    .map(([cs, s]) => new EditGoals(cs, s)),
];

describe('three programs of one person acting at once', () => {
  it('keep one running session, frozen paused time and every goal edit answered', {
    timeout: 600_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
        t.clock.set(new Date('2026-04-06T07:00:00Z'));
        const first = await apiCaller(t);
        const actor = { id: first.userId, email: first.email, isAdmin: false };
        const secrets = [first.token];
        for (const name of ['phone', 'laptop']) {
          secrets.push((await createApiToken(t.deps, actor, { name, scopes: ['read', 'write'] })).secret);
        }
        const clients: Client[] = secrets.map((secret) => ({
          async call(method, path, json) {
            const response = await fetch(`${baseUrl}${path}`, {
              method,
              headers: {
                authorization: `Bearer ${secret}`,
                // One address per person, as apiCaller gives: runs share the clock's minute, and
                // one address for all of them would meet the per-address rate limit.
                'x-test-client-ip': `198.19.${first.userId.charCodeAt(0) % 250}.${first.userId.charCodeAt(1) % 250}`,
                ...(json ? { 'content-type': 'application/json' } : {}),
              },
              ...(json ? { body: JSON.stringify(json) } : {}),
            });
            const text = await response.text();
            return { status: response.status, body: (text ? JSON.parse(text) : {}) as Body };
          },
        }));
        const real: Real = { t, clients, ids: [], last: [] };
        const sessions = await sessionsOf(real);
        real.ids = sessions.map((s) => s.id);
        real.last = sessions;
        const revisions = sessions.map((s) => s.goalRevision);
        const model: Model = {
          goals: sessions.map((s) => s.goal),
          revisions,
          known: clients.map(() => [...revisions]),
        };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      }),
      { numRuns: RUNS },
    );
  });
});
