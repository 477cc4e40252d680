import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSlackConnection } from '../../../src/db/stores/slack-store.ts';
import { userIdOf } from '../../support/api.ts';
import { type SlackFake, startSlackFake } from '../../support/fakes/slack.ts';
import { TestBrowser } from '../../support/http-client.ts';
import { newSlackToken, SLACK_CLIENT, slackConfig } from '../../support/slack.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../../support/test-app.ts';

// Without APP_URL (an https APP_URL makes the test browser's cookies secure) the callback is on localhost.
const callbackUrl = () => `http://localhost:${t.deps.config.port}/settings/slack/callback`;

let fake: SlackFake;
let t: TestApp;
beforeAll(async () => {
  fake = await startSlackFake();
  t = await createTestApp({
    now: new Date('2026-04-06T08:00:00Z'),
    config: slackConfig(fake),
  });
});
afterAll(async () => {
  await fake?.stop();
});

async function signedIn(): Promise<{ browser: TestBrowser; userId: string }> {
  const browser = new TestBrowser(t.app);
  const email = uniqueEmail('slack-oauth');
  await browser.signUp(email);
  return { browser, userId: await userIdOf(t, email) };
}

/** Follows "Connect with Slack" to Slack's approval page; returns where it sent the browser. */
async function startConnecting(browser: TestBrowser): Promise<URL> {
  const response = await browser.get('/settings/slack/connect');
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

/** Slack approved: a code that the fake exchanges once for a new account's token. */
function approvedCode(teamName = 'Calm Co'): { code: string; token: string } {
  const token = newSlackToken();
  const code = `code-${token.slice(5, 15)}`;
  fake.addAccount({ token, teamName });
  fake.addOauthCode(code, { token, ...SLACK_CLIENT });
  return { code, token };
}

const callback = (browser: TestBrowser, query: Record<string, string>) =>
  browser.get(`/settings/slack/callback?${new URLSearchParams(query)}`);

describe('Connect with Slack (OAuth)', () => {
  it('sends the person to Slack with our client, user scopes, a state and the callback address', async () => {
    const { browser } = await signedIn();
    const to = await startConnecting(browser);
    expect(`${to.origin}${to.pathname}`).toBe(t.deps.config.slack.authorizeUrl);
    expect(to.searchParams.get('client_id')).toBe(SLACK_CLIENT.clientId);
    expect(to.searchParams.get('user_scope')).toBe('users.profile:read,users.profile:write,dnd:write');
    expect(to.searchParams.get('redirect_uri')).toBe(callbackUrl());
    expect(to.searchParams.get('state')).toMatch(/^.{20,}$/);
  });

  it('connects when Slack comes back with the state and a code, then shows the workspace', async () => {
    const { browser, userId } = await signedIn();
    const state = (await startConnecting(browser)).searchParams.get('state')!;
    const { code, token } = approvedCode('Deep Field');
    const back = await callback(browser, { state, code });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/settings/slack?saved=connected');
    const html = await (await browser.get('/settings/slack?saved=connected')).text();
    expect(html).toContain('Connected to Deep Field');
    expect(html).toContain('Slack is connected.');
    expect(html).not.toContain(token);
    const exchange = fake.calls.find((c) => c.method === 'oauth.v2.access' && c.body.code === code);
    expect(exchange?.body.redirect_uri).toBe(callbackUrl());
    expect(await findSlackConnection(t.deps.db, userId)).toMatchObject({
      status: 'connected',
      teamName: 'Deep Field',
    });
  });

  it('refuses a wrong, missing or reused state with a page, and stores nothing', async () => {
    const { browser, userId } = await signedIn();
    const state = (await startConnecting(browser)).searchParams.get('state')!;
    const { code } = approvedCode();

    const queries: Record<string, string>[] = [{ state: `${state}x`, code }, { code }, { state: '', code }];
    for (const query of queries) {
      const refused = await callback(browser, query);
      expect(refused.status, JSON.stringify(query)).toBe(400);
      expect(await refused.text()).toContain('This Slack sign-in link is not valid any more. Start again.');
    }
    expect(await findSlackConnection(t.deps.db, userId)).toBeUndefined();

    // Used once (declined in Slack): the same state cannot be used again.
    const declined = await callback(browser, { state, error: 'access_denied' });
    expect(declined.status).toBe(400);
    expect(await declined.text()).toContain('the request was declined');
    const reused = await callback(browser, { state, code });
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain('not valid any more');
    expect(await findSlackConnection(t.deps.db, userId)).toBeUndefined();
  });

  it('refuses a state reused after a connection succeeded', async () => {
    const { browser, userId } = await signedIn();
    const state = (await startConnecting(browser)).searchParams.get('state')!;
    expect((await callback(browser, { state, ...codeOnly(approvedCode('First')) })).status).toBe(303);
    const again = await callback(browser, { state, ...codeOnly(approvedCode('Second')) });
    expect(again.status).toBe(400);
    expect((await findSlackConnection(t.deps.db, userId))?.teamName).toBe('First');
  });

  it("refuses another person's state, which stays usable for its owner", async () => {
    const owner = await signedIn();
    const other = await signedIn();
    const state = (await startConnecting(owner.browser)).searchParams.get('state')!;
    const { code } = approvedCode('Theirs');
    const refused = await callback(other.browser, { state, code });
    expect(refused.status).toBe(400);
    expect(await findSlackConnection(t.deps.db, other.userId)).toBeUndefined();
    expect(fake.calls.some((c) => c.method === 'oauth.v2.access' && c.body.code === code)).toBe(false);

    expect((await callback(owner.browser, { state, code })).status).toBe(303);
    expect((await findSlackConnection(t.deps.db, owner.userId))?.teamName).toBe('Theirs');
  });

  it('refuses a state from another sign-in of the same person', async () => {
    const email = uniqueEmail('slack-two-browsers');
    const first = new TestBrowser(t.app);
    await first.signUp(email);
    const second = new TestBrowser(t.app);
    await second.logIn(email);
    const state = (await startConnecting(first)).searchParams.get('state')!;
    const refused = await callback(second, { state, ...codeOnly(approvedCode()) });
    expect(refused.status).toBe(400);
    expect(await findSlackConnection(t.deps.db, await userIdOf(t, email))).toBeUndefined();
  });

  it('says so calmly when Slack does not confirm the code', async () => {
    const { browser, userId } = await signedIn();
    const state = (await startConnecting(browser)).searchParams.get('state')!;
    const refused = await callback(browser, { state, code: 'a-code-slack-never-issued' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Slack did not confirm the connection. Start again.');
    expect(await findSlackConnection(t.deps.db, userId)).toBeUndefined();
  });
});

const codeOnly = (approved: { code: string }) => ({ code: approved.code });
