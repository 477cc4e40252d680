import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
});

describe('API v1 basics', () => {
  it('runs a session through the API with a token', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const me = await apiCaller(t);
    const day = await (await me.call('/days/today')).json();
    expect(day.date).toBe('2026-04-06');
    expect(day.sessions).toHaveLength(4);
    const id = day.sessions[0].id;
    const patched = await me.call(`/sessions/${id}`, {
      method: 'PATCH',
      json: { goal: 'Write the API', version: 0 },
    });
    expect(patched.status).toBe(200);
    expect((await patched.json()).goal).toBe('Write the API');
    const started = await me.call(`/sessions/${id}/start`, { method: 'POST' });
    expect(started.status).toBe(200);
    expect(await started.json()).toMatchObject({ state: 'active', remainingSeconds: 2700 });
    t.clock.advance(600);
    const paused = await (await me.call(`/sessions/${id}/pause`, { method: 'POST' })).json();
    expect(paused).toMatchObject({ state: 'paused', remainingSeconds: 2100, elapsedSeconds: 600 });
    const again = await me.call(`/sessions/${id}/pause`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect((await again.json()).code).toBe('session.invalid_transition');
  });

  it('answers 401 without a token, 403 for a read-only token writing, 404 for another person', async () => {
    const reader = await apiCaller(t, { scopes: ['read'] });
    const other = await apiCaller(t);
    expect((await reader.call('/me', { auth: null })).status).toBe(401);
    expect((await reader.call('/me', { auth: 'ds_not-a-real-token' })).status).toBe(401);
    const day = await (await reader.call('/days/today')).json();
    expect((await reader.call(`/sessions/${day.sessions[0].id}/start`, { method: 'POST' })).status).toBe(403);
    expect((await other.call(`/sessions/${day.sessions[0].id}`)).status).toBe(404);
    expect((await other.call(`/sessions/${day.sessions[0].id}/start`, { method: 'POST' })).status).toBe(404);
  });

  it('applies a retried action with the same Idempotency-Key once', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const me = await apiCaller(t);
    const id = (await (await me.call('/days/today')).json()).sessions[1].id;
    const first = await me.call(`/sessions/${id}/start`, {
      method: 'POST',
      headers: { 'idempotency-key': 'k-123' },
    });
    const retry = await me.call(`/sessions/${id}/start`, {
      method: 'POST',
      headers: { 'idempotency-key': 'k-123' },
    });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(await first.json());
    const reused = await me.call(`/sessions/${id}/pause`, {
      method: 'POST',
      headers: { 'idempotency-key': 'k-123' },
    });
    expect(reused.status).toBe(422);
  });

  it('serves an OpenAPI 3.1 document describing the operations', async () => {
    const doc = await (await t.app.request('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/days/{date}',
        '/sessions/{id}',
        '/sessions/{id}/{action}',
        '/me',
        '/tokens',
        '/events',
      ]),
    );
  });

  it('sends rate-limit headers and records the call in the request log', async () => {
    const me = await apiCaller(t);
    const response = await me.call('/me');
    expect(Number(response.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
    expect(Number(response.headers.get('ratelimit-remaining'))).toBeLessThan(
      Number(response.headers.get('ratelimit-limit')),
    );
    await expect
      .poll(async () => (await (await me.call('/me/api-requests')).json()).items.at(-1))
      .toMatchObject({ method: 'GET', route: '/api/v1/me', status: 200 });
  });
});

describe('API reference page', () => {
  it('lists every operation of the OpenAPI document, served by the app itself', async () => {
    const doc = await (await t.app.request('/api/v1/openapi.json')).json();
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item))
        expect(html).toContain(`${method.toUpperCase()} /api/v1${path.replace(/[{}]/g, (m) => m)}`);
    }
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/https?:\/\/(?!deepsheet\.dev)[a-z]/i);
  });
});

describe('API with the session cookie', () => {
  it('lets the app’s own pages call the API, with the CSRF token required on writes', async () => {
    const { TestBrowser } = await import('../support/http-client.ts');
    const { uniqueEmail } = await import('../support/test-app.ts');
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail());
    expect((await browser.request('/api/v1/me')).status).toBe(200);
    const write = (headers: Record<string, string>) =>
      browser.request('/api/v1/me/preferences', {
        method: 'PATCH',
        body: JSON.stringify({ theme: 'dark' }),
        headers: {
          'content-type': 'application/json',
          origin: browser.origin,
          'sec-fetch-site': 'same-origin',
          ...headers,
        },
      });
    expect((await write({})).status).toBe(403);
    const ok = await write({ 'x-csrf-token': browser.csrfToken });
    expect(ok.status).toBe(200);
    expect((await ok.json()).theme).toBe('dark');
  });
});

describe('account through the API', () => {
  it('reads the month heat-map, lists and signs out devices, and changes the password', async () => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const me = await apiCaller(t);
    const day = await (await me.call('/days/2026-04-03')).json();
    await me.call(`/sessions/${day.sessions[0].id}/log`, { method: 'POST', json: { minutes: 50 } });
    const month = await (await me.call('/summaries/month?date=2026-04-20')).json();
    expect(month.month).toBe('2026-04');
    expect(month.days).toHaveLength(30);
    expect(month.days[2]).toMatchObject({ date: '2026-04-03', focusMinutes: 50, level: 2 });

    const { TestBrowser } = await import('../support/http-client.ts');
    const browser = new TestBrowser(t.app);
    await browser.logIn(me.email);
    const devices = (await (await me.call('/me/devices')).json()).items;
    expect(devices).toHaveLength(1);
    expect(devices[0].isCurrent).toBe(false);
    expect((await me.call(`/me/devices/${devices[0].id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await browser.get('/')).status).toBe(303);

    const wrong = await me.call('/me/password', {
      method: 'POST',
      json: { currentPassword: 'nope nope nope', newPassword: 'a new long passphrase' },
    });
    expect(wrong.status).toBe(422);
    const changed = await me.call('/me/password', {
      method: 'POST',
      json: { currentPassword: 'a calm and long passphrase', newPassword: 'a new long passphrase' },
    });
    expect(changed.status).toBe(204);
    expect((await new TestBrowser(t.app).logIn(me.email, 'a new long passphrase')).status).toBe(303);
  });
});
