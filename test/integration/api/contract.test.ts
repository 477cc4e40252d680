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

type Failure = [status: number, step: () => Promise<Response>];
type ErrorCase = (f: Fixture) => Promise<Failure[]>;
const failures = async (...list: Failure[]) => list;

/** Requests that must fail, with the status each must get, beyond the 401 every operation is checked for. */
const errorCases: Record<OperationId, ErrorCase> = {
  getMe: () => failures(),
  getPreferences: () => failures(),
  updatePreferences: ({ me }) => {
    const patch = (init: RequestInit & { json?: unknown }) => () =>
      me.call('/me/preferences', { method: 'PATCH', ...init });
    return failures(
      [422, patch({ json: { theme: 'neon' } })],
      [422, patch({ json: { colour: 'blue' } })],
      [422, patch({ json: { timeZone: 'Mars/Olympus_Mons' } })],
      [400, patch({ body: '{"theme":', headers: { 'content-type': 'application/json' } })],
      [415, patch({ body: 'theme=dark', headers: { 'content-type': 'text/plain' } })],
    );
  },
  listApiRequests: ({ me }) =>
    failures(
      [422, () => me.call('/me/api-requests?limit=0')],
      [422, () => me.call('/me/api-requests?cursor=not-a-cursor')],
      [422, () => me.call('/me/api-requests?status=abc')],
      [422, () => me.call('/me/api-requests?method=TRACE')],
    ),
  getDay: ({ me }) =>
    failures([422, () => me.call('/days/2026-02-30')], [422, () => me.call('/days/yesterday')]),
  getSession: async ({ me }) => {
    const other = await fixture();
    return failures(
      [404, () => me.call(`/sessions/${other.sessionIds[0]}`)],
      [404, () => me.call('/sessions/not-a-session')],
    );
  },
  updateSession: ({ me, sessionIds: [id] }) => {
    const patch =
      (json: unknown, target = id) =>
      () =>
        me.call(`/sessions/${target}`, { method: 'PATCH', json });
    return failures(
      [409, patch({ goal: 'Stale', version: 99 })],
      [422, patch({ goal: 'x'.repeat(300) })],
      [422, patch({ plannedMinutes: 1 })],
      [422, patch({ state: 'completed' })],
      [404, patch({}, '00000000-0000-8000-8000-000000000000')],
    );
  },
  applyTimerAction: async ({ me, sessionIds: [id] }) => {
    const reader = await apiCaller(t, { scopes: ['read'] });
    const readerDay = (await (await reader.call('/days/today')).json()) as { sessions: { id: string }[] };
    return failures(
      [409, () => post(me, `/sessions/${id}/pause`)],
      [422, () => post(me, `/sessions/${id}/explode`)],
      [422, () => post(me, `/sessions/${id}/log`, { minutes: 0 })],
      [422, () => post(me, `/sessions/${id}/start`, { minutes: 'ten' })],
      [403, () => post(reader, `/sessions/${readerDay.sessions[0]!.id}/start`)],
      [
        422,
        () =>
          me.call(`/sessions/${id}/start`, {
            method: 'POST',
            headers: { 'idempotency-key': 'spaces are not allowed' },
          }),
      ],
    );
  },
  getDaySummary: ({ me }) => failures([422, () => me.call('/summaries/day?date=04/06/2026')]),
  getWeekSummary: ({ me }) => failures([422, () => me.call('/summaries/week?date=2026-13-01')]),
  getStreak: () => failures(),
  listTokens: ({ me }) =>
    failures([422, () => me.call('/tokens?status=lost')], [422, () => me.call('/tokens?limit=1000')]),
  createToken: ({ me }) =>
    failures(
      [422, () => post(me, '/tokens', { name: '' })],
      [422, () => post(me, '/tokens', { name: 'x', scopes: ['admin'] })],
      [422, () => post(me, '/tokens', { name: 'x', expiresInDays: 0 })],
    ),
  revokeToken: ({ me }) =>
    failures(
      [404, () => me.call('/tokens/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11', { method: 'DELETE' })],
      [404, () => me.call('/tokens/nope', { method: 'DELETE' })],
    ),
  streamEvents: ({ me }) =>
    failures([422, () => me.call('/events', { headers: { 'last-event-id': '9'.repeat(21) } })]),
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

  it('answers invalid requests with the declared status and problem document', async () => {
    for (const [status, step] of await errors(await fixture())) {
      const response = await step();
      expect(response.status, `${op.operationId}: ${await response.clone().text()}`).toBe(status);
      await validator.assertResponse(op, response.clone());
      await expectProblem(response);
    }
  });
});

describe('the response validator', () => {
  const getWeekSummary = operations.find((op) => op.operationId === 'getWeekSummary')!;
  const week = {
    start: '2026-04-06',
    end: '2026-04-12',
    days: [
      {
        date: '2026-04-06',
        personalCompleted: 0,
        personalTotal: 3,
        adminCompleted: 0,
        adminTotal: 1,
        isFocused: false,
        isFull: false,
        focusSeconds: 0,
        focusMinutes: 0,
      },
    ],
    sessionsCompleted: 0,
    personalCompleted: 0,
    personalTotal: 3,
    focusSeconds: 0,
    focusMinutes: 0,
    focusedDays: 0,
    fullDays: 0,
    flaggedSessions: 0,
  };

  it('accepts an answer the document describes, composed schemas included', () => {
    expect(validator.check(getWeekSummary, 200, 'application/json; charset=UTF-8', week)).toEqual([]);
  });

  it('refuses undeclared fields, missing fields, undeclared statuses and content types', () => {
    const check = (status: number, type: string, body: unknown) =>
      validator.check(getWeekSummary, status, type, body);
    expect(check(200, 'application/json', { ...week, secret: 'leaked' })).not.toEqual([]);
    const [day] = week.days;
    expect(check(200, 'application/json', { ...week, days: [{ ...day, passwordHash: 'x' }] })).not.toEqual(
      [],
    );
    expect(check(200, 'application/json', { ...week, days: [{ ...day, date: undefined }] })).not.toEqual([]);
    expect(check(404, 'application/problem+json', {})).toEqual([
      'getWeekSummary 404: status 404 is not declared',
    ]);
    expect(check(200, 'text/html', week)).not.toEqual([]);
  });
});
