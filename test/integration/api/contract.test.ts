import { describe, expect, it } from 'vitest';
import { type ApiCaller, apiCaller } from '../../support/api.ts';
import {
  expectProblem,
  fetchOpenApiDocument,
  type OperationId,
  type OperationRef,
  operationsOf,
  ResponseValidator,
} from '../../support/openapi.ts';
import { SseReader } from '../../support/sse.ts';
import { createTestApp } from '../../support/test-app.ts';

// Contract tests generated from the OpenAPI document the app serves: every operation in `paths` is
// exercised, and every answer must match the schema declared for its status and content type.

const MONDAY = new Date('2026-04-06T07:00:00Z'); // 09:00 in Berlin, the callers' time zone
const t = await createTestApp({ now: MONDAY });
const doc = await fetchOpenApiDocument(t.app);
const validator = new ResponseValidator(doc);
const operations = operationsOf(doc);

type Fixture = { me: ApiCaller; sessionIds: string[] };
type Case = (f: Fixture) => Promise<Response[]>;

async function fixture(): Promise<Fixture> {
  t.clock.set(MONDAY);
  const me = await apiCaller(t);
  const day = (await (await me.call('/days/today')).json()) as { sessions: { id: string }[] };
  return { me, sessionIds: day.sessions.map((s) => s.id) };
}

async function sequence(...steps: (() => Promise<Response>)[]): Promise<Response[]> {
  const answers: Response[] = [];
  for (const step of steps) answers.push(await step());
  return answers;
}

const post = (me: ApiCaller, path: string, json?: unknown) =>
  me.call(path, { method: 'POST', ...(json === undefined ? {} : { json }) });

/**
 * A valid request (or several) per operation: keyed by operationId, so an operation added to the
 * API fails typecheck and this test until it has a case here.
 */
const validCases: Record<OperationId, Case> = {
  getMe: ({ me }) => sequence(() => me.call('/me')),
  getPreferences: ({ me }) => sequence(() => me.call('/me/preferences')),
  updatePreferences: ({ me }) =>
    sequence(
      () => me.call('/me/preferences', { method: 'PATCH', json: { theme: 'dark' } }),
      () =>
        me.call('/me/preferences', {
          method: 'PATCH',
          json: { timeZone: 'America/New_York', sessionLengthMinutes: 50, weekStart: 'sunday' },
        }),
      () => me.call('/me/preferences', { method: 'PATCH', json: {} }),
    ),
  listApiRequests: async ({ me }) => {
    await me.call('/me');
    await me.call('/streak');
    await expect
      .poll(async () => ((await (await me.call('/me/api-requests')).json()) as { items: [] }).items.length)
      .toBeGreaterThanOrEqual(2);
    const first = await me.call('/me/api-requests?limit=1');
    const { nextCursor } = (await first.clone().json()) as { nextCursor: string };
    expect(nextCursor).toEqual(expect.any(String));
    return [
      first,
      await me.call(`/me/api-requests?limit=1&cursor=${encodeURIComponent(nextCursor)}`),
      await me.call('/me/api-requests?method=GET&status=200'),
    ];
  },
  getDay: ({ me }) =>
    sequence(
      () => me.call('/days/today'),
      () => me.call('/days/2026-04-05'),
      () => me.call('/days/2026-04-07'),
    ),
  getSession: ({ me, sessionIds }) => sequence(() => me.call(`/sessions/${sessionIds[0]}`)),
  updateSession: ({ me, sessionIds: [id] }) =>
    sequence(
      () => me.call(`/sessions/${id}`, { method: 'PATCH', json: { goal: 'Draft the report', version: 0 } }),
      () =>
        me.call(`/sessions/${id}`, { method: 'PATCH', json: { notes: 'Outline first', notesRevision: 0 } }),
      () => me.call(`/sessions/${id}`, { method: 'PATCH', json: { plannedMinutes: 30 } }),
    ),
  applyTimerAction: async ({ me, sessionIds: [first, second, third] }) => {
    const act = (id: string | undefined, action: string, json?: unknown) => () =>
      post(me, `/sessions/${id}/${action}`, json);
    const advance = (seconds: number) => async () => {
      t.clock.advance(seconds);
      return me.call(`/sessions/${first}`);
    };
    return sequence(
      act(first, 'start'),
      advance(600),
      act(first, 'pause'),
      act(first, 'resume'),
      advance(2400),
      act(first, 'keepGoing', { minutes: 10 }),
      act(first, 'complete'),
      act(first, 'editMinutes', { minutes: 40 }),
      act(first, 'undo'),
      act(first, 'reset'),
      act(second, 'skip', { reason: 'Meetings all morning' }),
      act(second, 'replan'),
      act(third, 'log', { minutes: 25 }),
    );
  },
  getDaySummary: ({ me }) =>
    sequence(
      () => me.call('/summaries/day'),
      () => me.call('/summaries/day?date=2026-03-31'),
    ),
  getWeekSummary: ({ me }) =>
    sequence(
      () => me.call('/summaries/week'),
      () => me.call('/summaries/week?date=2026-01-01'),
    ),
  getStreak: ({ me }) => sequence(() => me.call('/streak')),
  listTokens: async ({ me }) => {
    await post(me, '/tokens', { name: 'phone widget', scopes: ['read'] });
    await post(me, '/tokens', { name: 'laptop cli', scopes: ['read', 'write'], expiresInDays: 30 });
    const first = await me.call('/tokens?limit=1&order=oldest');
    const { nextCursor } = (await first.clone().json()) as { nextCursor: string };
    return [
      first,
      await me.call(`/tokens?limit=1&order=oldest&cursor=${encodeURIComponent(nextCursor)}`),
      await me.call('/tokens?q=phone&status=active'),
      await me.call('/tokens?status=revoked'),
    ];
  },
  createToken: ({ me }) =>
    sequence(
      () => post(me, '/tokens', { name: 'widget' }),
      () => post(me, '/tokens', { name: 'script', scopes: ['read', 'write'], expiresInDays: 7 }),
    ),
  revokeToken: async ({ me }) => {
    const created = (await (await post(me, '/tokens', { name: 'short-lived' })).json()) as {
      token: { id: string };
    };
    return sequence(() => me.call(`/tokens/${created.token.id}`, { method: 'DELETE' }));
  },
  // The event stream is endless: checked apart, below.
  streamEvents: ({ me }) => sequence(() => me.call('/events')),
};

/** Requests that must fail, per operation, beyond the 401 every operation is checked for. */
const errorCases: Record<OperationId, Case> = {
  getMe: () => sequence(),
  getPreferences: () => sequence(),
  updatePreferences: ({ me }) =>
    sequence(
      () => me.call('/me/preferences', { method: 'PATCH', json: { theme: 'neon' } }),
      () => me.call('/me/preferences', { method: 'PATCH', json: { colour: 'blue' } }),
      () => me.call('/me/preferences', { method: 'PATCH', json: { timeZone: 'Mars/Olympus_Mons' } }),
      () =>
        me.call('/me/preferences', {
          method: 'PATCH',
          body: '{"theme":',
          headers: { 'content-type': 'application/json' },
        }),
      () =>
        me.call('/me/preferences', {
          method: 'PATCH',
          body: 'theme=dark',
          headers: { 'content-type': 'text/plain' },
        }),
    ),
  listApiRequests: ({ me }) =>
    sequence(
      () => me.call('/me/api-requests?limit=0'),
      () => me.call('/me/api-requests?cursor=not-a-cursor'),
      () => me.call('/me/api-requests?status=abc'),
      () => me.call('/me/api-requests?method=TRACE'),
    ),
  getDay: ({ me }) =>
    sequence(
      () => me.call('/days/2026-02-30'),
      () => me.call('/days/yesterday'),
    ),
  getSession: async ({ me }) => {
    const other = await fixture();
    return sequence(
      () => me.call(`/sessions/${other.sessionIds[0]}`),
      () => me.call('/sessions/not-a-session'),
    );
  },
  updateSession: ({ me, sessionIds: [id] }) =>
    sequence(
      () => me.call(`/sessions/${id}`, { method: 'PATCH', json: { goal: 'Stale', version: 99 } }),
      () => me.call(`/sessions/${id}`, { method: 'PATCH', json: { goal: 'x'.repeat(300) } }),
      () => me.call(`/sessions/${id}`, { method: 'PATCH', json: { plannedMinutes: 1 } }),
      () => me.call(`/sessions/${id}`, { method: 'PATCH', json: { state: 'completed' } }),
      () => me.call('/sessions/00000000-0000-8000-8000-000000000000', { method: 'PATCH', json: {} }),
    ),
  applyTimerAction: async ({ me, sessionIds: [id] }) => {
    const reader = await apiCaller(t, { scopes: ['read'] });
    const readerDay = (await (await reader.call('/days/today')).json()) as { sessions: { id: string }[] };
    return sequence(
      () => post(me, `/sessions/${id}/pause`),
      () => post(me, `/sessions/${id}/explode`),
      () => post(me, `/sessions/${id}/log`, { minutes: 0 }),
      () => post(me, `/sessions/${id}/start`, { minutes: 'ten' }),
      () => post(reader, `/sessions/${readerDay.sessions[0]!.id}/start`),
      () =>
        me.call(`/sessions/${id}/start`, {
          method: 'POST',
          headers: { 'idempotency-key': 'spaces are not allowed' },
        }),
    );
  },
  getDaySummary: ({ me }) => sequence(() => me.call('/summaries/day?date=04/06/2026')),
  getWeekSummary: ({ me }) => sequence(() => me.call('/summaries/week?date=2026-13-01')),
  getStreak: () => sequence(),
  listTokens: ({ me }) =>
    sequence(
      () => me.call('/tokens?status=lost'),
      () => me.call('/tokens?limit=1000'),
    ),
  createToken: ({ me }) =>
    sequence(
      () => post(me, '/tokens', { name: '' }),
      () => post(me, '/tokens', { name: 'x', scopes: ['admin'] }),
      () => post(me, '/tokens', { name: 'x', expiresInDays: 0 }),
    ),
  revokeToken: ({ me }) =>
    sequence(
      () => me.call('/tokens/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11', { method: 'DELETE' }),
      () => me.call('/tokens/nope', { method: 'DELETE' }),
    ),
  streamEvents: ({ me }) =>
    sequence(() => me.call('/events', { headers: { 'last-event-id': '9'.repeat(21) } })),
};

function requestFor(op: OperationRef): { path: string; init: RequestInit } {
  const path = op.path
    .replace('{date}', 'today')
    .replace('{id}', '00000000-0000-8000-8000-000000000000')
    .replace('{action}', 'start');
  const hasBody = op.operation.requestBody !== undefined;
  return {
    path,
    init: {
      method: op.method.toUpperCase(),
      ...(hasBody ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
    },
  };
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and every operation has an operationId, a summary and a tag', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const op of operations) {
      expect.soft(op.operationId, `${op.method} ${op.path}`).toMatch(/^[a-z][A-Za-z]+$/);
      expect.soft(op.operation.summary, op.operationId).toEqual(expect.stringMatching(/\S/));
      expect.soft(op.operation.tags ?? [], op.operationId).not.toHaveLength(0);
    }
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares 401 and a validation problem (422 or 400) for every operation', () => {
    for (const op of operations) {
      const problemOf = (status: string) =>
        op.operation.responses[status]?.content?.['application/problem+json']?.schema;
      expect
        .soft(problemOf('401'), `${op.operationId} 401`)
        .toEqual({ $ref: '#/components/schemas/Problem' });
      expect
        .soft(problemOf('422') ?? problemOf('400'), `${op.operationId} 422/400`)
        .toEqual({ $ref: '#/components/schemas/Problem' });
    }
  });

  it('has a contract case for exactly the operations it describes', () => {
    const described = operations.map((op) => op.operationId).sort();
    expect(Object.keys(validCases).sort()).toEqual(described);
    expect(Object.keys(errorCases).sort()).toEqual(described);
  });
});

describe.each(operations)('$method $path ($operationId)', (op) => {
  const valid = validCases[op.operationId as OperationId];
  const errors = errorCases[op.operationId as OperationId];
  const isStream = Object.keys(op.operation.responses['200']?.content ?? {}).includes('text/event-stream');

  it('answers a valid request as the document declares', async () => {
    expect(valid, `no contract case for ${op.operationId}`).toBeDefined();
    const answers = await valid(await fixture());
    expect(answers.length).toBeGreaterThan(0);
    for (const response of answers) {
      expect(response.status, `${op.operationId} answered ${response.status}`).toBeLessThan(300);
      if (!isStream) {
        await validator.assertResponse(op, response);
        continue;
      }
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = new SseReader(response);
      await reader.waitFor((events) => events.length > 0);
      await reader.close();
      const first = reader.events[0]!;
      expect(validator.check(op, response.status, response.headers.get('content-type'), first.data)).toEqual(
        [],
      );
      expect(first).toMatchObject({ event: 'hello', id: expect.stringMatching(/^\d+$/) });
      expect(JSON.parse(first.data)).toEqual({ type: 'hello' });
    }
  });

  it('answers 401 with a declared problem document and a challenge without a token', async () => {
    const { path, init } = requestFor(op);
    const response = await t.app.request(`http://localhost/api/v1${path}`, init);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const problem = await validator.assertResponse(op, response.clone());
    expect(problem).toMatchObject({ status: 401, code: 'unauthenticated' });
    await expectProblem(response);
  });

  it('answers invalid requests with declared problem documents', async () => {
    const answers = await errors(await fixture());
    for (const response of answers) {
      expect(response.status, `${op.operationId}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${op.operationId}`).toBeLessThan(500);
      await validator.assertResponse(op, response.clone());
      await expectProblem(response);
    }
  });
});
it('debug', async () => {
  for (const op of operations) {
    const answers = await errorCases[op.operationId as OperationId](await fixture());
    for (const r of answers) { const b = await r.json(); console.log(op.operationId, r.status, b.code, b.detail, JSON.stringify(b.errors)); }
  }
});
