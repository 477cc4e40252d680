import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCaller } from '../../support/api.ts';
import { TestBrowser } from '../../support/http-client.ts';
import {
  fetchOpenApiDocument,
  mediaTypeOf,
  type OperationId,
  type OperationRef,
  operationsOf,
  problemIn,
  readAnswer,
} from '../../support/openapi.ts';
import { createTestApp, uniqueEmail } from '../../support/test-app.ts';
import { contractCases, type Fixture, MONDAY } from './contract-cases.ts';

// An empty request body is no body, whatever its Content-Type: fetch wrappers, SDKs, curl and
// low-code tools label every request `application/json`. Generated from the OpenAPI document:
// every operation whose body is optional or absent runs its contract cases (contract-cases.ts) on
// two fresh fixtures, once as the tests' own client sends them and once with each bodiless request
// to the operation labelled JSON with an empty body, and both runs must be answered alike.

const t = await createTestApp({ now: MONDAY });
const doc = await fetchOpenApiDocument(t.app);
const { fixture, validCases, errorCases } = contractCases(t);
const bodyOptional = operationsOf(doc).filter((op) => op.operation.requestBody?.required !== true);

/** Whether `method path` (a query included) is a request to the operation. */
function isRequestTo(op: OperationRef, method: string, path: string): boolean {
  const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`);
  return method.toLowerCase() === op.method && pattern.test(path);
}

/**
 * The fixture's person as a generic client: a request to `op` without a body or a Content-Type
 * is sent with `Content-Type: application/json` and an empty body (a GET can carry only the label).
 */
function labelling(op: OperationRef, f: Fixture): { fixture: Fixture; labelled: () => number } {
  let labelled = 0;
  const me: ApiCaller = {
    ...f.me,
    call(path, init = {}) {
      const method = (init.method ?? 'GET').toUpperCase();
      const headers = new Headers(init.headers);
      const hasBody = init.json !== undefined || (init.body ?? null) !== null || headers.has('content-type');
      if (hasBody || !isRequestTo(op, method, path)) return f.me.call(path, init);
      labelled += 1;
      headers.set('content-type', 'application/json');
      const canHaveBody = method !== 'GET' && method !== 'HEAD';
      return f.me.call(path, { ...init, headers, ...(canHaveBody ? { body: '' } : {}) });
    },
  };
  return { fixture: { ...f, me }, labelled: () => labelled };
}

/** What a client tells answers apart by: status, media type, a problem's code, a JSON answer's fields. */
async function gistOf(response: Response): Promise<Record<string, unknown>> {
  const answer = await readAnswer(response);
  const media = mediaTypeOf(answer.headers.get('content-type'));
  const { status } = answer;
  if (media === 'application/problem+json') return { status, media, code: problemIn(answer).code };
  if (media === 'application/json') return { status, media, fields: Object.keys(JSON.parse(answer.text)) };
  return { status, media };
}

const gistsOf = async (responses: Response[]) => {
  const gists = [];
  for (const response of responses) gists.push(await gistOf(response));
  return gists;
};

it('covers some operation of every method that can do without a body', () => {
  expect(new Set(bodyOptional.map((op) => op.method))).toEqual(new Set(['get', 'post', 'delete']));
  expect(bodyOptional.map((op) => op.operationId)).toContain('applyTimerAction');
});

describe.each(bodyOptional)('$method $path ($operationId)', (op) => {
  const id = op.operationId as OperationId;

  it('answers a request labelled JSON with an empty body as one without a body', async () => {
    // Each run has a fixture of its own, so a write in the first cannot change the second's answer.
    const plain = await gistsOf(await validCases[id](await fixture()));
    const { fixture: labelledFixture, labelled } = labelling(op, await fixture());
    const answers = await gistsOf(await validCases[id](labelledFixture));
    expect(labelled(), `the contract case of ${id} sends it a request without a body`).toBeGreaterThan(0);
    expect(answers).toEqual(plain);
    expect(answers.every((answer) => (answer.status as number) < 300)).toBe(true);
  });

  it('answers invalid requests labelled JSON with an empty body with their declared status', async () => {
    const { fixture: labelledFixture } = labelling(op, await fixture());
    for (const [status, step] of await errorCases[id](labelledFixture)) {
      const answer = await readAnswer(await step());
      expect(answer.status, `${id}: ${answer.text}`).toBe(status);
    }
  });
});

/** A fresh person's first planned session and how to act on it. */
async function plannedSession() {
  const f = await fixture();
  const id = f.sessionIds[0]!;
  const act = (action: string, init: RequestInit & { json?: unknown } = {}) =>
    f.me.call(`/sessions/${id}/${action}`, { method: 'POST', ...init });
  const stateOf = async () =>
    ((await (await f.me.call(`/sessions/${id}`)).json()) as { state: string }).state;
  return { ...f, id, act, stateOf };
}

const EMPTY_JSON: RequestInit & { headers: Record<string, string> } = {
  headers: { 'content-type': 'application/json' },
  body: '',
};
const NO_BODY: RequestInit & { headers: Record<string, string> } = { headers: {} };

describe('an empty body labelled JSON', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer(getRequestListener(t.app.fetch));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A POST over a real socket with exactly these headers and no body bytes. */
  function postOverSocket(path: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: `/api/v1${path}`, method: 'POST', headers },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it.each([
    ['with Content-Length: 0', { 'content-length': '0' }],
    ['sent chunked, with no chunk', { 'transfer-encoding': 'chunked' }],
  ])('starts a session over a real socket, %s', async (_, framing) => {
    const { me, id, stateOf } = await plannedSession();
    const status = await postOverSocket(`/sessions/${id}/start`, {
      authorization: `Bearer ${me.token}`,
      'content-type': 'application/json',
      ...framing,
    });
    expect(status).toBe(200);
    expect(await stateOf()).toBe('active');
  });

  it('is no body whatever its Content-Type, while a body of the wrong type is still a 415', async () => {
    const { act, stateOf } = await plannedSession();
    const started = await act('start', { headers: { 'content-type': 'text/plain' }, body: '' });
    expect(started.status, await started.clone().text()).toBe(200);
    const paused = await act('pause', { headers: { 'content-type': 'text/plain' }, body: 'pause' });
    expect(paused.status).toBe(415);
    await expect(readAnswer(paused).then(problemIn)).resolves.toMatchObject({ status: 415 });
    expect(await stateOf()).toBe('active');
  });

  it('still refuses a body that is not JSON, even one space, with a 400 problem and changes nothing', async () => {
    const { me, act, stateOf } = await plannedSession();
    for (const body of ['{', ' ', '\n', 'start']) {
      for (const response of [
        await act('start', { headers: { 'content-type': 'application/json' }, body }),
        await me.call('/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      ]) {
        const answer = await readAnswer(response);
        expect(answer.status, JSON.stringify(body)).toBe(400);
        expect(problemIn(answer)).toMatchObject({
          code: 'bad_request',
          detail: expect.stringMatching(/JSON/),
        });
      }
    }
    expect(await stateOf()).toBe('planned');
  });

  it('gives an operation that requires a body what no body gives it: its missing fields', async () => {
    const { me } = await fixture();
    const without = await readAnswer(await me.call('/projects', { method: 'POST' }));
    const labelled = await readAnswer(await me.call('/projects', { method: 'POST', ...EMPTY_JSON }));
    expect(labelled.status, labelled.text).toBe(422);
    expect(without.status).toBe(422);
    expect(problemIn(labelled).errors).toEqual(problemIn(without).errors);
    expect(problemIn(labelled).errors).toHaveProperty('name');
  });

  it('replays an Idempotency-Key alike whether the request or its retry is labelled JSON', async () => {
    const orders: [first: typeof NO_BODY, retry: typeof NO_BODY][] = [
      [NO_BODY, EMPTY_JSON],
      [EMPTY_JSON, NO_BODY],
    ];
    for (const [first, retry] of orders) {
      const { act, me, id } = await plannedSession();
      const key = { 'idempotency-key': 'start-once' };
      const started = await act('start', { ...first, headers: { ...first.headers, ...key } });
      expect(started.status, await started.clone().text()).toBe(200);
      const replayed = await act('start', { ...retry, headers: { ...retry.headers, ...key } });
      expect(replayed.status, await replayed.clone().text()).toBe(200);
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
      const session = (await started.json()) as { version: number };
      expect(await replayed.json()).toEqual(session);
      const now = (await (await me.call(`/sessions/${id}`)).json()) as { version: number };
      expect(now.version).toBe(session.version);
      // A body with something in it is another request: the key cannot be reused for it.
      const other = await act('start', { json: { minutes: 5 }, headers: key });
      expect(other.status).toBe(422);
    }
  });

  it('lets the app’s own pages send one with their cookie, the CSRF token still required', async () => {
    t.clock.set(MONDAY);
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail());
    const day = (await (await browser.request('/api/v1/days/today')).json()) as {
      sessions: { id: string }[];
    };
    const start = (headers: Record<string, string>) =>
      browser.request(`/api/v1/sessions/${day.sessions[0]!.id}/start`, {
        method: 'POST',
        body: '',
        headers: {
          'content-type': 'application/json',
          origin: browser.origin,
          'sec-fetch-site': 'same-origin',
          ...headers,
        },
      });
    const refused = await start({});
    expect(refused.status).toBe(403);
    const started = await start({ 'x-csrf-token': browser.csrfToken });
    expect(started.status, await started.clone().text()).toBe(200);
    expect(await started.json()).toMatchObject({ state: 'active' });
  });
});
