import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSlackConnection } from '../../../src/db/stores/slack-store.ts';
import { markSlackDisconnected } from '../../../src/services/slack/slack-access.ts';
import { userIdOf } from '../../support/api.ts';
import { type SlackFake, startSlackFake } from '../../support/fakes/slack.ts';
import { TestBrowser } from '../../support/http-client.ts';
import { newSlackToken, slackConfig } from '../../support/slack.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../../support/test-app.ts';

let fake: SlackFake;
let t: TestApp;
beforeAll(async () => {
  fake = await startSlackFake();
  t = await createTestApp({ now: new Date('2026-04-06T08:00:00Z'), config: slackConfig(fake) });
});
afterAll(async () => {
  await fake?.stop();
});

async function signedIn(): Promise<{ browser: TestBrowser; userId: string }> {
  const browser = new TestBrowser(t.app);
  const email = uniqueEmail('slack');
  await browser.signUp(email);
  return { browser, userId: await userIdOf(t, email) };
}

/** A signed-in person who connected a new Slack account with a token on the page. */
async function connectedByToken(teamName = 'Calm Co') {
  const person = await signedIn();
  const token = newSlackToken();
  fake.addAccount({ token, teamName });
  await person.browser.get('/settings/slack');
  const connected = await person.browser.submit('/settings/slack', { token });
  expect(connected.status).toBe(303);
  return { ...person, token };
}

describe('Settings › Slack', () => {
  it('is linked from settings next to webhooks', async () => {
    const { browser } = await signedIn();
    const html = await (await browser.get('/settings')).text();
    expect(html).toContain('href="/settings/webhooks"');
    expect(html).toContain('href="/settings/slack"');
  });

  it('offers a token form naming the scopes, and Connect with Slack when OAuth is set up', async () => {
    const { browser } = await signedIn();
    const html = await (await browser.get('/settings/slack')).text();
    expect(html).toMatch(/<input[^>]*name="token"[^>]*type="password"/);
    for (const scope of ['users.profile:write', 'users.profile:read', 'dnd:write'])
      expect(html).toContain(scope);
    expect(html).toContain('href="/settings/slack/connect"');
    expect(html).toContain('Connect with Slack');
  });

  it('connects with a token and shows the workspace, never the token', async () => {
    const { browser, token } = await connectedByToken('Quiet Works');
    const html = await (await browser.get('/settings/slack?saved=connected')).text();
    expect(html).toContain('Connected to Quiet Works');
    expect(html).toContain('value="In deep work until {end}"');
    expect(html).toContain('value=":headphones:"');
    expect(html).toMatch(/name="setDnd"[^>]*checked/);
    expect(html).toContain('Slack is connected.');
    expect(html).not.toContain(token);
    expect(html).not.toContain('xoxp-');
  });

  it('shows a token Slack refuses as a form error, and stores nothing', async () => {
    const { browser, userId } = await signedIn();
    await browser.get('/settings/slack');
    const unknown = newSlackToken();
    const refused = await browser.submit('/settings/slack', { token: unknown });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Slack did not accept this token');
    expect(html).not.toContain(unknown);
    const malformed = await browser.submit('/settings/slack', { token: 'not-a-token' });
    expect(malformed.status).toBe(422);
    expect(await malformed.text()).toContain('it starts with xoxp-');
    const empty = await browser.submit('/settings/slack', { token: '' });
    expect(empty.status).toBe(422);
    expect(await findSlackConnection(t.deps.db, userId)).toBeUndefined();
  });

  it('changes the status words, emoji and Do Not Disturb, and explains bad ones', async () => {
    const { browser, userId } = await connectedByToken();
    const saved = await browser.submit('/settings/slack/settings', {
      statusText: 'Heads down until {end}',
      statusEmoji: ':brain:',
    });
    expect(saved.status).toBe(303);
    const html = await (await browser.get('/settings/slack')).text();
    expect(html).toContain('value="Heads down until {end}"');
    expect(html).toContain('value=":brain:"');
    expect(html).not.toMatch(/name="setDnd"[^>]*checked/);
    expect(await findSlackConnection(t.deps.db, userId)).toMatchObject({
      statusTemplate: 'Heads down until {end}',
      statusEmoji: ':brain:',
      setDnd: false,
    });

    const bad = await browser.submit('/settings/slack/settings', {
      statusText: 'Focus',
      statusEmoji: 'brain',
      setDnd: 'on',
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Use a Slack emoji code');
    expect((await findSlackConnection(t.deps.db, userId))?.statusEmoji).toBe(':brain:');
  });

  it('disconnects and forgets the token', async () => {
    const { browser, userId } = await connectedByToken();
    const gone = await browser.submit('/settings/slack/disconnect', {});
    expect(gone.status).toBe(303);
    const html = await (await browser.get('/settings/slack?saved=disconnected')).text();
    expect(html).toContain('Slack is disconnected');
    expect(html).toContain('name="token"');
    expect(await findSlackConnection(t.deps.db, userId)).toBeUndefined();
  });

  it('says calmly when Slack stopped accepting the token, and lets them connect again', async () => {
    const { browser, userId } = await connectedByToken();
    await markSlackDisconnected(t.deps, userId, 'token_revoked');
    const html = await (await browser.get('/settings/slack')).text();
    expect(html).toContain('Slack stopped accepting the token on 6 April 2026; connect again.');
    expect(html).toContain('name="token"');

    const token = newSlackToken();
    fake.addAccount({ token });
    expect((await browser.submit('/settings/slack', { token })).status).toBe(303);
    expect((await findSlackConnection(t.deps.db, userId))?.status).toBe('connected');
  });

  it('refuses a form post without the CSRF token', async () => {
    const { browser, userId } = await signedIn();
    await browser.get('/settings/slack');
    const token = newSlackToken();
    fake.addAccount({ token });
    const refused = await browser.submit('/settings/slack', { token }, { csrf: null });
    expect(refused.status).toBe(403);
    expect(await findSlackConnection(t.deps.db, userId)).toBeUndefined();
  });
});
