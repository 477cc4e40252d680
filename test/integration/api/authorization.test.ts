import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCaller } from '../../support/api.ts';
import {
  expectProblem,
  fetchOpenApiDocument,
  isWriteMethod,
  type OperationId,
  type OperationRef,
  operationsOf,
  pathParamsOf,
} from '../../support/openapi.ts';
import { createTestApp } from '../../support/test-app.ts';
import { freshClientIp, newCaller } from './callers.ts';

// Authorization for every operation in the OpenAPI document, for every kind of caller: a row per
// operation says how to call it on the owner's data; each actor says what it must be answered.

const START = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: START });
const operations = operationsOf(await fetchOpenApiDocument(t.app));

/** One person's data that the operations act on. */
type World = {
  owner: ApiCaller;
  sessionId: string;
  /** A spare token of the owner, for revokeToken to revoke. */
  spareTokenId: string;
  /** Ids and text of the owner that must never reach anyone else. */
  secrets: string[];
};

type Call = { path: string; json?: unknown };

/** How to call each operation on the owner's data; the method comes from the document. */
const rows: Record<OperationId, (w: World) => Call> = {
  getMe: () => ({ path: '/me' }),
  getPreferences: () => ({ path: '/me/preferences' }),
  updatePreferences: () => ({ path: '/me/preferences', json: { theme: 'dark', sessionLengthMinutes: 30 } }),
  listApiRequests: () => ({ path: '/me/api-requests' }),
  getDay: () => ({ path: '/days/2026-04-06' }),
  getSession: (w) => ({ path: `/sessions/${w.sessionId}` }),
  updateSession: (w) => ({ path: `/sessions/${w.sessionId}`, json: { goal: 'Overwritten' } }),
  applyTimerAction: (w) => ({ path: `/sessions/${w.sessionId}/start` }),
  getDaySummary: () => ({ path: '/summaries/day?date=2026-04-06' }),
  getWeekSummary: () => ({ path: '/summaries/week?date=2026-04-06' }),
  getStreak: () => ({ path: '/streak' }),
  listTokens: () => ({ path: '/tokens?status=all' }),
  createToken: () => ({ path: '/tokens', json: { name: 'sneaky', scopes: ['read'] } }),
  revokeToken: (w) => ({ path: `/tokens/${w.spareTokenId}` }),
  streamEvents: () => ({ path: '/events' }),
};

async function createWorld(): Promise<World> {
  const owner = await newCaller(t);
  const day = (await (await owner.call('/days/2026-04-06')).json()) as { sessions: { id: string }[] };
  const sessionId = day.sessions[0]!.id;
  await owner.call(`/sessions/${sessionId}`, { method: 'PATCH', json: { goal: 'The owner’s private goal' } });
  const spare = (await (
    await owner.call('/tokens', { method: 'POST', json: { name: 'spare', scopes: ['read'] } })
  ).json()) as { token: { id: string } };
  return {
    owner,
    sessionId,
    spareTokenId: spare.token.id,
    secrets: [owner.userId, owner.email, sessionId, spare.token.id, 'The owner’s private goal'],
  };
}

async function newToken(w: World, body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const response = await w.owner.call('/tokens', { method: 'POST', json: { name: 'actor', ...body } });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { token: { id: string }; secret: string };
  return { id: created.token.id, secret: created.secret };
}

/** Everything the operations could change, as the owner sees it. */
async function snapshot(w: World): Promise<unknown> {
  const read = async (path: string) => {
    const response = await w.owner.call(path);
    expect(response.status, path).toBe(200);
    return response.json();
  };
  const tokens = (await read('/tokens?status=all&limit=100')) as { items: Record<string, unknown>[] };
  return {
    preferences: await read('/me/preferences'),
    session: await read(`/sessions/${w.sessionId}`),
    tokens: tokens.items.map(({ lastUsedAt: _, ...token }) => token),
  };
}

/** Calls an operation as a caller with the given bearer secret (null: none), from an address of its own. */
async function callAs(w: World, op: OperationRef, secret: string | null): Promise<Response> {
  const call = rows[op.operationId as OperationId](w);
  const response = await w.owner.call(call.path, {
    method: op.method.toUpperCase(),
    auth: secret,
    headers: { 'x-test-client-ip': freshClientIp() },
    ...(call.json === undefined ? {} : { json: call.json }),
  });
  return response;
}

/** Reads an answer's text, or only its headers for the endless event stream. */
async function bodyOf(response: Response): Promise<string> {
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return '';
  }
  return response.text();
}

const isOwnData = (op: OperationRef) => pathParamsOf(op.path).includes('id');

it('has an authorization row for exactly the operations the document describes', () => {
  expect(Object.keys(rows).sort()).toEqual(operations.map((op) => op.operationId).sort());
  for (const op of operations) {
    const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`);
    const world = { sessionId: 's', spareTokenId: 'k' } as World;
    expect(rows[op.operationId as OperationId](world).path, op.operationId).toMatch(pattern);
  }
});

/** Refused callers: the answer, a problem document, and the owner's data untouched. */
function refusedCallers(
  name: string,
  secretOf: (w: World) => Promise<string | null>,
  options: { status: (op: OperationRef) => number; challenge?: boolean; clockSeconds?: number },
) {
  describe(name, () => {
    let world: World;
    let secret: string | null;
    beforeAll(async () => {
      t.clock.set(START);
      world = await createWorld();
      secret = await secretOf(world);
      if (options.clockSeconds) t.clock.advance(options.clockSeconds);
    });
    afterAll(() => t.clock.set(START));

    it.each(operations)('is refused $operationId and changes nothing', async (op) => {
      const before = await snapshot(world);
      const response = await callAs(world, op, secret);
      const expected = options.status(op);
      expect(response.status, await response.clone().text()).toBe(expected);
      const problem = await expectProblem(response);
      expect(problem.status).toBe(expected);
      if (options.challenge) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      expect(await snapshot(world)).toEqual(before);
    });
  });
}

refusedCallers('an anonymous caller', async () => null, { status: () => 401, challenge: true });

refusedCallers('a caller with a token that was never issued', async () => 'ds_never-issued-0123456789', {
  status: () => 401,
  challenge: true,
});

refusedCallers(
  'a caller with a revoked token',
  async (w) => {
    const token = await newToken(w, { scopes: ['read', 'write'] });
    expect((await w.owner.call(`/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    return token.secret;
  },
  { status: () => 401, challenge: true },
);

refusedCallers(
  'a caller with an expired token',
  async (w) => (await newToken(w, { scopes: ['read', 'write'], expiresInDays: 1 })).secret,
  { status: () => 401, challenge: true, clockSeconds: 2 * 86_400 },
);

describe('a read-only token of the owner', () => {
  let world: World;
  let secret: string;
  beforeAll(async () => {
    t.clock.set(START);
    world = await createWorld();
    secret = (await newToken(world, { scopes: ['read'] })).secret;
  });

  it.each(operations)('may read but not write with $operationId', async (op) => {
    const before = await snapshot(world);
    const response = await callAs(world, op, secret);
    if (isWriteMethod(op.method)) {
      expect(response.status, await response.clone().text()).toBe(403);
      expect(await expectProblem(response)).toMatchObject({ code: 'forbidden' });
    } else {
      expect(response.status, await response.clone().text()).toBe(200);
      await bodyOf(response);
    }
    expect(await snapshot(world)).toEqual(before);
  });
});

describe('another person', () => {
  let world: World;
  let intruder: ApiCaller;
  beforeAll(async () => {
    t.clock.set(START);
    world = await createWorld();
    intruder = await newCaller(t);
  });

  it.each(operations)('cannot reach the owner’s data through $operationId', async (op) => {
    const before = await snapshot(world);
    const call = rows[op.operationId as OperationId](world);
    const response = await intruder.call(call.path, {
      method: op.method.toUpperCase(),
      ...(call.json === undefined ? {} : { json: call.json }),
    });
    const text = await bodyOf(response.clone());
    if (isOwnData(op)) {
      // Another person's id is simply not found, exactly like an id that does not exist.
      expect(response.status, text).toBe(404);
      expect(await expectProblem(response)).toMatchObject({ code: 'not_found' });
    } else {
      // Without an id in the path an operation acts on the caller's own data.
      expect(response.status, text).toBeLessThan(300);
      await bodyOf(response);
    }
    for (const secret of world.secrets) expect(text).not.toContain(secret);
    expect(await snapshot(world)).toEqual(before);
  });
});

describe('the owner', () => {
  let world: World;
  beforeAll(async () => {
    t.clock.set(START);
    world = await createWorld();
  });

  it.each(operations)('may use $operationId, and a write changes what the others could not', async (op) => {
    const before = await snapshot(world);
    const response = await callAs(world, op, world.owner.token);
    const text = await bodyOf(response);
    expect(response.status, text).toBeGreaterThanOrEqual(200);
    expect(response.status, text).toBeLessThan(300);
    // The snapshot the refusals are checked against does see every write.
    if (isWriteMethod(op.method)) expect(await snapshot(world)).not.toEqual(before);
  });
});
