import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  hasBrowser,
  LAPTOP,
  launchBrowser,
  openContext,
  PHONE,
  startTestServer,
  type TestServer,
} from '../support/browser.ts';
import { setServerTime, signUpInPage } from '../support/e2e-flows.ts';

describe.skipIf(!hasBrowser)('installable, offline, accessible', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite' });
    browser = await launchBrowser();
    await setServerTime(server.url, { now: '2026-04-06T07:00:00Z' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('has a web manifest with 192, 512 and maskable icons', async () => {
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    expect(manifest.display).toBe('standalone');
    const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
    expect(icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of icons) {
      const response = await fetch(`${server.url}${icon.src}`);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
  });

  it('caches only static files, and shows the offline page when the network is gone', async () => {
    // Cutting the network makes the page's own requests (the live stream, the reload) fail.
    const { context } = await openContext(browser, server.url, PHONE, {
      expectedProblems: [/^console\.error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/],
    });
    const page = await context.newPage();
    await signUpInPage(page, `pwa-${Date.now()}@example.test`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect
      .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 10_000 })
      .toBe(true);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys())
          urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain('/offline.html');
    expect(
      cached.every((path) =>
        /^\/(assets|icons)\/|^\/(offline\.(html|css)|manifest\.webmanifest)$/.test(path),
      ),
    ).toBe(true);

    await context.setOffline(true);
    await page.goto('/').catch(() => {});
    await page.getByRole('heading', { name: 'You are offline' }).waitFor({ timeout: 5000 });
    await context.setOffline(false);
    await context.close();
  });

  it.each(['light', 'dark'] as const)(
    'has no axe violations on its pages, with 44px targets (%s)',
    async (colorScheme) => {
      const { context } = await openContext(browser, server.url, { ...PHONE, colorScheme });
      const page = await context.newPage();
      const check = async (path: string) => {
        if (path) await page.goto(path);
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        expect(
          results.violations.map(
            (v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          ),
        ).toEqual([]);
      };
      await check('/login');
      await check('/signup');
      await signUpInPage(page, `a11y-${colorScheme}-${Date.now()}@example.test`);
      await page.getByLabel('Goal for Personal 1').fill('Read the paper');
      await page.getByRole('button', { name: 'Start Personal 1' }).click();
      await page.locator('#now').waitFor();
      await check('');
      const small = await page.evaluate(() =>
        [
          ...document.querySelectorAll<HTMLElement>(
            'main a, main button, main input:not([type=hidden]), main select, main summary, nav a',
          ),
        ]
          .filter((el) => el.offsetParent !== null && !el.closest('[hidden], dialog:not([open])'))
          .map((el) => ({ what: el.outerHTML.slice(0, 80), height: el.getBoundingClientRect().height }))
          .filter((t) => t.height < 44),
      );
      expect(small).toEqual([]);
      await check('/settings');
      await check('/week/2026-04-06');
      await check('/month/2026-04-06');
      await check('/tasks');
      await check('/search?q=paper');
      await check('/reports');
      await check('/reports?period=month&date=2026-04-01');
      await check('/api/docs');
      await check('/teams');
      await page.getByLabel('Name').fill('Platform');
      await page.getByRole('button', { name: 'Create team' }).click();
      await page.waitForURL(/\/teams\/[0-9a-f-]{36}/);
      await check('');
      // The focus board, with the running session shared.
      await page.getByRole('button', { name: 'Share my focus with this team' }).click();
      await page.getByRole('link', { name: 'See who is in focus' }).click();
      await page.locator('#focus-board li').filter({ hasText: 'in focus until' }).waitFor();
      await check('');
      await context.close();
    },
  );

  it('works from the keyboard: s starts the current slot, ? lists the shortcuts, arrows change the day', async () => {
    const { context, problems } = await openContext(browser, server.url, LAPTOP);
    const page = await context.newPage();
    await signUpInPage(page, `keys-${Date.now()}@example.test`);
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await page.locator('#now').waitFor({ timeout: 5000 });
    expect(await page.locator('#now').getAttribute('data-slot')).toBe('1');
    await page.keyboard.press('?');
    expect(await page.locator('dialog#shortcuts').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await page.waitForURL('**/day/2026-04-07');
    await page.keyboard.press('t');
    await page.waitForURL((url) => url.pathname === '/');
    // Typing in a field never triggers a shortcut.
    await page.getByLabel('Goal for Personal 2').fill('');
    await page.getByLabel('Goal for Personal 2').pressSequentially('shortcuts stay quiet');
    expect(await page.locator('#now').getAttribute('data-slot')).toBe('1');
    expect(problems).toEqual([]);
    await context.close();
  });
});
