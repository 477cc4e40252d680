import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api.ts';
import { TestBrowser } from '../support/http-client.ts';
import { fetchOpenApiDocument, operationsOf } from '../support/openapi.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

// ASVS 14.3: answers that carry a person's data are never stored by browsers or proxies.

/** `no-store`, possibly with more (a streamed export adds `no-transform`). */
const NO_STORE = /(^|,)\s*no-store\s*(,|$)/;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

/** Same-site links of a page that lead to other pages (not files, not the API, not feeds). */
function pageLinks(html: string): string[] {
  const links = [...html.matchAll(/href="(\/[^"#]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  return links.filter(
    (href) =>
      !href.startsWith('//') &&
      !/^\/(assets|icons|api|calendar|__test)\b/.test(href) &&
      !/\.[a-z0-9]+(\?|$)/i.test(href.split('?')[0]!),
  );
}

describe('Cache-Control: no-store', () => {
  it('is on every page a signed-in person can reach from the sheet', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail('no-store'));
    const seen = new Set<string>();
    const queue = ['/', '/settings', '/tasks', '/week', '/search?q=report', '/api/docs'];
    while (queue.length > 0 && seen.size < 60) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await browser.get(path);
      expect(response.headers.get('cache-control'), `GET ${path} (${response.status})`).toMatch(NO_STORE);
      if ((response.headers.get('content-type') ?? '').includes('text/html'))
        queue.push(...pageLinks(await response.text()));
      else await response.body?.cancel();
    }
    expect(seen.size).toBeGreaterThan(8);
  });

  it('is on htmx fragments and error pages for a signed-in person', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail('no-store'));
    const fragment = await browser.request('/', { headers: { 'hx-request': 'true' } });
    expect(fragment.headers.get('cache-control')).toMatch(NO_STORE);
    const missing = await browser.get('/tasks/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toMatch(NO_STORE);
  });

  it('is on every API read, with a token or with the page cookie, and on refusals', async () => {
    const me = await apiCaller(t);
    const doc = await fetchOpenApiDocument(t.app);
    const reads = operationsOf(doc).filter((op) => op.method === 'get' && !op.path.includes('{'));
    expect(reads.length).toBeGreaterThan(10);
    for (const { path } of reads) {
      const response = await me.call(path);
      expect(response.headers.get('cache-control'), `GET ${path} (${response.status})`).toMatch(NO_STORE);
      await response.body?.cancel();
    }
    const byId = await me.call('/tasks/00000000-0000-4000-8000-000000000000');
    expect(byId.status).toBe(404);
    expect(byId.headers.get('cache-control')).toMatch(NO_STORE);
    const badToken = await me.call('/me', { auth: 'ds_not-a-real-token-at-all-0123456789' });
    expect(badToken.status).toBe(401);
    expect(badToken.headers.get('cache-control')).toMatch(NO_STORE);

    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail('no-store'));
    const withCookie = await browser.request('/api/v1/days/today');
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get('cache-control')).toMatch(NO_STORE);
  });
});
