import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';

export const chromiumPath = inject('chromiumPath');
export const hasBrowser = chromiumPath !== '';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
export const LAPTOP = { viewport: { width: 1280, height: 800 } };

/**
 * A browser context that fails the test on a console error, a page error or any request to a
 * host other than the local server.
 */
export async function openContext(
  browser: Browser,
  baseURL: string,
  options: Parameters<Browser['newContext']>[0] = {},
) {
  const context = await browser.newContext({ baseURL, timezoneId: 'Europe/Berlin', ...options });
  const problems: string[] = [];
  const origin = new URL(baseURL).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    problems.push(`outbound request to ${url}`);
    return route.abort();
  });
  context.on('page', (page) => watchPage(page, problems));
  return { context, problems };
}

function watchPage(page: Page, problems: string[]) {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}

export type TestServer = { url: string; server: RunningServer; stop(): Promise<void> };

/** A real Deepsheet server on a random port: embedded PGlite in a temp dir, or TEST_DATABASE_URL. */
export async function startTestServer(options: {
  database: 'pglite' | 'postgres';
  env?: Record<string, string>;
}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deepsheet-e2e-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CLOCK: 'manual',
    ...(options.database === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
    ...options.env,
  });
  const server = await startServer(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  const url = server.url.replace('localhost', '127.0.0.1');
  return {
    url,
    server,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type { Browser, BrowserContext, Page };

/** Browser journeys run on the embedded database, and on PostgreSQL too when TEST_DATABASE_URL is set. */
export const BROWSER_DATABASES = [
  'pglite',
  ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : []),
] as const;

export type ServerAndBrowser = { server: TestServer; browser: Browser };

/**
 * A real server on `database` and a Chromium for the tests of the calling describe block: started
 * before them, closed after. Read both inside a test (`const { server, browser } = env`), once
 * they exist.
 */
export function useServerAndBrowser(database: 'pglite' | 'postgres'): ServerAndBrowser {
  const env = {} as ServerAndBrowser;
  beforeAll(async () => {
    env.server = await startTestServer({ database });
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
