import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import type { JobQueue } from '../../src/jobs/queue.ts';
import type { Actor } from '../../src/services/deps.ts';
import { keysFromDatabase, keysFromFile } from '../../src/services/web-push/vapid-keys.ts';
import { createPerson, createToken, signUpPerson } from '../support/factories.ts';
import { type FakeDevice, type PushServiceFake, startPushServiceFake } from '../support/fakes/push-service.ts';
import { sessionOf } from '../support/slack.ts';
import { createTestApp, startTestJobQueue, TEST_VAPID, type TestApp } from '../support/test-app.ts';
import { advanceTime, makeRetryDue, pushJobStates, untilPushJobsSettle } from '../support/web-push.ts';

// Monday 6 April 2026, 10:00 in Berlin; sessions are 45 minutes long.
const TEN = new Date('2026-04-06T08:00:00Z');
const DAY = '2026-04-06';
const POLL = { timeout: 20_000, interval: 100 };
const MINUTE = 60;

let fake: PushServiceFake;
let t: TestApp;
let queue: JobQueue;
beforeAll(async () => {
  fake = await startPushServiceFake({ vapidPublicKey: TEST_VAPID.publicKey });
  t = await createTestApp({ now: TEN });
  queue = await startTestJobQueue(t);
});
afterAll(async () => {
  await queue?.stop();
  await fake?.stop();
});

/** A person with a token and one subscribed device (through the API, as a page's script does). */
async function subscribedPerson(): Promise<{ actor: Actor; token: string; device: FakeDevice }> {
  const actor = await createPerson(t);
  const token = await createToken(t, actor);
  const device = fake.createDevice();
  const response = await api(token, 'POST', '/push-subscriptions', device.subscription);
  expect(response.status, await response.clone().text()).toBe(201);
  return { actor, token, device };
}

function api(token: string, method: string, path: string, json?: unknown): Promise<Response> {
  return Promise.resolve(
    t.app.request(`http://localhost/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    }),
  );
}

async function subscriptionsOf(token: string) {
  const body = (await (await api(token, 'GET', '/push-subscriptions')).json()) as {
    items: { id: string; needsResubscribe: boolean; lastSuccessAt: string | null }[];
    publicKey: string;
  };
  return body;
}

describe('time’s up reaches a device with the tab closed', () => {
  it('sends exactly one “Personal 1 · time is up” push at the planned end, high urgency, five-minute TTL, one topic', async () => {
    t.clock.set(TEN);
    const { actor, token, device } = await subscribedPerson();
    const session = sessionOf(t, actor, DAY);
    await session.act('start');
    await expect.poll(() => pushJobStates(queue, session.id), POLL).toEqual(['created']);

    await advanceTime(t, queue, 44 * MINUTE);
    expect(await pushJobStates(queue, session.id)).toEqual(['created']);
    expect(fake.receivedBy(device)).toEqual([]);

    await advanceTime(t, queue, 1 * MINUTE);
    await expect.poll(() => fake.receivedBy(device).length, POLL).toBe(1);
    expect(await untilPushJobsSettle(queue, session.id)).toEqual(['completed']);
    const [push] = fake.receivedBy(device);
    expect(push!.payload).toMatchObject({
      title: 'Personal 1 · time is up',
      body: '45 minutes',
      sessionId: session.id,
      actions: [
        { action: 'complete', title: 'Complete' },
        { action: 'keepGoing', title: 'Keep going' },
      ],
    });
    expect(push!.ttl).toBe('300');
    expect(push!.urgency).toBe('high');
    expect(push!.topic).toMatch(/^[\w-]{1,32}$/);
    expect(push!.vapidSubject).toBe(TEST_VAPID.subject);
    expect(fake.rejected).toEqual([]);
    expect((await subscriptionsOf(token)).items[0]!.lastSuccessAt).toBe(
      new Date(TEN.getTime() + 45 * 60_000).toISOString(),
    );
  });

  it('sends nothing for a paused session: pausing cancels the push', async () => {
    t.clock.set(TEN);
    const { actor, device } = await subscribedPerson();
    const session = sessionOf(t, actor, DAY, 2);
    await session.act('start');
    await expect.poll(() => pushJobStates(queue, session.id), POLL).toEqual(['created']);
    await advanceTime(t, queue, 10 * MINUTE);
    await session.act('pause');
    await expect.poll(() => pushJobStates(queue, session.id), POLL).toEqual(['cancelled']);
    await advanceTime(t, queue, 60 * MINUTE);
    expect(fake.receivedBy(device)).toEqual([]);
  });

  it('moves the push when the timer resumes, and sends another after “keep going”', async () => {
    t.clock.set(TEN);
    const { actor, device } = await subscribedPerson();
    const session = sessionOf(t, actor, DAY, 3);
    await session.act('start');
    await advanceTime(t, queue, 10 * MINUTE);
    await session.act('pause');
    await advanceTime(t, queue, 10 * MINUTE);
    await session.act('resume'); // 10:20, 35 minutes to go: time is up at 10:55
    await expect.poll(() => pushJobStates(queue, session.id), POLL).toContain('created');

    await advanceTime(t, queue, 34 * MINUTE);
    expect(fake.receivedBy(device)).toEqual([]);
    await advanceTime(t, queue, 1 * MINUTE);
    await expect.poll(() => fake.receivedBy(device).length, POLL).toBe(1);
    await untilPushJobsSettle(queue, session.id);

    await session.act({ type: 'keepGoing', minutes: 10 });
    await advanceTime(t, queue, 9 * MINUTE);
    expect(fake.receivedBy(device)).toHaveLength(1);
    await advanceTime(t, queue, 1 * MINUTE);
    await expect.poll(() => fake.receivedBy(device).length, POLL).toBe(2);
    expect(fake.receivedBy(device)[1]!.topic).toBe(fake.receivedBy(device)[0]!.topic);
  });

  it('sends nothing after complete, skip or reset', async () => {
    t.clock.set(TEN);
    const { actor, device } = await subscribedPerson();
    const done = sessionOf(t, actor, DAY, 1);
    await done.act('start');
    await done.act('complete');
    const reset = sessionOf(t, actor, DAY, 2);
    await reset.act('start');
    await reset.act('reset');
    const skipped = sessionOf(t, actor, DAY, 3);
    await skipped.act('start');
    await skipped.act('pause');
    await skipped.act({ type: 'skip', reason: null });
    await advanceTime(t, queue, 60 * MINUTE);
    for (const s of [done, reset, skipped]) {
      await expect.poll(() => pushJobStates(queue, s.id), POLL).toEqual(['cancelled']);
    }
    expect(fake.receivedBy(device)).toEqual([]);
  });

  it('deletes the subscription when the push service answers 410 Gone', async () => {
    t.clock.set(TEN);
    const { actor, token, device } = await subscribedPerson();
    const session = sessionOf(t, actor, DAY);
    await session.act('start');
    fake.answerNext(410);
    await advanceTime(t, queue, 45 * MINUTE);
    await expect.poll(async () => (await subscriptionsOf(token)).items.length, POLL).toBe(0);
    expect(fake.receivedBy(device)).toEqual([]);
  });

  it('asks the device to subscribe again when the push service answers 403, and skips it since', async () => {
    t.clock.set(TEN);
    const { actor, token } = await subscribedPerson();
    const session = sessionOf(t, actor, DAY);
    await session.act('start');
    fake.answerNext(403);
    await advanceTime(t, queue, 45 * MINUTE);
    await expect.poll(async () => (await subscriptionsOf(token)).items[0]?.needsResubscribe, POLL).toBe(true);
    expect(await untilPushJobsSettle(queue, session.id)).toEqual(['completed']);
  });

  it('tries a push service that is down again, and delivers once when it is back', async () => {
    t.clock.set(TEN);
    const { actor, device } = await subscribedPerson();
    const session = sessionOf(t, actor, DAY);
    await session.act('start');
    fake.answerNext(500);
    await advanceTime(t, queue, 45 * MINUTE);
    await expect.poll(() => pushJobStates(queue, session.id), POLL).toEqual(['retry']);
    expect(fake.receivedBy(device)).toEqual([]);
    await makeRetryDue(t, queue, session.id);
    await expect.poll(() => fake.receivedBy(device).length, POLL).toBe(1);
    expect(await untilPushJobsSettle(queue, session.id)).toEqual(['completed']);
    expect(fake.receivedBy(device)).toHaveLength(1);
  });

  it('sends once when the job is cut off mid-send and retried', async () => {
    t.clock.set(TEN);
    const { actor, device } = await subscribedPerson();
    const session = sessionOf(t, actor, DAY);
    await session.act('start');
    // The push service takes the push and the connection breaks before its answer: the job fails.
    fake.answerNext('hang-up');
    await advanceTime(t, queue, 45 * MINUTE);
    await expect.poll(() => pushJobStates(queue, session.id), POLL).toEqual(['retry']);
    expect(fake.receivedBy(device)).toHaveLength(1);
    await makeRetryDue(t, queue, session.id);
    expect(await untilPushJobsSettle(queue, session.id)).toEqual(['completed']);
    expect(fake.receivedBy(device)).toHaveLength(1);
  });
});
