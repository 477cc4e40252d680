import AxeBuilder from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.ts';
import {
  type BrowserContext,
  hasBrowser,
  openContext,
  type Page,
  PHONE,
  useServerAndBrowser,
} from '../support/browser.ts';
import { setServerTime, signUpInPage } from '../support/e2e-flows.ts';
import { insertDays, insertTask, weekdayPattern } from '../support/report-history.ts';

type Box = { x: number; y: number; width: number; height: number };

const LAYOUTS = [
  { name: 'phone, 390 x 844', options: PHONE, place: 'bottom bar' },
  // The laptop of issue 12, where the phone's tab bar used to float over the sheet; in the dark
  // theme, so that each theme is checked once.
  {
    name: 'laptop, 1366 x 900',
    options: { viewport: { width: 1366, height: 900 }, colorScheme: 'dark' },
    place: 'side rail',
  },
] as const;

const PAGES = [
  { path: '/', current: 'Today' },
  { path: '/tasks', current: 'Tasks' },
  { path: '/reports', current: 'Reports' },
  { path: '/settings', current: 'Settings' },
] as const;

/** Where the main navigation sits in the viewport. */
function placeOf(nav: Box, viewport: { width: number; height: number }): string {
  const near = (a: number, b: number) => Math.abs(a - b) <= 1;
  if (near(nav.y + nav.height, viewport.height) && near(nav.width, viewport.width) && nav.height <= 80)
    return 'bottom bar';
  if (near(nav.x, 0) && near(nav.y, 0) && near(nav.height, viewport.height) && nav.width <= 240)
    return 'side rail';
  if (near(nav.y, 0) && near(nav.width, viewport.width) && nav.height <= 80) return 'top bar';
  return `somewhere else: ${JSON.stringify(nav)}`;
}

/** The visible controls of the page's content that the main navigation's box covers, where it is now. */
function controlsUnderNav(page: Page) {
  return page.evaluate(() => {
    const nav = document.querySelector('nav[aria-label="Main"]')!.getBoundingClientRect();
    const controls = document.querySelectorAll<HTMLElement>(
      'main a, main button, main input:not([type=hidden]), main select, main textarea, main summary',
    );
    return [...controls]
      .filter((el) => el.checkVisibility({ visibilityProperty: true }))
      .map((el) => ({ what: el.outerHTML.slice(0, 80), box: el.getBoundingClientRect() }))
      .filter(
        ({ box }) =>
          box.width > 0 &&
          box.height > 0 &&
          box.left < nav.right &&
          box.right > nav.left &&
          box.top < nav.bottom &&
          box.bottom > nav.top,
      )
      .map(({ what }) => what);
  });
}

/** Scrolls to the end of the page; answers where its content ends and the room kept below it. */
function scrollToEnd(page: Page) {
  return page.evaluate(() => {
    window.scrollTo(0, document.scrollingElement!.scrollHeight);
    const main = document.querySelector('main')!;
    return {
      contentEnd: Math.max(...[...main.children].map((el) => el.getBoundingClientRect().bottom)),
      roomBelow: Number.parseFloat(getComputedStyle(main).paddingBottom),
    };
  });
}

describe.skipIf(!hasBrowser)('the main navigation', () => {
  // The layout does not depend on the database, so the embedded one is enough here.
  const env = useServerAndBrowser('pglite');

  describe.each(LAYOUTS)('on a $name', (layout) => {
    let context: BrowserContext;
    let problems: string[];
    let page: Page;
    beforeAll(async () => {
      const { server, browser } = env;
      await setServerTime(server.url, { now: '2026-04-08T08:00:00Z' });
      ({ context, problems } = await openContext(browser, server.url, layout.options));
      page = await context.newPage();
      const email = `nav-${layout.place.replace(' ', '-')}-${Date.now()}@example.test`;
      await signUpInPage(page, email);
      // Weeks of history and a running session make every page long enough to scroll.
      const { deps } = server.server.runtime;
      const user = (await deps.db.select().from(users).where(eq(users.email, email)))[0]!;
      const taskId = await insertTask(deps.db, user.id, {
        project: 'Atlas',
        task: 'Sync engine',
        type: 'feature',
      });
      await insertDays(deps.db, user, weekdayPattern('2026-03-02', '2026-04-07', taskId));
      await page.reload();
      await page.getByLabel('Goal for Personal 1').fill('Read the paper');
      await page.getByRole('button', { name: 'Start Personal 1' }).click();
      await page.locator('#now').waitFor();
    });
    afterEach(() => {
      expect(problems, 'console errors, CSP violations or outbound requests').toEqual([]);
    });
    afterAll(async () => {
      await context?.close();
    });

    it.each(PAGES)(
      `is a ${layout.place} on $path, covering no control, without sideways scrolling and with no axe violations`,
      async ({ path, current }) => {
        const viewport = page.viewportSize()!;
        await page.goto(path);
        const nav = page.getByRole('navigation', { name: 'Main' });
        expect(await nav.isVisible()).toBe(true);
        expect(await nav.locator('[aria-current=page]').textContent()).toBe(current);
        const heights = await nav
          .getByRole('link')
          .evaluateAll((links) => links.map((link) => link.getBoundingClientRect().height));
        expect(
          heights.every((height) => height >= 44),
          `${heights}`,
        ).toBe(true);

        expect(placeOf((await nav.boundingBox())!, viewport)).toBe(layout.place);
        if (layout.place === 'side rail') {
          // The rail has a column of its own: nothing is under it, wherever the page is scrolled.
          expect(await controlsUnderNav(page), 'at the top').toEqual([]);
        }
        const end = await scrollToEnd(page);
        expect(await controlsUnderNav(page), 'at the end').toEqual([]);
        const navAtEnd = (await nav.boundingBox())!;
        expect(placeOf(navAtEnd, viewport), 'at the end').toBe(layout.place);
        // Room under the content is kept for a bottom bar only where there is one.
        if (layout.place === 'bottom bar') expect(end.contentEnd).toBeLessThanOrEqual(navAtEnd.y);
        else expect(end.roomBelow).toBeLessThanOrEqual(48);

        // A phone widens its layout viewport to fit content that is too wide, so compare with the device's width.
        const widths = await page.evaluate(() => ({
          page: document.scrollingElement!.scrollWidth,
          window: window.innerWidth,
        }));
        expect(widths.window, 'the window was widened').toBe(viewport.width);
        expect(widths.page, 'the page scrolls sideways').toBeLessThanOrEqual(widths.window);

        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        expect(
          results.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        ).toEqual([]);
        expect(problems).toEqual([]);
      },
    );

    it('puts the skip link first, shown above the navigation, and the navigation before the content', async () => {
      await page.goto('/');
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      const isOnTop = await skip.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === el;
      });
      expect(isOnTop).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Today');
      expect(problems).toEqual([]);
    });
  });
});
