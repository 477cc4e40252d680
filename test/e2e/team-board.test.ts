import { describe, expect, it } from 'vitest';
import {
  BROWSER_DATABASES,
  hasBrowser,
  LAPTOP,
  openContext,
  type Page,
  PHONE,
  useServerAndBrowser,
} from '../support/browser.ts';
import {
  countNavigations,
  RECORD_STREAM,
  setServerTime,
  signUpInPage,
  streamIsOpen,
} from '../support/e2e-flows.ts';

/** Waits for the focus board to show `text` for the member; within a second, as a person would notice. */
async function boardSays(page: Page, text: string, timeout = 1000): Promise<void> {
  await page.locator('#focus-board li').filter({ hasText: text }).waitFor({ timeout });
}

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)('the team focus board (%s)', (database) => {
  const env = useServerAndBrowser(database);

  it('follows a teammate’s session live, moves past its planned end by itself, and closes when the viewer is removed', async () => {
    const { server, browser } = env;
    await setServerTime(server.url, { now: '2026-04-06T07:00:00Z' }); // Monday 09:00 in Berlin
    const stamp = `${database}-${Date.now()}`;
    const sam = await openContext(browser, server.url, LAPTOP);
    // The board Kim opens again once removed answers 404, which the browser logs.
    const kim = await openContext(browser, server.url, PHONE, {
      expectedProblems: [/status of 404 \(Not Found\)/],
    });
    await kim.context.addInitScript(RECORD_STREAM);
    // Kim's clock runs as usual, and can be moved ahead to see the board follow time by itself.
    await kim.context.clock.install();
    const sheet = await sam.context.newPage();
    const board = await kim.context.newPage();
    await signUpInPage(sheet, `sam-board-${stamp}@example.test`);
    await signUpInPage(board, `kim-board-${stamp}@example.test`);

    // Sam starts a team, shares their focus with it and invites Kim as a viewer, by link.
    await sheet.goto('/teams');
    await sheet.getByLabel('Name').fill('Platform');
    await sheet.getByRole('button', { name: 'Create team' }).click();
    await sheet.getByRole('button', { name: 'Share my focus with this team' }).click();
    await sheet.getByText('You share your focus with this team.').waitFor();
    const teamPath = new URL(sheet.url()).pathname;
    await sheet.getByLabel('Role', { exact: true }).selectOption('viewer');
    await sheet.getByRole('button', { name: 'Invite' }).click();
    const link = await sheet.locator('#new-invitation-url').inputValue();
    await board.goto(new URL(link).pathname);
    await board.getByRole('button', { name: 'Join the team' }).click();
    await board.waitForURL((url) => url.pathname === teamPath);

    // Kim opens the board from the team page.
    await board.getByRole('link', { name: 'See who is in focus' }).click();
    await board.waitForURL((url) => url.pathname === `${teamPath}/focus`);
    await streamIsOpen(board);
    await boardSays(board, 'not working');
    const loads = countNavigations(board);
    const fetches: string[] = [];
    board.on('request', (request) => {
      if (new URL(request.url()).pathname === `${teamPath}/focus/board`) fetches.push(request.url());
    });

    // Sam starts a session: Kim's board says so without a reload.
    await sheet.goto('/');
    await sheet.getByRole('button', { name: 'Start Personal 1' }).click();
    await boardSays(board, 'in focus until 09:45 on a private session');
    await boardSays(board, 'next reachable at 09:45');

    // Time passes on Kim's phone past the planned end: the board says so by itself, asking nothing.
    const fetchesBefore = fetches.length;
    await board.clock.fastForward('46:00');
    await boardSays(board, 'in focus on a private session, past the planned end', 3000);
    expect(await board.getByText('next reachable at 09:45').isVisible()).toBe(false);
    expect(fetches.length).toBe(fetchesBefore);

    // Sam pauses: a break.
    await sheet.locator('#now').getByRole('button', { name: 'Pause' }).click();
    await boardSays(board, 'on a break');
    expect(loads()).toBe(0);

    // Sam removes Kim: Kim's board stops showing the team at once.
    await sheet.goto(teamPath);
    await sheet.getByRole('button', { name: 'Remove from team' }).click();
    await sheet.getByText('They are no longer in the team.').waitFor();
    await board.getByText('You are no longer in that team.').waitFor({ timeout: 2000 });
    expect(new URL(board.url()).pathname).toBe('/teams');
    expect(await board.locator('main').textContent()).not.toContain('Platform');
    await board.goto(`${teamPath}/focus`);
    expect(await board.locator('h1').textContent()).toBe('Not found');

    expect(sam.problems).toEqual([]);
    expect(kim.problems).toEqual([]);
    await sam.context.close();
    await kim.context.close();
  });
});
