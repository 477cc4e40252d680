import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_DATABASES,
  type Browser,
  hasBrowser,
  LAPTOP,
  launchBrowser,
  openContext,
  type Page,
  startTestServer,
  type TestServer,
} from '../support/browser.ts';
import { setServerTime, signUpInPage } from '../support/e2e-flows.ts';
import { type FakeGitHub, startFakeGitHub } from '../support/fakes/github.ts';
import { type SlackFake, startSlackFake } from '../support/fakes/slack.ts';
import { startWebhookReceiver } from '../support/fakes/webhook-receiver.ts';
import { freePort } from '../support/free-port.ts';
import { newSlackToken, SLACK_CLIENT } from '../support/slack.ts';

// Settings › Webhooks and Settings › Slack from the pages alone, against real local fakes: a
// webhook receiver that checks every delivery with the Standard Webhooks reference verifier, and
// a Slack that has an approval page and a Web API. The background jobs run in the server itself,
// so the tests wait on what a person would see change (the delivery log, Slack's profile).

const POLL = { timeout: 20_000, interval: 200 };
/** Up to two runs of the webhook worker's every-minute sweep, looked at once a second. */
const SWEEP = { timeout: 150_000, interval: 1000 };

/** Presses Tab until `target` has the focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${target} cannot be reached with Tab`);
}

/**
 * The form controls a person can change that have no label they can see (a <label> with text,
 * or a legend around a checkbox's own label), as "tag name=…" lines.
 */
function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('main input, main select, main textarea')]
      .filter((control) => control.type !== 'hidden' && !control.readOnly)
      .filter(
        (control) =>
          ![...(control.labels ?? [])].some(
            (label) => label.textContent?.trim() && label.getBoundingClientRect().width > 1,
          ),
      )
      .map((control) => `${control.tagName.toLowerCase()} name=${control.name}`),
  );
}

/** The words of the error a field is described by, as a screen reader reads them with the field. */
async function errorOf(field: Locator): Promise<string> {
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(
    ids.map((id) => field.page().locator(`[id="${id}"].field-error`).allTextContents()),
  );
  return texts.flat().join(' ').trim();
}

/** The error a group of fields (a fieldset) is described by. */
async function errorOfGroup(group: Locator): Promise<string> {
  const id = (await group.getAttribute('aria-describedby')) ?? '';
  expect(id).not.toBe('');
  return ((await group.page().locator(`[id="${id}"]`).textContent()) ?? '').trim();
}

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)('integrations in Settings (%s)', (database) => {
  let server: TestServer;
  let browser: Browser;
  let slack: SlackFake;
  let github: FakeGitHub;
  beforeAll(async () => {
    slack = await startSlackFake();
    github = await startFakeGitHub('ghp_browser_journey_token');
    const port = await freePort();
    server = await startTestServer({
      database,
      env: {
        PORT: String(port),
        // Slack sends the browser back to APP_URL; without it the callback would be on localhost.
        APP_URL: `http://127.0.0.1:${port}`,
        WEBHOOK_ALLOW_PRIVATE: 'true',
        SLACK_API_URL: slack.url,
        SLACK_AUTHORIZE_URL: slack.authorizeUrl,
        SLACK_CLIENT_ID: SLACK_CLIENT.clientId,
        SLACK_CLIENT_SECRET: SLACK_CLIENT.clientSecret,
      },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await slack?.stop();
    await github?.close();
  });
  const serverNow = () => server.server.runtime.deps.clock.now();

  it('registers a webhook from the keyboard, shows its secret once, logs signed deliveries, and rotates, turns off and deletes it', async () => {
    await setServerTime(server.url, { now: '2026-04-06T07:00:00Z' }); // Monday 09:00 in Berlin
    const receiver = await startWebhookReceiver(serverNow);
    const person = await openContext(browser, server.url, LAPTOP, {
      // The refused form is answered 422, which the browser logs.
      expectedProblems: [/status of 422/],
    });
    const page = await person.context.newPage();
    await signUpInPage(page, `hooks-${database}-${Date.now()}@example.test`);

    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('link', { name: 'Your webhooks' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/webhooks');
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);

    // A wrong address and no event: both are said beside their fields, and the address stays.
    const address = page.getByLabel('Address (https://…)');
    await tabTo(page, address);
    await page.keyboard.type('not an address');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Add a webhook' }).waitFor();
    expect(await errorOf(page.getByLabel('Address (https://…)'))).toBe(
      'Use a full address such as https://example.com/hooks.',
    );
    const events = page.getByRole('group', { name: 'Events' });
    expect(await errorOfGroup(events)).toBe('Choose at least one event.');
    expect(await page.getByLabel('Address (https://…)').inputValue()).toBe('not an address');
    expect(await page.getByTestId('new-webhook-secret').count()).toBe(0);

    // The right address and the session.started box, from the keyboard alone.
    await tabTo(page, page.getByLabel('Address (https://…)'));
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(receiver.url);
    await tabTo(page, page.getByLabel('session.started'));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Add webhook' }));
    await page.keyboard.press('Enter');
    await page.getByText('The webhook is added.').waitFor();
    await page.getByText('Copy this signing secret now; it will not be shown again.').waitFor();
    const secret = await page.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);
    receiver.secrets.push(secret);
    const endpoint = page.getByRole('region', { name: `Webhook ${receiver.url}` });
    expect(await endpoint.getByTestId('webhook-status').textContent()).toBe('On.');
    expect(await endpoint.textContent()).toContain('session.started');

    // Opened again (not reloaded: that would send the form again), the secret is gone.
    await page.goto('/settings/webhooks');
    await endpoint.waitFor();
    expect(await page.getByTestId('new-webhook-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    // A test event: the log shows it delivered once the server's worker has sent it.
    await endpoint.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByText('A test event is on its way.').waitFor();
    const testRow = endpoint.getByTestId('delivery').filter({ hasText: 'webhook.test' });
    await expect
      .poll(async () => {
        await page.reload();
        return testRow.locator('td').nth(2).textContent();
      }, POLL)
      .toMatch(/^delivered \(200\), \d+ ms, 1 try$/);
    expect(await testRow.locator('td').nth(3).textContent()).toBe('<b>thanks</b>');
    expect(receiver.received.map((r) => [r.payload.type, r.verifiedWith])).toEqual([
      ['webhook.test', [true]],
    ]);

    // Starting a session on the sheet tells the receiver, signed with the same secret.
    await page.getByRole('navigation').getByRole('link', { name: 'Today' }).first().click();
    await page.getByLabel('Goal for Personal 1').fill('Write the webhook guide');
    await page.getByRole('button', { name: 'Start Personal 1' }).click();
    await page.locator('#now').waitFor();
    // Session events leave with the worker's sweep, which runs every minute (only "Send a test
    // event" and "Resend" wake it at once): the log says so once it has run.
    await page.goto('/settings/webhooks');
    const startedRow = endpoint.getByTestId('delivery').filter({ hasText: 'session.started' });
    await expect
      .poll(async () => {
        await page.reload();
        return (await startedRow.count()) ? startedRow.locator('td').nth(2).textContent() : 'not listed';
      }, SWEEP)
      .toMatch(/^delivered \(200\), \d+ ms, 1 try$/);
    const started = receiver.received.find((r) => r.payload.type === 'session.started')!;
    expect(started.verifiedWith).toEqual([true]);
    expect(started.payload.data).toMatchObject({ slot: 1, goal: 'Write the webhook guide', state: 'active' });

    // Rotating shows the new secret once; the old one keeps signing for a day.
    await endpoint.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByText('A new secret is ready. The old one also signs for 24 hours.').waitFor();
    const rotated = await page.getByLabel('Signing secret').inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    // A day on, on the person's clock (the server's clock has run on for a minute or two).
    expect(await endpoint.getByTestId('webhook-status').textContent()).toMatch(
      /^On\. The previous secret also signs until 7 April 2026, 09:0\d\.$/,
    );
    receiver.secrets.push(rotated);
    const before = receiver.received.length;
    await endpoint.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByText('A test event is on its way.').waitFor();
    await expect.poll(() => receiver.received.length, POLL).toBe(before + 1);
    expect(receiver.received.at(-1)!.verifiedWith).toEqual([true, true]);

    // Turned off, it says so and since when; then it is deleted.
    await endpoint.getByRole('button', { name: 'Turn off' }).click();
    await page.getByText('The webhook is off.').waitFor();
    expect(await endpoint.getByTestId('webhook-status').textContent()).toMatch(
      /^Off since 6 April 2026, 09:0\d: you turned it off\. Turn it on again when it is ready\./,
    );
    await endpoint.getByRole('button', { name: 'Turn on' }).waitFor();
    await endpoint.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('The webhook is deleted.').waitFor();
    expect(await endpoint.count()).toBe(0);

    if (person.problems.length) throw new Error(person.problems.join('\n'));
    await person.context.close();
  }, 240_000);

  it('connects Slack through its approval page, shows a running session there with Do Not Disturb, puts the person’s status back, and disconnects', async () => {
    await setServerTime(server.url, { now: '2026-04-06T08:00:00Z' }); // Monday 10:00 in Berlin
    const token = newSlackToken();
    slack.addAccount({ token, teamName: 'Calm Co', status: { text: 'Reading', emoji: ':books:' } });
    slack.approveAs(token, SLACK_CLIENT);
    const person = await openContext(
      browser,
      server.url,
      LAPTOP,
      // The refused token and the refused emoji are answered 422, which the browser logs.
      { expectedProblems: [/status of 422/] },
    );
    // The browser may go to Slack's (fake) approval page; every other host stays refused.
    await person.context.route(`${new URL(slack.url).origin}/**`, (route) => route.continue());
    const page = await person.context.newPage();
    await signUpInPage(page, `slack-${database}-${Date.now()}@example.test`);

    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('link', { name: 'Your Slack status' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/slack');
    await page.getByRole('heading', { level: 1, name: 'Slack' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);

    // A token Slack refuses is said beside the token field.
    await tabTo(page, page.getByLabel('Slack user token'));
    await page.keyboard.type('xoxp-not-a-real-token-1234');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Connect Slack' }).waitFor();
    expect(await errorOf(page.getByLabel('Slack user token'))).toBe(
      'Slack did not accept this token. Check it and try again.',
    );
    expect(await page.getByLabel('Slack user token').inputValue()).toBe('');

    // "Connect with Slack": Slack asks, the person allows, and Deepsheet shows the workspace.
    await tabTo(page, page.getByRole('link', { name: 'Connect with Slack' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Allow access to your Slack account?' }).waitFor();
    await page.getByRole('link', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/slack');
    await page.getByText('Slack is connected. Your status follows your sessions from now on.').waitFor();
    expect(await page.getByTestId('slack-workspace').textContent()).toBe('Connected to Calm Co');
    expect(await page.content()).not.toContain(token);
    expect(await unlabelledControls(page)).toEqual([]);

    // The words and emoji: a wrong emoji is said beside it and what was typed stays.
    const text = page.getByLabel('Status text');
    const emoji = page.getByLabel('Status emoji');
    expect(await text.inputValue()).toBe('In deep work until {end}');
    await text.fill('In deep work until {end}, writing');
    await emoji.fill('headphones');
    await tabTo(page, page.getByRole('button', { name: 'Save' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Connected to Calm Co' }).waitFor();
    expect(await errorOf(page.getByLabel('Status emoji'))).toBe(
      'Use a Slack emoji code such as :headphones:.',
    );
    expect(await page.getByLabel('Status text').inputValue()).toBe('In deep work until {end}, writing');
    await page.getByLabel('Status emoji').fill(':writing_hand:');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. The next session uses these words.').waitFor();
    expect(await page.getByLabel('Status emoji').inputValue()).toBe(':writing_hand:');
    expect(await page.getByLabel('Turn on Do Not Disturb until the planned end').isChecked()).toBe(true);

    // A session runs: Slack shows the planned end, expiring then, with Do Not Disturb.
    await page.getByRole('navigation').getByRole('link', { name: 'Today' }).first().click();
    await page.getByLabel('Goal for Personal 1').fill('Draft the Slack note');
    await page.getByRole('button', { name: 'Start Personal 1' }).click();
    await page.locator('#now').waitFor();
    await expect.poll(() => slack.account(token).status.text, POLL).toBe('In deep work until 10:45, writing');
    const focus = slack.account(token).status;
    expect(focus.emoji).toBe(':writing_hand:');
    // The server's clock ran on for a few seconds after 10:00 before Start was pressed.
    const plannedEnd = Date.parse('2026-04-06T08:45:00Z') / 1000;
    expect(focus.expiration).toBeGreaterThanOrEqual(plannedEnd);
    expect(focus.expiration).toBeLessThan(plannedEnd + 60);
    await expect.poll(() => slack.account(token).dndUntil, POLL).toBe(45);

    // Completed: the person's own status comes back and Do Not Disturb ends.
    await page.locator('#now').getByRole('button', { name: 'Complete' }).click();
    await page.locator('#slot-1', { hasText: '✓ completed' }).waitFor();
    await expect
      .poll(() => slack.account(token).status, POLL)
      .toEqual({ text: 'Reading', emoji: ':books:', expiration: 0 });
    await expect.poll(() => slack.account(token).dndUntil, POLL).toBeNull();

    // Disconnected: the connect form is back, with "Connect with Slack" again.
    await page.goto('/settings/slack');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText('Slack is disconnected and the token is forgotten.').waitFor();
    await page.getByRole('heading', { name: 'Connect Slack' }).waitFor();
    await page.getByRole('link', { name: 'Connect with Slack' }).waitFor();

    if (person.problems.length) throw new Error(person.problems.join('\n'));
    await person.context.close();
  });

  it('connects GitHub from the page, watches the import finish, finds the issues as tasks, syncs and disconnects', async () => {
    await setServerTime(server.url, { now: '2026-04-06T08:00:00Z' }); // Monday 10:00 in Berlin
    const repo = `calm/browser-${database}`;
    for (let i = 1; i <= 120; i += 1)
      github.addIssue(repo, { title: `Issue ${i} of ${database}`, labels: i === 1 ? ['bug'] : [] });
    github.addIssue(repo, { title: 'A pull request', body: 'Fixes #1', isPull: true });
    const person = await openContext(browser, server.url, LAPTOP, {
      expectedProblems: [/status of 422/],
    });
    const page = await person.context.newPage();
    await signUpInPage(page, `github-${database}-${Date.now()}@example.test`);

    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('link', { name: 'Your connections' }).click();
    await page.getByRole('heading', { level: 1, name: 'GitHub and GitLab' }).waitFor();
    // Issues land in a project: without one the page sends the person to make one.
    await page.getByRole('link', { name: 'Make a project' }).click();
    await page.getByLabel('New project').fill('Product');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.goto(`${server.url}/settings/integrations`);
    expect(await unlabelledControls(page)).toEqual([]);

    // A token GitHub refuses is said beside the token field, and what was typed stays.
    await page.getByLabel('Token').fill('ghp_refused');
    await page.getByLabel('Repositories (optional)').fill(repo);
    await page.getByLabel('API address (optional)').fill(github.baseUrl);
    await page.getByRole('button', { name: 'Connect and import' }).click();
    expect(await errorOf(page.getByLabel('Token'))).toMatch(/^GitHub did not accept this token/);
    expect(await page.getByLabel('Repositories (optional)').inputValue()).toBe(repo);
    expect(await page.getByLabel('Token').inputValue()).toBe('');

    await page.getByLabel('Token').fill(github.token);
    await page.getByRole('button', { name: 'Connect and import' }).click();
    await page.getByText('The first import has started').waitFor();
    const card = page.getByTestId('integration');
    await card.getByRole('heading', { name: 'GitHub as octo-person' }).waitFor();
    // The line updates in place (htmx) until the import is done, without a reload.
    // (The pull request is counted as skipped: it is linked, not imported.)
    await card
      .getByText('Last synced 10:00: 120 imported, 0 updated, 1 skipped.')
      .waitFor({ timeout: POLL.timeout });
    expect(await page.content()).not.toContain(github.token);

    // The issues are tasks of the project, with the issue linked and the PR attached to its issue.
    await page.goto(`${server.url}/tasks?q=${encodeURIComponent(`Issue 1 of ${database}`)}`);
    await page.getByRole('link', { name: `Issue 1 of ${database}`, exact: true }).click();
    const issueLink = page.getByTestId('issue-link').getByRole('link');
    expect(await issueLink.getAttribute('href')).toBe(`https://github.com/${repo}/issues/1`);
    expect(await page.content()).toContain(`https://github.com/${repo}/pull/121`);
    expect(await page.getByText('A pull request', { exact: true }).count()).toBe(0);

    // A new issue comes in with Sync now.
    github.addIssue(repo, { title: `Late issue of ${database}`, updatedAt: '2026-04-06T07:59:00Z' });
    await page.goto(`${server.url}/settings/integrations`);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText('A sync is on its way.').first().waitFor();
    await card.getByText(/Last synced 10:00: 1 imported/).waitFor({ timeout: POLL.timeout });

    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText('The imported tasks stay yours.').waitFor();
    expect(await page.getByTestId('integration').count()).toBe(0);
    await person.context.close();
  });
});
