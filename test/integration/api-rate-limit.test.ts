import { beforeAll, describe, expect, it } from 'vitest';
import { API_RULES } from '../../src/http/api/rate-limit.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { newCaller } from './api/callers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('API rate limits and request log', () => {
  it('counts every call per token, answers 429 past the limit and starts afresh the next minute', async () => {
    const me = await newCaller(t);
    const limit = API_RULES.perCaller.limit;
    let last: Response | undefined;
    for (let i = 0; i < limit; i++) {
      last = await me.call('/me');
      expect(last.status).toBe(200);
    }
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    const refused = await me.call('/me');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).code).toBe('rate_limited');

    t.clock.advance(API_RULES.perCaller.windowSeconds + 1);
    const again = await me.call('/me');
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit-remaining')).toBe(String(limit - 1));
  }, 60_000);

  it('lists a call in the request log as soon as it is answered', async () => {
    const me = await newCaller(t);
    await me.call('/days/today');
    const log = await (await me.call('/me/api-requests?limit=1')).json();
    expect(log.items[0]).toMatchObject({ method: 'GET', route: '/api/v1/days/:date', status: 200 });
  });
});
