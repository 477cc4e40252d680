import { describe, expect, it } from 'vitest';
import {
  expectProblem,
  fetchOpenApiDocument,
  type OperationId,
  type OperationRef,
  operationsOf,
  ResponseValidator,
  readAnswer,
} from '../../support/openapi.ts';
import { SseReader } from '../../support/sse.ts';
import { createTestApp } from '../../support/test-app.ts';
import { contractCases, MONDAY } from './contract-cases.ts';

// Contract tests generated from the OpenAPI document the app serves: every operation in `paths` is
// exercised (cases in contract-cases.ts), and every answer must match the schema declared for its
// status and content type.

const t = await createTestApp({ now: MONDAY });
const doc = await fetchOpenApiDocument(t.app);
const validator = new ResponseValidator(doc);
const operations = operationsOf(doc);
const { fixture, validCases, errorCases, idempotentCases } = contractCases(t);

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

  it('runs its guards once: one request, one hit against the rate limit', async () => {
    const { me } = await fixture();
    const { path, init } = requestFor(op);
    const remaining = async () => {
      const answer = await readAnswer(await me.call(path, init));
      expect(answer.status, answer.text).not.toBe(401);
      return Number(answer.headers.get('ratelimit-remaining'));
    };
    const first = await remaining();
    expect(first).toBeGreaterThan(0);
    expect(await remaining()).toBe(first - 1);
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

describe.each(operations.filter((op) => op.method === 'post'))('$method $path ($operationId)', (op) => {
  it('applies a retry with the same Idempotency-Key once and replays the answer', async () => {
    const request = idempotentCases[op.operationId as OperationId];
    expect(request, `no idempotency case for ${op.operationId}`).toBeDefined();
    const f = await fixture();
    const { path, json } = await request!(f);
    const send = () =>
      f.me.call(path, {
        method: 'POST',
        headers: { 'idempotency-key': `retry-${op.operationId}` },
        ...(json === undefined ? {} : { json }),
      });
    const first = await send();
    expect(first.status, await first.clone().text()).toBeLessThan(300);
    const firstBody = await validator.assertResponse(op, first.clone());
    const retry = await send();
    expect(retry.status, await retry.clone().text()).toBe(first.status);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await validator.assertResponse(op, retry)).toEqual(firstBody);
  });
});

describe('the response validator', () => {
  const getWeekSummary = operations.find((op) => op.operationId === 'getWeekSummary')!;
  /** The summary counts of slots none of which is done yet: `days` days of 3 personal and 1 admin. */
  const openCounts = (days: number) => ({
    ...{ personalCompleted: 0, personalTotal: 3 * days, personalPercent: 0, personalInProgress: 0 },
    ...{ personalOpen: 3 * days, personalSkipped: 0 },
    ...{
      adminCompleted: 0,
      adminTotal: days,
      adminPercent: 0,
      adminInProgress: 0,
      adminOpen: days,
      adminSkipped: 0,
    },
    ...{ sessionsCompleted: 0, sessionsTotal: 4 * days, sessionsPercent: 0, sessionsInProgress: 0 },
    ...{ sessionsOpen: 4 * days, sessionsSkipped: 0 },
  });
  const week = {
    start: '2026-04-06',
    end: '2026-04-12',
    days: [
      {
        date: '2026-04-06',
        ...openCounts(1),
        isFocused: false,
        isFull: false,
        focusSeconds: 0,
        focusMinutes: 0,
      },
    ],
    ...openCounts(7),
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
    expect(check(200, 'application/json', { ...week, sessionsPercent: undefined })).not.toEqual([]);
    expect(check(200, 'application/json', { ...week, days: [{ ...day, personalPercent: 101 }] })).not.toEqual(
      [],
    );
    expect(check(404, 'application/problem+json', {})).toEqual([
      'getWeekSummary 404: status 404 is not declared',
    ]);
    expect(check(200, 'text/html', week)).not.toEqual([]);
  });
});
