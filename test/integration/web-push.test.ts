import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushDeliveries } from '../../src/db/schema/index.ts';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import type { JobQueue } from '../../src/jobs/queue.ts';
import type { Actor } from '../../src/services/deps.ts';
import { pruneExpired } from '../../src/services/prune-expired.ts';
import { sendTimeUpPush } from '../../src/services/web-push/send-time-up-push.ts';
import { keysFromDatabase } from '../../src/services/web-push/vapid-keys.ts';
import { createPerson, createToken, signUpPerson } from '../support/factories.ts';
import {
  type FakeDevice,
  type PushServiceFake,
  startPushServiceFake,
} from '../support/fakes/push-service.ts';
import type { TestBrowser } from '../support/http-client.ts';
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

/** Subscribes `device` as the page's script does: the signed-in browser's cookie and CSRF token. */
function subscribeFromPage(browser: TestBrowser, device: FakeDevice): Promise<Response> {
  return browser.request('/api/v1/push-subscriptions', {
    method: 'POST',
    body: JSON.stringify(device.subscription),
    headers: {
      'content-type': 'application/json',
      'x-csrf-token': browser.csrfToken,
      origin: browser.origin,
      'sec-fetch-site': 'same-origin',
    },
  });
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

describe('the notification’s buttons', () => {
  /** A signed-in browser whose page subscribed this device (with its CSRF token, as the page's script does). */
  async function signedInDevice() {
    const person = await signUpPerson(t, { timeZone: 'Europe/Berlin' });
    const device = fake.createDevice();
    const response = await person.browser.request('/api/v1/push-subscriptions', {
      method: 'POST',
      body: JSON.stringify(device.subscription),
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': person.browser.csrfToken,
        origin: person.browser.origin,
        'sec-fetch-site': 'same-origin',
      },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return { ...person, device };
  }

  /** What the service worker sends: the device's cookie, no CSRF token, the push's own token. */
  function pressButton(browser: Awaited<ReturnType<typeof signedInDevice>>['browser'], body: unknown) {
    return browser.request('/api/v1/push-actions', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        origin: browser.origin,
        'sec-fetch-site': 'same-origin',
      },
    });
  }

  async function timeUpPush(person: Awaited<ReturnType<typeof signedInDevice>>) {
    const session = sessionOf(t, person.actor, DAY);
    await session.act('start');
    await advanceTime(t, queue, 45 * MINUTE);
    await expect.poll(() => fake.receivedBy(person.device).length, POLL).toBe(1);
    const { sessionId, subscriptionId, token } = fake.receivedBy(person.device)[0]!.payload as {
      sessionId: string;
      subscriptionId: string;
      token: string;
    };
    return { session, payload: { sessionId, subscriptionId, token } };
  }

  it('completes the session from the notification, with the device’s sign-in and no page open', async () => {
    t.clock.set(TEN);
    const person = await signedInDevice();
    const { payload } = await timeUpPush(person);
    const response = await pressButton(person.browser, {
      subscriptionId: payload.subscriptionId,
      sessionId: payload.sessionId,
      token: payload.token,
      action: 'complete',
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({
      id: payload.sessionId,
      state: 'completed',
      focusSeconds: 2700,
    });
  });

  it('keeps going ten minutes from the notification, and the next push comes then', async () => {
    t.clock.set(TEN);
    const person = await signedInDevice();
    const { payload } = await timeUpPush(person);
    const response = await pressButton(person.browser, { ...payload, action: 'keepGoing' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: 'active', targetSeconds: 55 * 60 });
    await advanceTime(t, queue, 10 * MINUTE);
    await expect.poll(() => fake.receivedBy(person.device).length, POLL).toBe(2);
  });

  it('refuses a wrong token, a token for another session, another person, and no sign-in', async () => {
    t.clock.set(TEN);
    const person = await signedInDevice();
    const { payload } = await timeUpPush(person);
    const wrong = await pressButton(person.browser, {
      ...payload,
      token: `${payload.token.slice(0, -2)}xx`,
      action: 'complete',
    });
    expect(wrong.status).toBe(403);
    const stranger = await signUpPerson(t);
    const theirs = await pressButton(stranger.browser, { ...payload, action: 'complete' });
    expect(theirs.status).toBe(404);
    // The token names one session: it does not act on the person's next one.
    const otherSession = sessionIdFor(person.actor.id, DAY, 2);
    const elsewhere = await pressButton(person.browser, {
      ...payload,
      sessionId: otherSession,
      action: 'complete',
    });
    expect(elsewhere.status).toBe(403);
    const signedOut = await t.app.request('http://localhost/api/v1/push-actions', {
      method: 'POST',
      body: JSON.stringify({ ...payload, action: 'complete' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(signedOut.status).toBe(401);
  });
});

describe('subscriptions', () => {
  it('refuses an endpoint that is not https, unless private addresses are allowed', async () => {
    const strict = await createTestApp({ now: TEN, config: { webhookAllowPrivate: false } });
    const actor = await createPerson(strict);
    const token = await createToken(strict, actor);
    const device = fake.createDevice();
    const response = await strict.app.request('http://localhost/api/v1/push-subscriptions', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(device.subscription),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: { endpoint: 'Use an https:// address.' } });
  });

  it('refuses keys that are not a P-256 key and a 16-byte secret', async () => {
    const { token, device } = await subscribedPerson();
    const response = await api(token, 'POST', '/push-subscriptions', {
      endpoint: device.subscription.endpoint,
      keys: { p256dh: 'abc', auth: device.subscription.keys.auth },
    });
    expect(response.status).toBe(422);
  });

  it('lists, tests and removes a device; another person’s id is not found', async () => {
    const { token, device } = await subscribedPerson();
    const { items, publicKey } = await subscriptionsOf(token);
    expect(publicKey).toBe(TEST_VAPID.publicKey);
    expect(items).toHaveLength(1);
    const id = items[0]!.id;
    const tested = await api(token, 'POST', `/push-subscriptions/${id}/test`);
    expect(await tested.json()).toEqual({ outcome: 'sent' });
    expect(fake.receivedBy(device).at(-1)!.payload).toMatchObject({ title: 'Deepsheet · test notification' });
    const other = await subscribedPerson();
    expect((await api(other.token, 'DELETE', `/push-subscriptions/${id}`)).status).toBe(404);
    expect((await api(other.token, 'POST', `/push-subscriptions/${id}/test`)).status).toBe(404);
    expect((await api(token, 'DELETE', `/push-subscriptions/${id}`)).status).toBe(204);
    expect((await subscriptionsOf(token)).items).toEqual([]);
  });

  it('goes with the sign-in that made it: signing that device out removes it', async () => {
    const person = await signUpPerson(t);
    const device = fake.createDevice();
    expect((await subscribeFromPage(person.browser, device)).status).toBe(201);
    const token = await createToken(t, person.actor);
    expect((await subscriptionsOf(token)).items).toHaveLength(1);
    await person.browser.submit('/logout', {});
    expect((await subscriptionsOf(token)).items).toEqual([]);
  });
});

describe('claims', () => {
  it('sends one push when two instances run the same session’s job at once', async () => {
    t.clock.set(TEN);
    const actor = await createPerson(t);
    const token = await createToken(t, actor);
    const device = fake.createDevice();
    await api(token, 'POST', '/push-subscriptions', device.subscription);
    const session = sessionOf(t, actor, DAY);
    await session.act('start');
    await t.jobs.idle();
    // The queue's own job stays far in the future; the two "instances" run the handler directly.
    t.clock.advance(45 * MINUTE);
    const input = { userId: actor.id, sessionId: session.id };
    const results = await Promise.all([sendTimeUpPush(t.deps, input), sendTimeUpPush(t.deps, input)]);
    expect(results.map((r) => (r.kind === 'done' ? r.outcomes : r.kind)).sort()).toEqual([[], ['sent']]);
    expect(fake.receivedBy(device)).toHaveLength(1);
  });

  it('keeps a sent push’s claim while its job could retry, and prunes it after a day', async () => {
    t.clock.set(TEN);
    const { actor, device } = await subscribedPerson();
    const session = sessionOf(t, actor, DAY);
    await session.act('start');
    await advanceTime(t, queue, 45 * MINUTE);
    await expect.poll(() => fake.receivedBy(device).length, POLL).toBe(1);
    const claims = () =>
      t.deps.db.select().from(pushDeliveries).where(eq(pushDeliveries.sessionId, session.id));
    expect(await claims()).toHaveLength(1);
    await pruneExpired(t.deps);
    expect(await claims()).toHaveLength(1);
    t.clock.advance(25 * 3600);
    await pruneExpired(t.deps);
    expect(await claims()).toEqual([]);
  });
});

describe('the VAPID key pair', () => {
  it('is one pair in the database that every instance reads back', async () => {
    const [a, b] = await Promise.all([
      keysFromDatabase(t.deps.db, 'mailto:ops@example.com', TEN),
      keysFromDatabase(t.deps.db, 'mailto:ops@example.com', TEN),
    ]);
    expect(b).toEqual(a);
    expect(await keysFromDatabase(t.deps.db, 'mailto:ops@example.com', TEN)).toEqual(a);
  });
});

describe('Settings › Notifications', () => {
  it('lists this person’s devices with a test and a Remove each, and offers the button only to the page’s script', async () => {
    const person = await signUpPerson(t);
    const device = fake.createDevice();
    expect((await subscribeFromPage(person.browser, device)).status).toBe(201);
    const page = await (await person.browser.get('/settings/notifications')).text();
    expect(page).toContain('Alert me on this device when time is up, even with the tab closed');
    // Hidden until the script finds PushManager: never a button that cannot work.
    expect(page).toMatch(/<div data-push-offer="true" data-public-key="[\w-]{87}" hidden=""/);
    expect(page).toContain('iOS delivers notifications only to Home Screen apps');
    expect(page).toContain('Chrome on Linux');
    expect(page).toContain('last delivered not yet');

    const id = /data-push-device="([\w-]+)"/.exec(page)![1]!;
    const tested = await person.browser.submit(`/settings/notifications/${id}/test`, {});
    expect(tested.headers.get('location')).toBe('/settings/notifications?saved=sent');
    expect(fake.receivedBy(device).at(-1)!.payload).toMatchObject({ title: 'Deepsheet · test notification' });

    const stranger = await signUpPerson(t);
    await stranger.browser.get('/settings/notifications');
    expect((await stranger.browser.submit(`/settings/notifications/${id}/remove`, {})).status).toBe(404);
    const removed = await person.browser.submit(`/settings/notifications/${id}/remove`, {});
    expect(removed.headers.get('location')).toBe('/settings/notifications?saved=removed');
    const after = await (await person.browser.get('/settings/notifications?saved=removed')).text();
    expect(after).toContain('None yet.');
    expect(after).toContain('That device will not be told any more.');
  });

  it('refuses a remove without the page’s CSRF token', async () => {
    const person = await signUpPerson(t);
    await person.browser.get('/settings/notifications');
    const response = await person.browser.submit('/settings/notifications/x/remove', {}, { csrf: null });
    expect(response.status).toBe(403);
  });
});
