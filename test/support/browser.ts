import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { createPostgresDatabase } from './database.ts';

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

export type ContextGuard = {
  /**
   * Problems this test provokes on purpose (cutting the network, a refused second start), each
   * matched against the recorded line. Keep every pattern as narrow as the provocation.
   */
  expectedProblems?: RegExp[];
};

/**
 * A browser context that fails the test it is opened in when, by the end of that test, a page has
 * logged a console error, thrown, violated the Content Security Policy or asked for a host other
 * than the local server, unless `guard.expectedProblems` names it. `problems` lists the
 * unexpected ones as they arrive, for a test that wants to check earlier.
 */
export async function openContext(
  browser: Browser,
  baseURL: string,
  options: Parameters<Browser['newContext']>[0] = {},
  guard: ContextGuard = {},
) {
  const context = await browser.newContext({ baseURL, timezoneId: 'Europe/Berlin', ...options });
  const problems: string[] = [];
  const record = (problem: string) => {
    if (!guard.expectedProblems?.some((pattern) => pattern.test(problem))) problems.push(problem);
  };
  const origin = new URL(baseURL).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    record(`outbound request to ${url}`);
    return route.abort();
  });
  await watchCspViolations(context, record);
  context.on('page', (page) => watchPage(page, record));
  try {
    onTestFinished(() => {
      if (problems.length > 0) throw new Error(describeProblems(problems));
    });
  } catch {
    // Opened in a hook (a context shared by several tests), where vitest allows no test callback:
    // the caller checks `problems` after each test (see navigation.test.ts).
  }
  return { context, problems };
}

/** One line per distinct problem with its count: a broken swap repeats the same one per element. */
function describeProblems(problems: string[]): string {
  const counts = new Map<string, number>();
  for (const problem of problems) counts.set(problem, (counts.get(problem) ?? 0) + 1);
  const lines = [...counts].map(([problem, count]) => `  - ${count > 1 ? `${count} × ` : ''}${problem}`);
  return `The browser reported ${problems.length} unexpected problem(s); name deliberate ones in openContext's expectedProblems:\n${lines.join('\n')}`;
}

function watchPage(page: Page, record: (problem: string) => void) {
  page.on('console', (message) => {
    if (message.type() === 'error') record(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => record(`page error: ${error.message}`));
}

// Chromium also logs a violation to the console, but the event says which directive, where and
// what (the first characters of the blocked style or script), and it fires for report-only
// policies too.
const CSP_BINDING = '__deepsheetCspViolation';
async function watchCspViolations(context: BrowserContext, record: (problem: string) => void) {
  await context.exposeBinding(CSP_BINDING, (_source, violation: string) =>
    record(`CSP violation: ${violation}`),
  );
  await context.addInitScript((binding) => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const what = event.sample ? JSON.stringify(event.sample) : event.blockedURI || 'inline';
        const where = event.sourceFile
          ? ` at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`
          : '';
        const report = (window as unknown as Record<string, (line: string) => void>)[binding];
        report?.(`${event.effectiveDirective} (${what})${where} on ${location.pathname}`);
      },
      true,
    );
  }, CSP_BINDING);
}

export type TestServer = { url: string; server: RunningServer; stop(): Promise<void> };

/** A real Deepsheet server on a random port: embedded PGlite in a temp dir, or a new database beside TEST_DATABASE_URL. */
export async function startTestServer(options: {
  database: 'pglite' | 'postgres';
  env?: Record<string, string>;
}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deepsheet-e2e-'));
  // Each server on PostgreSQL gets a database (and so a job queue) of its own.
  const postgres = options.database === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CLOCK: 'manual',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...options.env,
  });
  const server = await startServer(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  const url = server.url.replace('localhost', '127.0.0.1');
  return {
    url,
    server,
    async stop() {
      await server.close();
      await postgres?.drop();
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
