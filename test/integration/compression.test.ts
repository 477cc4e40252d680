import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

async function sheetWith(browser: TestBrowser, acceptEncoding: string | undefined) {
  const response = await browser.request('/', {
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('compressed answers', () => {
  it('sends the sheet brotli- or gzip-compressed as the browser accepts, and plain otherwise', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail('compress'));
    const plain = await sheetWith(browser, undefined);
    expect(plain.response.headers.get('content-encoding')).toBeNull();
    expect(plain.response.headers.get('vary')).toContain('Accept-Encoding');
    const page = plain.bytes.toString('utf8');
    expect(page).toContain('<!DOCTYPE html>');

    const br = await sheetWith(browser, 'gzip, deflate, br, zstd');
    expect(br.response.status).toBe(200);
    expect(br.response.headers.get('content-encoding')).toBe('br');
    expect(br.response.headers.get('vary')).toContain('Accept-Encoding');
    expect(br.response.headers.get('cache-control')).toContain('no-store');
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(brotliDecompressSync(br.bytes).toString('utf8')).toBe(page);

    const gzip = await sheetWith(browser, 'gzip');
    expect(gzip.response.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gzip.bytes).toString('utf8')).toBe(page);

    const refused = await sheetWith(browser, 'br;q=0, gzip;q=0');
    expect(refused.response.headers.get('content-encoding')).toBeNull();
  });

  it('leaves small answers uncompressed and keeps their cookies', async () => {
    const response = await t.app.request('/health/live', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.json()).toEqual({ status: 'ok' });

    const login = await t.app.request('/login', { headers: { 'accept-encoding': 'br' } });
    expect(login.headers.get('content-encoding')).toBe('br');
    expect(login.headers.getSetCookie().some((c) => c.startsWith('ds_csrf='))).toBe(true);
    expect(brotliDecompressSync(Buffer.from(await login.arrayBuffer())).toString('utf8')).toContain('<form');
  });
});
