import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { type ApiCaller, apiCaller } from '../../support/api.ts';
import { TestBrowser } from '../../support/http-client.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../../support/test-app.ts';

// ASVS V3.4 / V4: the API answers cross-origin browser calls only for the configured origins, by
// name, never with credentials; every other origin gets no CORS answer at all.

const ALLOWED = 'https://dashboard.example.com';
const HOSTILE = [
  'https://evil.example',
  'null',
  'https://dashboard.example.com.evil.example',
  'http://dashboard.example.com',
];

let closed: TestApp;
let open: TestApp;
let me: ApiCaller;
let meOnOpen: ApiCaller;
beforeAll(async () => {
  closed = await createTestApp();
  open = await createTestApp({ config: { corsOrigins: [ALLOWED] } });
  me = await apiCaller(closed);
  meOnOpen = await apiCaller(open);
});

const preflight = (t: TestApp, origin: string, method = 'PATCH') =>
  t.app.request('http://localhost/api/v1/me/preferences', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization, content-type',
    },
  });

describe('CORS', () => {
  it('is off by default: no origin is named, preflights are refused', async () => {
    expect(loadConfig({ SECRET: 'x'.repeat(32), DATA_DIR: '/tmp/unused' }).corsOrigins).toEqual([]);
    for (const origin of [ALLOWED, ...HOSTILE]) {
      const answer = await me.call('/me', { headers: { origin } });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(answer.headers.get('access-control-allow-credentials'), origin).toBeNull();
      const pre = await preflight(closed, origin);
      expect(pre.status, origin).toBe(403);
      expect(pre.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('names an allowed origin exactly, without credentials, and answers its preflight', async () => {
    const pre = await preflight(open, ALLOWED);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(pre.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    expect(pre.headers.get('vary')).toMatch(/origin/i);

    const answer = await meOnOpen.call('/me/preferences', {
      method: 'PATCH',
      json: { theme: 'dark' },
      headers: { origin: ALLOWED },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect(answer.headers.get('access-control-expose-headers')).toMatch(/RateLimit-Remaining/);
    expect(answer.headers.get('vary')).toMatch(/origin/i);
    // Errors are readable too, so a program on that page can show the problem.
    const refused = await meOnOpen.call('/me', { auth: null, headers: { origin: ALLOWED } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('never reflects another origin, even next to an allowed one', async () => {
    for (const origin of HOSTILE) {
      const answer = await meOnOpen.call('/me', { headers: { origin } });
      expect(answer.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(answer.headers.get('access-control-allow-credentials'), origin).toBeNull();
      const pre = await preflight(open, origin);
      expect(pre.status, origin).toBe(403);
      expect(pre.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('changes nothing when a refused preflight is followed by nothing', async () => {
    const before = await (await meOnOpen.call('/me/preferences')).json();
    await preflight(open, 'https://evil.example', 'DELETE');
    expect(await (await meOnOpen.call('/me/preferences')).json()).toEqual(before);
  });

  it('does not let an allowed origin use the signed-in cookie: its writes are refused as cross-site', async () => {
    const browser = new TestBrowser(open.app);
    await browser.signUp(uniqueEmail('cors'));
    const answer = await browser.request('/api/v1/me/preferences', {
      method: 'PATCH',
      headers: { origin: ALLOWED, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: JSON.stringify({ theme: 'dark' }),
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('leaves pages out of CORS entirely', async () => {
    const answer = await open.app.request('http://localhost/login', { headers: { origin: ALLOWED } });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a configured value that is not an origin, naming it', () => {
    for (const value of ['*', 'null', 'https://a.example/path', 'a.example', 'https://*.example.com']) {
      expect(
        () => loadConfig({ SECRET: 'x'.repeat(32), DATA_DIR: '/tmp/unused', CORS_ORIGINS: value }),
        value,
      ).toThrow(/CORS_ORIGINS/);
    }
    const config = loadConfig({
      SECRET: 'x'.repeat(32),
      DATA_DIR: '/tmp/unused',
      CORS_ORIGINS: ' https://A.example.com , http://localhost:5173',
    });
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:5173']);
  });
});
