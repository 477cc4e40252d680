import { describe, expect, it } from 'vitest';
import {
  claimDueDeliveries,
  deliverDueWebhooks,
  sendAttempt,
} from '../../../src/services/webhooks/deliver-webhooks.ts';
import { type ApiCaller, okJson as ok } from '../../support/api.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/fakes/webhook-receiver.ts';
import { createTestApp } from '../../support/test-app.ts';
import { newCaller } from '../api/callers.ts';

const t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
const SECOND = 1000;
const advance = (ms: number) => t.clock.set(new Date(t.clock.now().getTime() + ms));

async function subscribed(events: string[] = ['session.started', 'task.created']) {
  const person = await newCaller(t);
  const receiver = await startWebhookReceiver(() => t.clock.now());
  const created = await ok<{ webhook: { id: string }; secret: string }>(person, 'POST', '/webhooks', {
    url: receiver.url,
    events,
  });
  receiver.secrets = [created.secret];
  return { person, receiver, webhookId: created.webhook.id, secret: created.secret };
}

async function firstSessionStarts(person: ApiCaller): Promise<void> {
  const day = await ok<{ sessions: { id: string }[] }>(person, 'GET', '/days/2026-04-06');
  await ok(person, 'POST', `/sessions/${day.sessions[0]!.id}/start`);
}

/** Runs the delivery worker until nothing is due now (other tests' receivers answer at once). */
async function deliver(timeoutMs = 2000): Promise<void> {
  while ((await deliverDueWebhooks(t.deps, { timeoutMs })) > 0) {}
}

const ids = (receiver: WebhookReceiver) => receiver.received.map((r) => r.webhookId);

describe('webhook delivery', () => {
  it('signs each delivery to the Standard Webhooks spec, as the reference verifier checks', async () => {
    const { person, receiver } = await subscribed();
    await firstSessionStarts(person);
    await ok(person, 'POST', '/tasks', { title: 'Write the notes' });
    await deliver();
    expect(receiver.received.map((r) => r.payload.type)).toEqual(['session.started', 'task.created']);
    for (const r of receiver.received) {
      expect(r.verifiedWith).toEqual([true]);
      expect(r.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
      expect(r.headers['webhook-timestamp']).toBe(String(Math.floor(t.clock.now().getTime() / 1000)));
    }
    expect(receiver.received[1]!.payload.data).toMatchObject({ title: 'Write the notes', status: 'todo' });
  });

  it('retries on the schedule with the same webhook-id, and logs each answer', async () => {
    const { person, receiver, webhookId } = await subscribed(['task.created']);
    receiver.behaviour = 'fail';
    await ok(person, 'POST', '/tasks', { title: 'Retry me' });
    await deliver();
    expect(receiver.received).toHaveLength(1);
    advance(4 * SECOND);
    await deliver();
    expect(receiver.received).toHaveLength(1); // not before 5 s
    advance(1 * SECOND);
    await deliver();
    expect(receiver.received).toHaveLength(2);
    advance(5 * 60 * SECOND);
    receiver.behaviour = 'ok';
    await deliver();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(ids(receiver)).size).toBe(1);
    const log = await ok<{
      items: { status: string; attempts: number; lastStatusCode: number; responseSnippet: string }[];
    }>(person, 'GET', `/webhooks/${webhookId}/deliveries`);
    expect(log.items[0]).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
      responseSnippet: '<b>thanks</b>',
    });
  });

  it('disables an endpoint that answers 410 Gone and tells its owner', async () => {
    const { person, receiver, webhookId } = await subscribed(['task.created']);
    receiver.behaviour = 'gone';
    await ok(person, 'POST', '/tasks', { title: 'Gone' });
    await deliver();
    const list = await ok<{ items: { id: string; enabled: boolean; disabledReason: string }[] }>(
      person,
      'GET',
      '/webhooks',
    );
    expect(list.items.find((w) => w.id === webhookId)).toMatchObject({
      enabled: false,
      disabledReason: 'gone',
    });
    expect(t.mailer.lastTo(person.email)?.subject).toBe('A Deepsheet webhook was turned off');
    await ok(person, 'POST', '/tasks', { title: 'Not sent' });
    advance(10 * SECOND);
    await deliver();
    expect(receiver.received).toHaveLength(1);
  });

  it('disables an endpoint still failing a day after its first failure, with a mail', async () => {
    const { person, receiver, webhookId } = await subscribed(['task.created']);
    receiver.behaviour = 'fail';
    await ok(person, 'POST', '/tasks', { title: 'Keeps failing' });
    await deliver();
    for (const wait of [
      5 * SECOND,
      5 * 60 * SECOND,
      30 * 60 * SECOND,
      2 * 3600 * SECOND,
      5 * 3600 * SECOND,
      10 * 3600 * SECOND,
    ]) {
      advance(wait);
      await deliver();
    }
    const before = await ok<{ items: { id: string; enabled: boolean }[] }>(person, 'GET', '/webhooks');
    expect(before.items.find((w) => w.id === webhookId)?.enabled).toBe(true);
    expect(receiver.received).toHaveLength(7);
    advance(24 * 3600 * SECOND);
    await deliver();
    expect(receiver.received).toHaveLength(8);
    const after = await ok<{ items: { id: string; enabled: boolean; disabledReason: string }[] }>(
      person,
      'GET',
      '/webhooks',
    );
    expect(after.items.find((w) => w.id === webhookId)).toMatchObject({
      enabled: false,
      disabledReason: 'failing',
    });
    expect(t.mailer.lastTo(person.email)?.text).toContain('kept failing for a day');
  });

  it('never follows a redirect: a 3xx is a failure', async () => {
    const { person, receiver, webhookId } = await subscribed(['task.created']);
    receiver.behaviour = 'redirect';
    await ok(person, 'POST', '/tasks', { title: 'Redirected' });
    await deliver();
    const log = await ok<{ items: { status: string; lastStatusCode: number }[] }>(
      person,
      'GET',
      `/webhooks/${webhookId}/deliveries`,
    );
    expect(log.items[0]).toMatchObject({ status: 'pending', lastStatusCode: 302 });
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up on a receiver slower than the timeout and tries again later', async () => {
    const { person, receiver, webhookId } = await subscribed(['task.created']);
    receiver.behaviour = 'slow';
    await ok(person, 'POST', '/tasks', { title: 'Slow' });
    await deliver(200);
    const log = await ok<{ items: { status: string; lastError: string; attempts: number }[] }>(
      person,
      'GET',
      `/webhooks/${webhookId}/deliveries`,
    );
    expect(log.items[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(log.items[0]!.lastError).toContain('No answer within');
    await ok(person, 'PATCH', `/webhooks/${webhookId}`, { enabled: false });
  });

  it('signs with both secrets for 24 hours after a rotation, then with the new one only', async () => {
    const { person, receiver, webhookId, secret: old } = await subscribed(['task.created']);
    const rotated = await ok<{ secret: string }>(person, 'PATCH', `/webhooks/${webhookId}`, {
      rotateSecret: true,
    });
    expect(rotated.secret).toMatch(/^whsec_/);
    receiver.secrets = [old, rotated.secret];
    await ok(person, 'POST', '/tasks', { title: 'Both' });
    await deliver();
    expect(receiver.received.at(-1)!.verifiedWith).toEqual([true, true]);
    advance(24 * 3600 * SECOND + SECOND);
    await ok(person, 'POST', '/tasks', { title: 'New only' });
    await deliver();
    expect(receiver.received.at(-1)!.verifiedWith).toEqual([false, true]);
  });

  it('sends one event with one id even when a worker dies mid-flight', async () => {
    const { person, receiver } = await subscribed(['task.created']);
    await ok(person, 'POST', '/tasks', { title: 'Once' });
    const claimed = await claimDueDeliveries(t.deps);
    const mine = claimed.filter((c) => c.endpoint.url === receiver.url);
    expect(mine).toHaveLength(1);
    await sendAttempt(t.deps, mine[0]!); // sent; the worker dies before recording it
    expect(await claimDueDeliveries(t.deps)).toEqual([]); // a second worker does not take it meanwhile
    advance(61 * SECOND);
    await deliver();
    expect(receiver.received).toHaveLength(2);
    expect(new Set(ids(receiver)).size).toBe(1);
    advance(3600 * SECOND);
    await deliver();
    expect(receiver.received).toHaveLength(2);
  });

  it('sends nothing for a change that rolled back', async () => {
    const { person, receiver } = await subscribed(['task.created']);
    const refused = await person.call('/tasks', {
      method: 'POST',
      json: { title: 'x', projectId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(refused.status).toBe(404);
    await deliver();
    expect(receiver.received).toHaveLength(0);
  });

  it('sends day.completed when the last session of the day ends', async () => {
    const { person, receiver } = await subscribed(['day.completed']);
    const day = await ok<{ sessions: { id: string }[] }>(person, 'GET', '/days/2026-04-06');
    for (const session of day.sessions) await ok(person, 'POST', `/sessions/${session.id}/skip`);
    await deliver();
    expect(receiver.received.map((r) => r.payload.type)).toEqual(['day.completed']);
    expect(receiver.received[0]!.payload.data).toMatchObject({ date: '2026-04-06', skipped: 4 });
  });

  it('sends a test event and resends a delivery with the same id', async () => {
    const { person, receiver, webhookId } = await subscribed(['task.created']);
    const test = await ok<{ id: string; webhookId: string }>(person, 'POST', `/webhooks/${webhookId}/test`);
    await deliver();
    await ok(person, 'POST', `/webhooks/${webhookId}/deliveries/${test.id}/resend`);
    await deliver();
    expect(receiver.received.map((r) => r.payload.type)).toEqual(['webhook.test', 'webhook.test']);
    expect(ids(receiver)).toEqual([test.webhookId, test.webhookId]);
  });
});
