import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiCaller, apiCaller } from '../../support/api.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

// ASVS V2: hostile bodies and parameters get a clear 4xx problem and store nothing.

let t: TestApp;
let me: ApiCaller;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
  me = await apiCaller(t);
});

const raw = (path: string, method: string, body: BodyInit) =>
  me.call(path, { method, body, headers: { 'content-type': 'application/json' } });
const taskCount = async () =>
  ((await (await me.call('/tasks?status=todo,doing,done,dropped&limit=100')).json()) as { items: unknown[] })
    .items.length;

async function expectProblem(response: Response, statuses: number[]) {
  expect(statuses, await response.clone().text()).toContain(response.status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

describe('hostile input to the API', () => {
  it('refuses 10,000 nested arrays, an oversized body and invalid UTF-8, storing nothing', async () => {
    const before = await taskCount();
    await expectProblem(
      await raw('/tasks', 'POST', `${'['.repeat(10_000)}${']'.repeat(10_000)}`),
      [400, 422],
    );
    await expectProblem(
      await raw('/tasks', 'POST', `{"title":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
      [400, 413, 422],
    );
    await expectProblem(await raw('/tasks', 'POST', JSON.stringify({ title: 'x'.repeat(200_000) })), [413]);
    const invalid = new Uint8Array([
      ...Buffer.from('{"title":"bad '),
      0xff,
      0xfe,
      0xc3,
      ...Buffer.from('"}'),
    ]);
    const answer = await raw('/tasks', 'POST', invalid);
    await expectProblem(answer, [400]);
    expect(((await answer.json()) as { detail: string }).detail).toBe('The request body is not valid UTF-8.');
    expect(await taskCount()).toBe(before);
  });

  it('refuses huge page sizes and dates outside the supported years', async () => {
    for (const path of [
      '/tasks?limit=1000000',
      '/projects?limit=-1',
      '/tokens?limit=1e9',
      '/resources?limit=99999999999999999999',
    ])
      await expectProblem(await me.call(path), [400, 422]);
    for (const path of [
      '/days/9999-12-31',
      '/days/0001-01-01',
      '/days/2026-02-30',
      '/summaries/week?date=99999-01-01',
    ])
      await expectProblem(await me.call(path), [400, 404, 422]);
    const before = await taskCount();
    for (const dueDate of ['9999-12-31', '0001-01-01', '+275760-09-13'])
      await expectProblem(
        await me.call('/tasks', { method: 'POST', json: { title: 'Far', dueDate } }),
        [422],
      );
    expect(await taskCount()).toBe(before);
  });
});
