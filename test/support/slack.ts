import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Config } from '../../src/config.ts';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import type { TimerActionInput } from '../../src/domain/timer.ts';
import { changeSession } from '../../src/services/change-session.ts';
import type { Actor } from '../../src/services/deps.ts';
import { saveSlackSettings } from '../../src/services/slack/save-slack-settings.ts';
import { createPerson } from './factories.ts';
import type { SlackFake } from './fakes/slack.ts';
import type { TestApp } from './test-app.ts';

export const SLACK_CLIENT = { clientId: '1234.5678', clientSecret: 'slack-client-secret-for-tests' };

/** The test app's Slack settings, pointed at the fake (OAuth on). */
export function slackConfig(fake: SlackFake): Pick<Config, 'slack'> {
  return { slack: { apiUrl: fake.url, authorizeUrl: `${fake.url}/oauth/authorize`, oauth: SLACK_CLIENT } };
}

/** A Slack user token nobody else uses. */
export function newSlackToken(): string {
  return `xoxp-${randomBytes(12).toString('hex')}`;
}

/** A person in Berlin with a Slack account in the fake (its status as given) and connected to it. */
export async function personWithSlack(
  t: TestApp,
  fake: SlackFake,
  status: { text?: string; emoji?: string; expiration?: number } = {},
): Promise<{ actor: Actor; token: string }> {
  const actor = await createPerson(t, { timeZone: 'Europe/Berlin' });
  const token = newSlackToken();
  fake.addAccount({ token, status });
  await saveSlackSettings(t.deps, actor, { token });
  return { actor, token };
}

/** Applies a timer action (or an edit) to today's slot, as the pages and the API do. */
export function sessionOf(t: TestApp, actor: Actor, date: string, slot: 1 | 2 | 3 | 4 = 1) {
  const id = sessionIdFor(actor.id, date, slot);
  return {
    id,
    act: (action: TimerActionInput) => changeSession(t.deps, actor, id, { action }),
    editGoal: (goal: string) => changeSession(t.deps, actor, id, { edit: { goal, goalRevision: 0 } }),
  };
}

const POLL = { timeout: 20_000, interval: 100 };

/** Waits until the fake's account shows this status (the queued job has run). */
export async function untilStatus(fake: SlackFake, token: string, text: string): Promise<void> {
  await expect.poll(() => fake.account(token).status.text, POLL).toBe(text);
}

/** The methods called with this token, in order. */
export function methodsOf(fake: SlackFake, token: string): string[] {
  return fake.calls.filter((c) => c.token === token).map((c) => c.method);
}
