import { describe, it } from 'vitest';
import {
  BROWSER_DATABASES,
  hasBrowser,
  LAPTOP,
  openContext,
  type Page,
  PHONE,
  useServerAndBrowser,
} from '../support/browser.ts';
import { RECORD_STREAM, setServerTime, signUpInPage, streamIsOpen } from '../support/e2e-flows.ts';

// A team of three from the pages alone: an owner starts a team and its project and invites a
// member and a viewer by link; the member adds a task to the team's project, plans it into a slot
// and starts it; the viewer's open board shows the member in focus on that task without a reload;
// the member is removed, and their open board and team page stop showing the team at once.

async function inviteLink(owner: Page, role: string): Promise<string> {
  await owner.getByLabel('Role', { exact: true }).selectOption(role);
  await owner.getByRole('button', { name: 'Invite' }).click();
  return new URL(await owner.locator('#new-invitation-url').inputValue()).pathname;
}

async function join(page: Page, invitationPath: string, teamPath: string): Promise<void> {
  await page.goto(invitationPath);
  await page.getByRole('button', { name: 'Join the team' }).click();
  await page.waitForURL((url) => url.pathname === teamPath);
}

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)('a team of three (%s)', (database) => {
  const env = useServerAndBrowser(database);

  it('plans and starts a team task that the viewer’s board follows live, and lets go of a removed member at once', async () => {
    const { server, browser } = env;
    await setServerTime(server.url, { now: '2026-04-06T07:00:00Z' }); // Monday 09:00 in Berlin
    const stamp = `${database}-${Date.now()}`;
    const ana = await openContext(browser, server.url, LAPTOP);
    // Pages Ben has open ask again once he is removed, and are answered 404, which the browser logs.
    const ben = await openContext(browser, server.url, PHONE, {
      expectedProblems: [/status of 404 \(Not Found\)/],
    });
    const cleo = await openContext(browser, server.url, LAPTOP);
    await ben.context.addInitScript(RECORD_STREAM);
    await cleo.context.addInitScript(RECORD_STREAM);
    const owner = await ana.context.newPage();
    const member = await ben.context.newPage();
    const viewer = await cleo.context.newPage();
    await signUpInPage(owner, `ana-team-${stamp}@example.test`);
    await signUpInPage(member, `ben-team-${stamp}@example.test`);
    await signUpInPage(viewer, `cleo-team-${stamp}@example.test`);

    // Ana starts the team and its project, and invites Ben as a member and Cleo as a viewer.
    await owner.goto('/teams');
    await owner.getByLabel('Name').fill('Platform');
    await owner.getByRole('button', { name: 'Create team' }).click();
    const teamPath = new URL(owner.url()).pathname;
    await owner.getByLabel('New team project').fill('Checkout');
    await owner.getByRole('button', { name: 'Create', exact: true }).click();
    await owner.getByText('Shared with Platform').waitFor();
    await owner.goto(teamPath);
    const memberLink = await inviteLink(owner, 'member');
    const viewerLink = await inviteLink(owner, 'viewer');
    await join(member, memberLink, teamPath);
    await join(viewer, viewerLink, teamPath);

    // Ben shares his focus and adds a task to the team's project.
    await member.getByRole('button', { name: 'Share my focus with this team' }).click();
    await member.getByText('You share your focus with this team.').waitFor();
    await member.getByRole('link', { name: 'Checkout' }).click();
    await member.getByLabel('Add a task').fill('Fix the cart total #checkout');
    await member.getByRole('button', { name: 'Add', exact: true }).click();
    await member.getByText('Task added.').waitFor();

    // Cleo opens the board; Ben also keeps the board and the team page open on his phone.
    await viewer.goto(`${teamPath}/focus`);
    await streamIsOpen(viewer);
    await viewer.locator('#focus-board li').filter({ hasText: 'not working' }).waitFor();
    const memberTeamPage = await ben.context.newPage();
    await memberTeamPage.goto(teamPath);
    const memberBoard = await ben.context.newPage();
    await memberBoard.goto(`${teamPath}/focus`);
    await streamIsOpen(memberBoard);

    // Ben plans the team task into his next free slot and starts it.
    await member.getByRole('button', { name: 'Plan into next free slot: “Fix the cart total”' }).click();
    await member.waitForURL((url) => url.pathname === '/day/2026-04-06');
    await member.goto('/');
    await member.getByRole('button', { name: 'Start Personal 1' }).click();
    await viewer
      .locator('#focus-board li')
      .filter({ hasText: 'in focus until 09:45 on “Fix the cart total”' })
      .waitFor({ timeout: 1000 });
    await viewer.getByText('next reachable at 09:45').waitFor({ timeout: 1000 });

    // Ana removes Ben: his open board and team page let go of the team at once.
    await owner.goto(teamPath);
    await owner
      .getByRole('listitem')
      .filter({ hasText: 'ben-team' })
      .getByRole('button', { name: 'Remove from team' })
      .click();
    await owner.getByText('They are no longer in the team.').waitFor();
    for (const page of [memberBoard, memberTeamPage]) {
      await page.getByText('You are no longer in that team.').waitFor({ timeout: 2000 });
      if (new URL(page.url()).pathname !== '/teams') throw new Error(`still on ${page.url()}`);
    }
    await member.goto(`${teamPath}/focus`);
    await member.locator('h1', { hasText: 'Not found' }).waitFor();
    await viewer
      .locator('#focus-board li')
      .filter({ hasText: 'ben-team' })
      .waitFor({ state: 'detached', timeout: 2000 });

    for (const person of [ana, ben, cleo])
      if (person.problems.length) throw new Error(person.problems.join('\n'));
    for (const person of [ana, ben, cleo]) await person.context.close();
  });
});
