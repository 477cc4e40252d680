import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  killAllProcesses,
  makeTempDir,
  type RunningServer,
  removeTempDirs,
  spawnServer,
} from '../process/support.ts';
import { type Browser, hasBrowser, LAPTOP, launchBrowser, openContext, PHONE } from '../support/browser.ts';
import { createPostgresDatabase } from '../support/database.ts';
import { countNavigations, logInInPage, signUpInPage } from '../support/e2e-flows.ts';

// Two real `deepsheet serve` processes on one PostgreSQL, as behind a load balancer: a change made
// through one reaches a page connected to the other through LISTEN/NOTIFY.
describe.skipIf(!hasBrowser || !process.env.TEST_DATABASE_URL)('two server processes on PostgreSQL', () => {
  let a: RunningServer;
  let b: RunningServer;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeAll(async () => {
    // One database of their own, shared by the two: other files' servers stay out of their queue.
    database = await createPostgresDatabase();
    const env = {
      DATABASE_URL: database.url,
      SECRET: 'shared-secret-for-both-instances-0123456789',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    [a, b] = await Promise.all([
      spawnServer({ env: { ...env, DATA_DIR: makeTempDir() } }),
      spawnServer({ env: { ...env, DATA_DIR: makeTempDir() } }),
    ]);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await killAllProcesses();
    await database?.drop();
    removeTempDirs();
  }, 60_000);

  it('a start and a pause on instance A appear live on a page served by instance B', async () => {
    const urlA = a.url.replace('localhost', '127.0.0.1');
    const urlB = b.url.replace('localhost', '127.0.0.1');
    const email = `instances-${Date.now()}@example.test`;
    const laptop = await openContext(browser, urlA, LAPTOP);
    const phone = await openContext(browser, urlB, PHONE);
    const laptopPage = await laptop.context.newPage();
    const phonePage = await phone.context.newPage();
    await signUpInPage(laptopPage, email);
    await logInInPage(phonePage, email);
    const phoneLoads = countNavigations(phonePage);

    await laptopPage.getByLabel('Goal for Personal 2').fill('Across instances');
    await laptopPage.getByRole('button', { name: 'Start Personal 2' }).click();
    await phonePage.locator('#now', { hasText: 'Across instances' }).waitFor({ timeout: 5000 });

    await laptopPage.locator('#now').getByRole('button', { name: 'Pause' }).click();
    await phonePage.locator('#now .slot-tag', { hasText: 'paused' }).waitFor({ timeout: 5000 });
    expect(phoneLoads()).toBe(0);
    expect(laptop.problems).toEqual([]);
    expect(phone.problems).toEqual([]);
    await laptop.context.close();
    await phone.context.close();
  });
});
