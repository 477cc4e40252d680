import { beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('health', () => {
  it('answers liveness and readiness as JSON without versions', async () => {
    const live = await t.app.request('/health/live');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await t.app.request('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});

describe('request ids', () => {
  it('echoes a sane incoming id and replaces anything else', async () => {
    const sane = await t.app.request('/health/live', { headers: { 'x-request-id': 'abc-123_DEF.456' } });
    expect(sane.headers.get('x-request-id')).toBe('abc-123_DEF.456');
    const hostile = await t.app.request('/health/live', {
      headers: { 'x-request-id': 'x;Set-Cookie: a=b<script>' },
    });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const none = await t.app.request('/health/live');
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('security headers', () => {
  it('sends a strict content security policy and related headers on pages', async () => {
    const response = await new TestBrowser(t.app).get('/login');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const html = await response.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('sets HttpOnly SameSite cookies, and Secure __Host- cookies in production', async () => {
    const dev = await new TestBrowser(t.app).request('/login');
    const devCookie = dev.headers.getSetCookie().join('\n');
    expect(devCookie).toMatch(/ds_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const prod = await createTestApp({ config: { isProduction: true, appUrl: 'https://deepsheet.example' } });
    const response = await prod.app.request('https://deepsheet.example/login');
    const cookie = response.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/__Host-ds_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('marks signed-in pages as not to be cached', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(`cache-${Date.now()}@example.test`);
    expect((await browser.get('/settings')).headers.get('cache-control')).toBe('no-store');
  });
});

describe('errors', () => {
  it('answers unknown API paths with a problem document and pages with a calm page', async () => {
    const api = await t.app.request('/api/v1/nothing');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
    expect((await api.json()).status).toBe(404);
    const page = await t.app.request('/no/such/page');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('There is nothing at this address.');
  });
});

describe('the test clock', () => {
  it('moves server time only when the manual clock is configured', async () => {
    const moved = await t.app.request('/__test/clock', {
      method: 'POST',
      body: JSON.stringify({ now: '2026-12-31T23:59:00+01:00' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(await moved.json()).toEqual({ now: '2026-12-31T22:59:00.000Z' });
    const bad = await t.app.request('/__test/clock', {
      method: 'POST',
      body: '{"now":"tomorrow"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(422);
  });
});

describe('static assets', () => {
  it('serves hashed assets compressed and cacheable for a year', async () => {
    const html = await (await new TestBrowser(t.app).get('/login')).text();
    const css = html.match(/href="(\/assets\/app-[^"]+\.css)"/)![1]!;
    const response = await t.app.request(css, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toContain('immutable');
  });
});
