import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSlackConnection } from '../../../src/db/stores/slack-store.ts';
import type { JobQueue } from '../../../src/jobs/queue.ts';
import { type SlackFake, startSlackFake } from '../../support/fakes/slack.ts';
import { methodsOf, personWithSlack, sessionOf, slackConfig, untilStatus } from '../../support/slack.ts';
import { createTestApp, startTestJobQueue, type TestApp } from '../../support/test-app.ts';

// Monday 6 April 2026, 10:00 in Berlin (UTC+2).
const TEN = new Date('2026-04-06T08:00:00Z');
const DAY = '2026-04-06';
const POLL = { timeout: 20_000, interval: 100 };
const unix = (iso: string) => Date.parse(iso) / 1000;

let fake: SlackFake;
let t: TestApp;
let queue: JobQueue;
beforeAll(async () => {
  fake = await startSlackFake();
  t = await createTestApp({ now: TEN, config: slackConfig(fake) });
  queue = await startTestJobQueue(t);
});
afterAll(async () => {
  await queue?.stop();
  await fake?.stop();
});

describe('Slack status follows sessions', () => {
  it('sets "In deep work until 10:45" with DND on start and puts theirs back on complete', async () => {
    t.clock.set(TEN);
    const { actor, token } = await personWithSlack(t, fake, {
      text: 'Working from Lisbon',
      emoji: ':sunny:',
    });
    const session = sessionOf(t, actor, DAY);

    await session.act('start');
    await untilStatus(fake, token, 'In deep work until 10:45');
    await expect.poll(() => fake.account(token).dndUntil, POLL).toBe(45);
    const account = fake.account(token);
    expect(account.status).toEqual({
      text: 'In deep work until 10:45',
      emoji: ':headphones:',
      expiration: unix('2026-04-06T08:45:00Z'),
    });

    t.clock.advance(30 * 60);
    await session.act('complete');
    await untilStatus(fake, token, 'Working from Lisbon');
    expect(fake.account(token).status).toEqual({
      text: 'Working from Lisbon',
      emoji: ':sunny:',
      expiration: 0,
    });
    await expect.poll(() => fake.account(token).dndUntil, POLL).toBeNull();
    expect(methodsOf(fake, token)).toEqual([
      'auth.test',
      'users.profile.get',
      'users.profile.set',
      'dnd.setSnooze',
      'users.profile.get',
      'users.profile.set',
      'dnd.endSnooze',
    ]);
  });

  it('follows a start, pause, resume and complete, writing only on those and never on edits or time passing', async () => {
    t.clock.set(TEN);
    const { actor, token } = await personWithSlack(t, fake, { text: 'Reviewing', emoji: ':eyes:' });
    const session = sessionOf(t, actor, DAY);

    await session.act('start');
    await untilStatus(fake, token, 'In deep work until 10:45');
    t.clock.advance(10 * 60);
    await session.editGoal('Write the sync design note');
    await t.app.request('/health');
    t.clock.advance(5 * 60);
    await session.act('pause');
    await untilStatus(fake, token, 'Reviewing');
    await expect.poll(() => fake.account(token).dndUntil, POLL).toBeNull();

    t.clock.advance(10 * 60); // 10:25: 15 minutes done, 30 to go
    await session.act('resume');
    await untilStatus(fake, token, 'In deep work until 10:55');
    await expect.poll(() => fake.account(token).dndUntil, POLL).toBe(30);
    expect(fake.account(token).status.expiration).toBe(unix('2026-04-06T08:55:00Z'));

    t.clock.advance(20 * 60);
    await session.act('complete');
    await untilStatus(fake, token, 'Reviewing');
    await expect.poll(() => fake.account(token).dndUntil, POLL).toBeNull();
    const writes = fake.writes(token).map((c) => c.method);
    expect(writes).toEqual([
      'users.profile.set',
      'dnd.setSnooze',
      'users.profile.set',
      'dnd.endSnooze',
      'users.profile.set',
      'dnd.setSnooze',
      'users.profile.set',
      'dnd.endSnooze',
    ]);
  });

  it('restores on skip of a paused session', async () => {
    t.clock.set(TEN);
    const { actor, token } = await personWithSlack(t, fake, { text: 'Around', emoji: ':wave:' });
    const session = sessionOf(t, actor, DAY, 2);
    await session.act('start');
    await untilStatus(fake, token, 'In deep work until 10:45');
    await expect.poll(() => fake.account(token).dndUntil, POLL).toBe(45);
    await session.act('pause');
    await session.act({ type: 'skip', reason: null });
    await untilStatus(fake, token, 'Around');
    await expect.poll(() => fake.account(token).dndUntil, POLL).toBeNull();
  });

  it('leaves a status the person set themselves mid-session, and still ends DND', async () => {
    t.clock.set(TEN);
    const { actor, token } = await personWithSlack(t, fake, { text: 'Reviewing', emoji: ':eyes:' });
    const session = sessionOf(t, actor, DAY);
    await session.act('start');
    await untilStatus(fake, token, 'In deep work until 10:45');
    await expect.poll(() => fake.account(token).dndUntil, POLL).toBe(45);
    fake.setStatusByHand(token, 'Out for lunch', ':sandwich:');

    await session.act('complete');
    await expect.poll(() => fake.account(token).dndUntil, POLL).toBeNull();
    expect(fake.account(token).status.text).toBe('Out for lunch');
    expect(fake.writes(token).map((c) => c.method)).toEqual([
      'users.profile.set',
      'dnd.setSnooze',
      'dnd.endSnooze',
    ]);
  });

  it('marks the connection disconnected when Slack says token_revoked, and stops calling', async () => {
    t.clock.set(TEN);
    const { actor, token } = await personWithSlack(t, fake);
    fake.revoke(token);
    const session = sessionOf(t, actor, DAY);
    await session.act('start');
    await expect
      .poll(async () => (await findSlackConnection(t.deps.db, actor.id))?.status, POLL)
      .toBe('disconnected');
    expect((await findSlackConnection(t.deps.db, actor.id))?.disconnectedReason).toBe('token_revoked');
    const callsBefore = methodsOf(fake, token).length;

    await session.act('pause');
    await session.act('resume');
    await session.act('complete');
    // The next person's sync runs after these in the queue's order; then nothing more came for this token.
    const other = await personWithSlack(t, fake);
    await sessionOf(t, other.actor, DAY).act('start');
    await untilStatus(fake, other.token, 'In deep work until 10:45');
    expect(methodsOf(fake, token).length).toBe(callsBefore);
  });

  it('comes back after Slack’s Retry-After when rate limited', async () => {
    t.clock.set(TEN);
    const { actor, token } = await personWithSlack(t, fake, { text: 'Here', emoji: ':wave:' });
    fake.rateLimitNext(1, 1);
    await sessionOf(t, actor, DAY).act('start');
    await untilStatus(fake, token, 'In deep work until 10:45');
    expect(methodsOf(fake, token).filter((m) => m === 'users.profile.get').length).toBe(2);
  });
});
