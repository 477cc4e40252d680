import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIMER_ACTIONS } from '../../../src/domain/timer.ts';
import { createAuthSession } from '../../../src/services/auth-sessions.ts';
import type { ApiCaller } from '../../support/api.ts';
import {
  fetchOpenApiDocument,
  type OperationRef,
  operationsOf,
  pathParamsOf,
  problemIn,
  ResponseValidator,
  readAnswer,
} from '../../support/openapi.ts';
import { createTestApp } from '../../support/test-app.ts';
import { freshClientIp, newCaller, PASSWORD } from './callers.ts';

// Property-based tests: random ids, dates, query strings, bodies and headers thrown at every
// operation of the OpenAPI document. Whatever comes in, the API answers below 500, every 4xx is a
// problem document, and every answer is one the document declares for the route it reached.
//
// FUZZ_RUNS sets the total number of requests, spread over the operations: by default 1,500 for a
// quick local `npm test`, 10,000 in CI (CI set), and `npm run fuzz` asks for 100,000. FUZZ_SEED
// replays a run (each run also prints its seed and total below).

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 10_000 : 1500));
const SEED = Number(process.env.FUZZ_SEED ?? 20260406);
/** Generous per request: a long run on a loaded machine must not fail on time alone. */
const MS_PER_RUN = Number(process.env.FUZZ_MS_PER_RUN ?? 50);

const t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
const doc = await fetchOpenApiDocument(t.app);
const validator = new ResponseValidator(doc);
const operations = operationsOf(doc);
const runsPerOperation = Math.max(1, Math.ceil(TOTAL_RUNS / operations.length));

/** Ids that exist: the caller's own and another person's, to be mixed in with junk. */
type Known = {
  me: ApiCaller;
  readOnlySecret: string;
  other: ApiCaller;
  sessionIds: string[];
  tokenIds: string[];
  deviceIds: string[];
  /** Projects, tasks, interruptions and links. */
  workIds: string[];
};

async function sessionIdsOf(caller: ApiCaller, date: string): Promise<string[]> {
  const day = (await (await caller.call(`/days/${date}`)).json()) as { sessions: { id: string }[] };
  return day.sessions.map((s) => s.id);
}

async function spareTokenOf(caller: ApiCaller, scopes: string[]): Promise<{ id: string; secret: string }> {
  const response = await caller.call('/tokens', { method: 'POST', json: { name: 'spare', scopes } });
  const created = (await response.json()) as { token: { id: string }; secret: string };
  return { id: created.token.id, secret: created.secret };
}

async function deviceOf(caller: ApiCaller): Promise<string> {
  await createAuthSession(t.deps, t.deps.db, caller.userId, {
    remember: true,
    userAgent: 'Fuzz',
    ip: '10.0.0.1',
  });
  const devices = (await (await caller.call('/me/devices')).json()) as { items: { id: string }[] };
  return devices.items[0]!.id;
}

/** A project, a task linked to a running session, an interruption and a link; returns their ids. */
async function workOf(caller: ApiCaller): Promise<string[]> {
  const send = async (method: string, path: string, json?: unknown) => {
    const response = await caller.call(path, { method, ...(json === undefined ? {} : { json }) });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return (await response.json()) as { id: string; sessions: { id: string }[] };
  };
  const [sessionId] = (await send('GET', '/days/2026-04-02')).sessions.map((s) => s.id);
  const running = (await send('GET', '/days/today')).sessions[2]!.id;
  const project = await send('POST', '/projects', { name: 'Fuzz' });
  const task = await send('POST', '/tasks', { title: 'Fuzz the API', projectId: project.id });
  await send('PUT', `/sessions/${sessionId}/tasks/${task.id}`, { role: 'main' });
  await send('POST', `/sessions/${running}/start`);
  const interruption = await send('POST', '/context-switches', { sessionId: running, reason: 'message' });
  const resource = await send('POST', '/resources', { url: 'https://example.com/fuzz', taskId: task.id });
  return [project.id, task.id, interruption.id, resource.id];
}

async function knownWorld(): Promise<Known> {
  const me = await newCaller(t);
  const other = await newCaller(t);
  const readOnly = await spareTokenOf(me, ['read']);
  return {
    me,
    readOnlySecret: readOnly.secret,
    other,
    sessionIds: [
      ...(await sessionIdsOf(me, 'today')),
      ...(await sessionIdsOf(me, '2026-04-01')),
      ...(await sessionIdsOf(me, '2026-04-09')),
      ...(await sessionIdsOf(other, 'today')),
    ],
    // The main token of `me` stays out of reach, so the run keeps its credentials.
    tokenIds: [readOnly.id, (await spareTokenOf(me, ['read'])).id, (await spareTokenOf(other, ['read'])).id],
    deviceIds: [await deviceOf(me), await deviceOf(other)],
    workIds: [...(await workOf(me)), ...(await workOf(other))],
  };
}

// ---- Generators -------------------------------------------------------------------------------

const ABSURD_DATES = [
  '99999-99-99',
  '0000-00-00',
  '2026-02-30',
  '2026-02-29',
  '2024-02-29',
  '1969-12-31',
  '1970-01-01',
  '2200-12-31',
  '2201-01-01',
  '2026-4-6',
  '+2026-04-06',
  '2026-04-06T00:00:00Z',
  '2026-13-01',
  '2026-00-10',
  ' 2026-04-06',
  'today',
  'Today',
  'yesterday',
];

/** Strings that are awkward in a path, inserted without encoding. */
const RAW_SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '%2E',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%2F',
  '%5C',
  ';',
  '@',
  '~',
];

const printable = fc.string({ unit: 'grapheme', maxLength: 40 });
/** Strings made of what trips up databases, parsers and search syntax: NUL, controls, quotes, operators. */
const nasty = fc
  .array(
    fc.constantFrom(
      '\u0000',
      '\u0001',
      '\n',
      '\t',
      '\\',
      '%',
      '_',
      "'",
      '"',
      '&',
      '|',
      '!',
      ':*',
      '(',
      ')',
      '<->',
      '-',
      ' or ',
      '<b>',
      '\u202e',
      '\ud83d\ude00',
      '\ud800',
      '\u2028',
      '\ufeff',
      ' ',
      'login',
      'é',
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''));
const binary = fc.string({ unit: 'binary', maxLength: 40 });
const longString = fc.tuple(fc.string({ minLength: 1, maxLength: 5 }), fc.integer({ min: 100, max: 20_000 }));

const malformedUuid = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid().map((u) => u.replace(/-/g, '')),
  fc.uuid().map((u) => `${u}0`),
  fc.uuid().map((u) => u.slice(1)),
  fc.uuid().map((u) => `{${u}}`),
  fc.constant('00000000-0000-0000-0000-000000000000'),
  fc.constant('ffffffff-ffff-8fff-bfff-ffffffffffff'),
);

/** A value for a path parameter, and whether to insert it as it is (unencoded). */
function pathValue(known: Known, name: string): fc.Arbitrary<{ value: string; isRaw: boolean }> {
  const encoded = (arb: fc.Arbitrary<string>) => arb.map((value) => ({ value, isRaw: false }));
  const valid =
    name === 'action'
      ? fc.constantFrom(...TIMER_ACTIONS)
      : name === 'date'
        ? fc.constantFrom('today', '2026-04-06', '2026-04-01', '2026-04-09')
        : fc.constantFrom(...known.sessionIds, ...known.tokenIds, ...known.deviceIds, ...known.workIds);
  return fc.oneof(
    { weight: 6, arbitrary: encoded(valid) },
    { weight: 2, arbitrary: encoded(fc.constantFrom(...ABSURD_DATES)) },
    { weight: 2, arbitrary: encoded(malformedUuid) },
    { weight: 2, arbitrary: encoded(printable.filter((s) => s.length > 0)) },
    { weight: 1, arbitrary: encoded(nasty) },
    { weight: 1, arbitrary: encoded(binary.filter((s) => s.length > 0)) },
    { weight: 1, arbitrary: encoded(fc.constantFrom('../', '../../me', '..\\..', '/', '?', '#', ' ')) },
    {
      weight: 1,
      arbitrary: encoded(longString.map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n))),
    },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((value) => ({ value, isRaw: true })) },
  );
}

/** Anything a client might send as a scalar, from the plausible to the absurd. */
const junkScalar: fc.Arbitrary<unknown> = fc.oneof(
  printable,
  nasty,
  binary,
  fc.constantFrom(...ABSURD_DATES),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 5, 25, 240, 241, 3650, 3651),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('read', 'write', 'admin', 'dark', 'neon', 'monday', 'Europe/Berlin', 'Mars/Base', PASSWORD),
);

const deepNesting = fc
  .tuple(fc.integer({ min: 10, max: 30_000 }), fc.boolean())
  .map(([depth, isArray]) =>
    isArray ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

const anyTimestamp = fc.oneof(
  fc
    .date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '0000-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '2026-02-30T00:00:00.000Z',
    '2026-04-06',
  ),
);

/** Base64url of a JSON array: looks like one of our cursors but holds whatever. */
const forgedCursor = fc
  .tuple(
    fc.array(fc.oneof(anyTimestamp, junkScalar, fc.jsonValue({ maxDepth: 1 })), {
      minLength: 0,
      maxLength: 3,
    }),
    fc.oneof(malformedUuid, junkScalar),
  )
  .map(([keys, id]) => Buffer.from(JSON.stringify([...keys, id])).toString('base64url'));

function queryOf(op: OperationRef): fc.Arbitrary<string> {
  const declared = (op.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const names = [...declared, 'date', 'limit', 'cursor', 'status'];
  const value = fc.oneof(
    { weight: 3, arbitrary: junkScalar.map(String) },
    { weight: 3, arbitrary: nasty },
    { weight: 1, arbitrary: forgedCursor },
    { weight: 1, arbitrary: longString.map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)) },
  );
  const pairs = fc.array(
    fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, printable), value),
    {
      maxLength: 4,
    },
  );
  // One declared parameter alone reaches past validation into the service and the database.
  const single = declared.length
    ? fc.tuple(fc.constantFrom(...declared), value).map(([name, v]) => `?${new URLSearchParams([[name, v]])}`)
    : fc.constant('');
  return fc.oneof(
    { weight: 3, arbitrary: single },
    {
      weight: 3,
      arbitrary: pairs.map((list) =>
        list.length ? `?${new URLSearchParams(list.map(([k, v]) => [k, v]))}` : '',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?',
        '?&&',
        '?date',
        '?limit=%',
        '?cursor=%E0%A4%A',
        '?%%%=%%',
        '?date[]=1&date[]=2',
      ),
    },
  );
}

type SchemaNode = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  pattern?: string;
  anyOf?: SchemaNode[];
};

/** A value the schema accepts, built from its types: the base that one mutation is applied to. */
function exampleOf(schema: SchemaNode): unknown {
  if (schema.$ref) return exampleOf(doc.components.schemas[schema.$ref.split('/').pop()!] as SchemaNode);
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return exampleOf(schema.anyOf[0]!);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const entries = Object.entries(schema.properties ?? {}).filter(([name]) =>
      schema.required?.includes(name),
    );
    return Object.fromEntries(entries.map(([name, property]) => [name, exampleOf(property)]));
  }
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return false;
  if (type === 'array') return [];
  if (type === 'null') return null;
  return schema.pattern ? '2026-04-07' : 'plausible';
}

/** A request body: JSON of every shape, near-misses of the declared schema, and plain junk. */
function bodyOf(known: Known, op: OperationRef): fc.Arbitrary<string | undefined> {
  const schema = op.operation.requestBody?.content['application/json']?.schema as
    | { $ref?: string }
    | undefined;
  const component = schema?.$ref
    ? (doc.components.schemas[schema.$ref.split('/').pop()!] as SchemaNode)
    : undefined;
  const fields = Object.keys(component?.properties ?? {});
  const knownId = fc.constantFrom(...known.sessionIds, ...known.workIds);
  // A plausible body with one field replaced: reaches past validation into the service and database.
  const base = (component ? exampleOf(component) : {}) as Record<string, unknown>;
  const mutated = fields.length
    ? fc
        .tuple(
          fc.constantFrom(...fields),
          fc.oneof(
            { weight: 3, arbitrary: nasty },
            { weight: 2, arbitrary: junkScalar },
            { weight: 2, arbitrary: knownId },
          ),
          fc.record(Object.fromEntries(fields.filter((f) => /Id$/.test(f)).map((f) => [f, knownId]))),
        )
        .map(([field, value, ids]) => JSON.stringify({ ...base, ...ids, [field]: value }))
    : fc.constant(JSON.stringify(base));
  const nearMiss = fc
    .dictionary(
      fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fields, 'minutes', 'name') }, printable),
      fc.oneof(
        { weight: 3, arbitrary: junkScalar },
        { weight: 3, arbitrary: nasty },
        { weight: 1, arbitrary: knownId },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      ),
      { maxKeys: 5 },
    )
    .map((o) => JSON.stringify(o));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: mutated },
    { weight: 3, arbitrary: nearMiss },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: junkScalar.map((v) => JSON.stringify(v) ?? 'undefined') },
    { weight: 1, arbitrary: deepNesting },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...fields, 'goal'), fc.integer({ min: 1_000, max: 100_000 }))
        .map(([field, n]) => JSON.stringify({ [field]: 'é'.repeat(n) })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{',
        '{"goal":',
        '1e400',
        '{"minutes":1e400}',
        'null',
        '""',
        '\u0000',
        '{"__proto__":{"x":1}}',
      ),
    },
    { weight: 1, arbitrary: binary },
  );
}

/** A header value the Fetch API accepts: Latin-1, no line breaks or NUL. */
const headerValue = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
  maxLength: 300,
});

function headersOf(known: Known, op: OperationRef): fc.Arbitrary<Record<string, string>> {
  const bearer = (secret: string) => `Bearer ${secret}`;
  const authorization = fc.oneof(
    { weight: 30, arbitrary: fc.constant(bearer(known.me.token)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        bearer(known.readOnlySecret),
        bearer(known.other.token),
        bearer('ds_not-a-token'),
        `bearer  ${known.me.token}`,
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        'Bearer',
        '',
      ),
    },
    { weight: 1, arbitrary: headerValue.map((v) => bearer(`ds_${v}`)) },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'APPLICATION/JSON',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'multipart/form-data',
        'application/merge-patch+json',
        'application/problem+json',
        '',
      ),
    },
    { weight: 1, arbitrary: headerValue },
  );
  const optional = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: undefined, freq: 2 });
  return fc
    .record({
      authorization: fc.option(authorization, { nil: undefined, freq: 20 }),
      'content-type': fc.option(contentType, { nil: undefined, freq: 6 }),
      'idempotency-key': fc.option(
        fc.oneof(headerValue, fc.uuid(), fc.constantFrom('k-1', 'k-2', ' ', 'x'.repeat(256))),
        { nil: undefined, freq: op.method === 'post' ? 2 : 6 },
      ),
      'last-event-id': optional(
        fc.oneof(headerValue, fc.nat().map(String), fc.constantFrom('-1', '1e9', '9'.repeat(30))),
      ),
      accept: optional(fc.constantFrom('text/html', 'application/xml', '*/*', 'text/event-stream')),
      'user-agent': optional(headerValue),
      'x-csrf-token': optional(headerValue),
    })
    .map((headers) =>
      Object.fromEntries(
        Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
    );
}

type FuzzRequest = {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string;
};

function requestOf(known: Known, op: OperationRef): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const params = fc.tuple(...names.map((name) => pathValue(known, name)));
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant(op.method.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
  );
  return fc
    .record({ method, params, query: queryOf(op), headers: headersOf(known, op), body: bodyOf(known, op) })
    .map(({ method, params, query, headers, body }) => {
      let index = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => {
        const { value, isRaw } = params[index++]!;
        return isRaw ? value : encodeURIComponent(value.toWellFormed());
      });
      const hasBody = body !== undefined && !['GET', 'HEAD'].includes(method);
      return { method, path, query, headers, ...(hasBody ? { body } : {}) };
    });
}

// ---- The property ------------------------------------------------------------------------------

/** The operation a request reaches, by method and path as the server sees them, if any. */
function routeOf(method: string, url: URL): OperationRef | undefined {
  const path = url.pathname.replace(/^\/api\/v1/, '');
  const matches = operations.filter(
    (op) =>
      op.method === method.toLowerCase() &&
      new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
  // A fixed segment wins over a parameter, as in the router: /tasks/quick-add before /tasks/{id}.
  return matches.sort((a, b) => pathParamsOf(a.path).length - pathParamsOf(b.path).length)[0];
}

let requestsSent = 0;

async function send(request: FuzzRequest): Promise<{ url: URL; response: Response }> {
  requestsSent++;
  // A fifth of a second between requests keeps the per-token rate limit (600 a minute) out of play.
  t.clock.advance(0.2);
  const url = new URL(`http://localhost/api/v1${request.path}${request.query}`);
  const response = await t.app.request(url.toString(), {
    method: request.method,
    headers: { ...request.headers, 'x-test-client-ip': freshClientIp() },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { url, response };
}

async function checkAnswer(request: FuzzRequest): Promise<void> {
  const { url, response } = await send(request);
  const answer = await readAnswer(response);
  const where = `${request.method} ${url.pathname}${url.search} → ${answer.status}: ${answer.text.slice(0, 300)}`;
  expect(answer.status, where).toBeLessThan(500);
  if (answer.status >= 400) problemIn(answer);
  if (!url.pathname.startsWith('/api/v1/')) return; // the URL parser resolved `..` out of the API
  const route = routeOf(request.method, url);
  // A method or path no operation has: refused (404, or earlier by the guards: 401, 413, 422...).
  if (!route) {
    expect(answer.status, where).toBeGreaterThanOrEqual(400);
    return;
  }
  const isStream = answer.headers.get('content-type')?.startsWith('text/event-stream');
  const body = isStream
    ? ''
    : answer.headers.get('content-type')?.includes('json')
      ? JSON.parse(answer.text)
      : answer.text;
  if (isStream) {
    expect(answer.status, where).toBe(200);
    return;
  }
  expect(validator.check(route, answer.status, answer.headers.get('content-type'), body), where).toEqual([]);
}

describe('the API under random input', () => {
  let known: Known;

  it.each(operations.map((op, index) => ({ ...op, index })))(
    'never fails with a 5xx and answers $operationId only as documented',
    async (op) => {
      known ??= await knownWorld();
      await fc.assert(
        fc.asyncProperty(requestOf(known, op), (request) => checkAnswer(request)),
        { seed: SEED + op.index, numRuns: runsPerOperation, endOnFailure: true },
      );
    },
    Math.max(30_000, runsPerOperation * MS_PER_RUN),
  );

  // Runs after the operations above (tests in a file run in order): the run was as long as asked.
  it('sent at least the requested number of generated requests in total', () => {
    console.info(`fuzz: ${requestsSent} requests over ${operations.length} operations, seed ${SEED}`);
    expect(requestsSent).toBeGreaterThanOrEqual(TOTAL_RUNS);
  });
});
