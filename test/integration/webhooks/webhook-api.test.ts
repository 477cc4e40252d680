import { describe, expect, it } from 'vitest';
import { deliverDueWebhooks } from '../../../src/services/webhooks/deliver-webhooks.ts';
import { apiCaller, okJson as ok, sendJson as send } from '../../support/api.ts';
import { startWebhookReceiver } from '../../support/fakes/webhook-receiver.ts';
import { teamOfFour } from '../../support/teams.ts';
import { createTestApp } from '../../support/test-app.ts';
import { newCaller } from '../api/callers.ts';

const t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
const strict = await createTestApp({
  now: new Date('2026-04-06T07:00:00Z'),
  config: { webhookAllowPrivate: false },
});

async function deliver(): Promise<void> {
  while ((await deliverDueWebhooks(t.deps, { timeoutMs: 2000 })) > 0) {}
}

describe('the webhooks API', () => {
  it('shows the secret once, at creation, and never in a list', async () => {
    const person = await newCaller(t);
    const created = await send(person, 'POST', '/webhooks', {
      url: 'http://127.0.0.1:9/h',
      events: ['task.created'],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const list = await send(person, 'GET', '/webhooks');
    expect(list.text).not.toContain(String(created.body.secret));
    expect(list.text).not.toContain('whsec_');
  });

  it('answers 404 for another person’s webhook, on every route', async () => {
    const [owner, other] = [await newCaller(t), await newCaller(t)];
    const { webhook } = await ok<{ webhook: { id: string } }>(owner, 'POST', '/webhooks', {
      url: 'http://127.0.0.1:9/h',
      events: ['task.created'],
    });
    for (const [method, path, json] of [
      ['PATCH', `/webhooks/${webhook.id}`, { enabled: false }],
      ['DELETE', `/webhooks/${webhook.id}`, undefined],
      ['GET', `/webhooks/${webhook.id}/deliveries`, undefined],
      ['POST', `/webhooks/${webhook.id}/test`, undefined],
    ] as const) {
      expect((await send(other, method, path, json)).status, `${method} ${path}`).toBe(404);
    }
    expect((await send(owner, 'GET', `/webhooks/${webhook.id}/deliveries`)).status).toBe(200);
  });

  it('refuses writes with a read-only token', async () => {
    const reader = await apiCaller(t, { scopes: ['read'] });
    const answer = await send(reader, 'POST', '/webhooks', {
      url: 'http://127.0.0.1:9/h',
      events: ['task.created'],
    });
    expect(answer.status).toBe(403);
    expect((await send(reader, 'GET', '/webhooks')).status).toBe(200);
  });

  it('explains bad input as a 422 naming the field', async () => {
    const person = await newCaller(t);
    const answer = await send(person, 'POST', '/webhooks', { url: 'nope', events: ['task.deleted'] });
    expect(answer.status).toBe(422);
    expect(JSON.stringify(answer.body)).toContain('url');
  });

  it.each([
    ['http://127.0.0.1:9/h', 'https'],
    ['https://127.0.0.1/h', 'loopback'],
    ['https://10.0.0.8/h', 'private'],
    ['https://169.254.169.254/latest/meta-data', 'metadata'],
    ['https://[::ffff:127.0.0.1]/h', 'loopback'],
    ['https://localhost/h', 'loopback'],
  ])('refuses %s unless private addresses are allowed', async (url, word) => {
    const person = await newCaller(strict);
    const answer = await send(person, 'POST', '/webhooks', { url, events: ['task.created'] });
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toContain(word);
  });

  it('lets only owners and admins add a team’s webhook, for team events only', async () => {
    const team = await teamOfFour(t);
    const outsider = await newCaller(t);
    const body = { url: 'http://127.0.0.1:9/h', events: ['team.task.changed'], teamId: team.teamId };
    expect((await send(team.admin, 'POST', '/webhooks', body)).status).toBe(201);
    expect((await send(team.member, 'POST', '/webhooks', body)).status).toBe(403);
    expect((await send(outsider, 'POST', '/webhooks', body)).status).toBe(404);
    const personal = await send(team.admin, 'POST', '/webhooks', { ...body, events: ['task.created'] });
    expect(personal.status).toBe(422);
  });
});

describe('team events', () => {
  it('stop reaching a removed member’s endpoints, team or personal, queued or new', async () => {
    const team = await teamOfFour(t);
    const [teamHook, personalHook] = [
      await startWebhookReceiver(() => t.clock.now()),
      await startWebhookReceiver(() => t.clock.now()),
    ];
    const events = ['team.task.changed'];
    await ok(team.admin, 'POST', '/webhooks', { url: teamHook.url, events, teamId: team.teamId });
    await ok(team.admin, 'POST', '/webhooks', { url: personalHook.url, events });
    const project = await ok<{ id: string }>(team.owner, 'POST', '/projects', {
      name: 'Shared',
      teamId: team.teamId,
    });
    await ok(team.owner, 'POST', '/tasks', { title: 'Seen', projectId: project.id });
    await deliver();
    expect(teamHook.received.map((r) => r.payload.type)).toEqual(['team.task.changed']);
    expect(personalHook.received).toHaveLength(1);

    await ok(team.owner, 'POST', '/tasks', { title: 'Queued before removal', projectId: project.id });
    await ok(team.owner, 'DELETE', `/teams/${team.teamId}/members/${team.admin.userId}`);
    await ok(team.owner, 'POST', '/tasks', { title: 'After removal', projectId: project.id });
    await deliver();
    expect(teamHook.received).toHaveLength(1);
    expect(personalHook.received).toHaveLength(1);
  });
});
