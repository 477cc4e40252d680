import { describe, expect, it } from 'vitest';
import {
  BROWSER_DATABASES,
  hasBrowser,
  openContext,
  type Page,
  PHONE,
  useServerAndBrowser,
} from '../support/browser.ts';
import { setServerTime, signUpInPage } from '../support/e2e-flows.ts';

/**
 * What a password manager, autofill or an extension does to the fields it decorates: an inline
 * style set and taken away again, which leaves `style=""` behind on the element.
 */
function decorateSheetFields(page: Page): Promise<number> {
  return page.evaluate(() => {
    const elements = [...document.querySelectorAll<HTMLElement>('#sheet, #sheet [id]')];
    for (const element of elements) {
      element.style.setProperty('outline', '2px solid orange');
      element.style.removeProperty('outline');
    }
    return document.querySelectorAll('#sheet [style], #sheet[style]').length;
  });
}

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)(
  'the strict content security policy (%s)',
  (database) => {
    const env = useServerAndBrowser(database);

    // openContext fails the test on any CSP violation, so the journey itself is the assertion.
    it('a phone whose fields the browser decorated starts, pauses and completes a session without a CSP violation', async () => {
      const { server, browser } = env;
      await setServerTime(server.url, { now: '2026-04-06T07:00:00Z' });
      const { context, problems } = await openContext(browser, server.url, PHONE);
      const page = await context.newPage();
      await signUpInPage(page, `csp-${database}-${Date.now()}@example.test`);
      expect(await decorateSheetFields(page)).toBeGreaterThan(10);

      await page.getByLabel('Goal for Personal 1').fill('Keep the console quiet');
      await page.getByRole('button', { name: 'Start Personal 1' }).click();
      await page.locator('#now').waitFor();
      await decorateSheetFields(page);
      await page.locator('#now').getByRole('button', { name: 'Pause' }).click();
      await page.locator('#now .slot-tag', { hasText: 'paused' }).waitFor();
      await decorateSheetFields(page);
      await page.locator('#now').getByRole('button', { name: 'Complete' }).click();
      await page.locator('#slot-1', { hasText: '✓ completed' }).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('the browser guard records a CSP violation with its directive and page, and lets through only what a test names', async () => {
      const { server, browser } = env;
      const provokeInlineStyle = (page: Page) =>
        page.evaluate(() => document.getElementById('main')?.setAttribute('style', 'color: red'));

      const watched = await openContext(browser, server.url, PHONE);
      const page = await watched.context.newPage();
      await page.goto('/login');
      await provokeInlineStyle(page);
      await expect
        .poll(() => [...watched.problems])
        .toEqual([
          expect.stringMatching(/^console\.error: Applying inline style violates .*'style-src 'self''/),
          'CSP violation: style-src-attr (inline) on /login',
        ]);
      // Provoked on purpose: acknowledged here, so the guard does not fail this test for it.
      watched.problems.length = 0;

      const expecting = await openContext(browser, server.url, PHONE, {
        expectedProblems: [/Applying inline style violates/, /^CSP violation: style-src-attr /],
      });
      const expectingPage = await expecting.context.newPage();
      await expectingPage.goto('/login');
      await provokeInlineStyle(expectingPage);
      await expectingPage.evaluate(() =>
        setTimeout(() => {
          throw new Error('not on the list');
        }),
      );
      await expect.poll(() => [...expecting.problems]).toEqual(['page error: not on the list']);
      expecting.problems.length = 0;
      await watched.context.close();
      await expecting.context.close();
    });
  },
);
