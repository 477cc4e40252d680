import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSlackConnection } from '../../../src/db/stores/slack-store.ts';
import { apiCaller } from '../../support/api.ts';
import { type SlackFake, startSlackFake } from '../../support/fakes/slack.ts';
import { newSlackToken, slackConfig } from '../../support/slack.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let fake: SlackFake;
let t: TestApp;
beforeAll(async () => {
  fake = await startSlackFake();
  t = await createTestApp({ now: new Date('2026-04-06T08:00:00Z'), config: slackConfig(fake) });
});
afterAll(async () => {
  await fake?.stop();
});

describe('the Slack token never leaves', () => {
  it('is in no export or API answer of a connected person, sealed or plain', async () => {
    const me = await apiCaller(t, { scopes: ['read', 'write'] });
    const token = newSlackToken();
    fake.addAccount({ token, teamName: 'Calm Co' });
    const connected = await me.call('/slack', { method: 'PUT', json: { token } });
    expect(connected.status, await connected.clone().text()).toBe(200);
    const sealed = (await findSlackConnection(t.deps.db, me.userId))!.sealedToken;

    const answers = [
      '/account/export',
      '/slack',
      '/me',
      '/exports/report?from=2026-04-06&to=2026-04-12&format=json',
      '/webhooks',
    ];
    for (const path of answers) {
      const response = await me.call(path);
      expect(response.status, path).toBe(200);
      const text = await response.text();
      expect(text, path).not.toContain('xoxp-');
      expect(text, path).not.toContain(sealed);
    }
    // The archive is the person's work: integrations and their secrets are not part of it.
    const archive = (await (await me.call('/account/export')).json()) as Record<string, unknown>;
    expect(Object.keys(archive).some((key) => /slack/i.test(key))).toBe(false);
  });
});
