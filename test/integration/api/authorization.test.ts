import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insights, slackConnections } from '../../../src/db/schema/index.ts';
import { createAuthSession } from '../../../src/services/auth-sessions.ts';
import { runExportJob } from '../../../src/services/exports/export-jobs.ts';
import { slackTokenBox } from '../../../src/services/slack/slack-access.ts';
import { pushActionToken } from '../../../src/services/web-push/push-action-token.ts';
import { deliverDueWebhooks } from '../../../src/services/webhooks/deliver-webhooks.ts';
import type { ApiCaller } from '../../support/api.ts';
import { startFakeGitHub } from '../../support/fakes/github.ts';
import { startPushServiceFake } from '../../support/fakes/push-service.ts';
import {
  type Answer,
  fetchOpenApiDocument,
  isWriteMethod,
  type OperationId,
  type OperationRef,
  operationsOf,
  pathParamsOf,
  problemIn,
  readAnswer,
} from '../../support/openapi.ts';
import { createTestApp, TEST_VAPID } from '../../support/test-app.ts';
import { freshClientIp, newCaller, PASSWORD } from './callers.ts';

// Authorization for every operation in the OpenAPI document, for every kind of caller: a row per
// operation says how to call it on the owner's data; each actor says what it must be answered.

const START = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: START });
const operations = operationsOf(await fetchOpenApiDocument(t.app));
// The owner's GitHub account, for the import connections (issue 15).
const github = await startFakeGitHub('ghp_owners_private_github_token');
github.addIssue('owner/private-repo', { title: 'The owner’s private issue' });
afterAll(() => github.close());
// The owner's phone's push service (Web Push, issue 16): its test notification is answered.
const pushService = await startPushServiceFake({ vapidPublicKey: TEST_VAPID.publicKey });
afterAll(() => pushService.stop());

/** One person's data that the operations act on. */
type World = {
  owner: ApiCaller;
  /** Planned, with a goal and a main task. */
  sessionId: string;
  /** Running, with an interruption recorded. */
  runningId: string;
  /** Completed. */
  doneId: string;
  /** A spare token of the owner, for revokeToken to revoke. */
  spareTokenId: string;
  /** A browser signed in as the owner, for revokeDevice to sign out. */
  deviceId: string;
  projectId: string;
  /** In the project, main task of `sessionId`, with a link. */
  taskId: string;
  spareTaskId: string;
  switchId: string;
  resourceId: string;
  /** An insight of the owner's current week. */
  insightId: string;
  /** A finished export of the owner's sessions. */
  exportId: string;
  /** The owner's team, with a second owner (so the owner may leave) and a member. */
  teamId: string;
  teamMemberId: string;
  teamInvitationId: string;
  /** An invitation into someone else's team, sent to the owner's address. */
  invitationToken: string;
  /** A webhook endpoint of the owner's, with one (test) delivery. */
  webhookId: string;
  webhookDeliveryId: string;
  /** A GitHub connection of the owner's (its first sync queued, never run here). */
  integrationId: string;
  /** A push subscription of the owner's phone, and the token its pushes carry for `runningId`. */
  pushSubscriptionId: string;
  pushActionToken: string;
  /** Ids and text of the owner that must never reach anyone else. */
  secrets: string[];
};

/**
 * A call; `isOwnersId` when the body names the owner's things (the path always does). A write
 * says what it changes (`observe`: paths the owner reads before and after): refused, those must
 * stay the same; done by the owner, they must change, which proves the observation sees it.
 * `ownerStatus`: what the owner is answered when their own world rules the write out (an archive
 * is imported only into a fresh account), which then must change nothing either.
 */
type Call = {
  path: string;
  json?: unknown;
  isOwnersId?: boolean;
  observe?: string[];
  ownerStatus?: number;
  /** What another person is answered when the path holds a secret sent to the owner, not an id. */
  othersStatus?: number;
};

const TOKENS = '/tokens?status=all&limit=100';
const PROJECTS = '/projects?status=all&limit=100';
const TASKS = '/tasks?status=todo,doing,done,dropped&limit=100';
const SWITCHES = '/context-switches?limit=100';
const RESOURCES = '/resources?limit=100';
const TEAMS = '/teams';
const WEBHOOKS = '/webhooks';
const INTEGRATIONS = '/integrations';
const PUSH = '/push-subscriptions';

/** A small valid archive: a fresh account takes it, the owner's (in use) refuses it. */
const ARCHIVE = {
  format: 'deepsheet-archive',
  version: 1,
  exportedAt: '2026-04-01T10:00:00.000Z',
  profile: {
    timeZone: 'Europe/Berlin',
    sessionLengthMinutes: 45,
    weekStart: 'monday',
    theme: 'system',
    weeklyFocusTargetMinutes: 600,
  },
  projects: [
    {
      id: '1c8f4c3e-2b1a-4d3e-9f5a-6b7c8d9e0f1a',
      name: 'Imported project',
      color: 'teal',
      description: '',
      status: 'active',
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
    },
  ],
  tasks: [],
  sessions: [],
  sessionTasks: [],
  contextSwitches: [],
  resources: [],
};

/** How to call each operation on the owner's data; the method comes from the document. */
const rows: Record<OperationId, (w: World) => Call> = {
  getMe: () => ({ path: '/me' }),
  getPreferences: () => ({ path: '/me/preferences' }),
  updatePreferences: () => ({
    path: '/me/preferences',
    json: { theme: 'dark', sessionLengthMinutes: 30 },
    observe: ['/me/preferences'],
  }),
  listDevices: () => ({ path: '/me/devices' }),
  revokeDevice: (w) => ({ path: `/me/devices/${w.deviceId}`, observe: ['/me/devices'] }),
  changePassword: () => ({
    path: '/me/password',
    json: { currentPassword: PASSWORD, newPassword: 'a different calm passphrase' },
    observe: ['/me/devices'],
  }),
  listApiRequests: () => ({ path: '/me/api-requests' }),
  getDay: () => ({ path: '/days/2026-04-06' }),
  listSessions: (w) => ({ path: `/sessions?taskId=${w.taskId}` }),
  getSession: (w) => ({ path: `/sessions/${w.sessionId}` }),
  updateSession: (w) => ({
    path: `/sessions/${w.sessionId}`,
    json: { goal: 'Overwritten' },
    observe: [`/sessions/${w.sessionId}`],
  }),
  applyTimerAction: (w) => ({
    path: `/sessions/${w.runningId}/pause`,
    observe: [`/sessions/${w.runningId}`],
  }),
  getDaySummary: () => ({ path: '/summaries/day?date=2026-04-06' }),
  getWeekSummary: () => ({ path: '/summaries/week?date=2026-04-06' }),
  getMonthHeatmap: () => ({ path: '/summaries/month?date=2026-04-06' }),
  getStreak: () => ({ path: '/streak' }),
  listTokens: () => ({ path: '/tokens?status=all' }),
  createToken: () => ({ path: '/tokens', json: { name: 'sneaky', scopes: ['read'] }, observe: [TOKENS] }),
  revokeToken: (w) => ({ path: `/tokens/${w.spareTokenId}`, observe: [TOKENS] }),
  streamEvents: () => ({ path: '/events' }),
  listProjects: () => ({ path: '/projects?status=all' }),
  createProject: () => ({ path: '/projects', json: { name: 'Sneaky project' }, observe: [PROJECTS] }),
  getProject: (w) => ({ path: `/projects/${w.projectId}` }),
  updateProject: (w) => ({
    path: `/projects/${w.projectId}`,
    json: { description: 'Overwritten' },
    observe: [PROJECTS],
  }),
  deleteProject: (w) => ({ path: `/projects/${w.projectId}`, observe: [PROJECTS] }),
  listTasks: () => ({ path: '/tasks?status=todo,doing,done,dropped' }),
  createTask: () => ({ path: '/tasks', json: { title: 'Sneaky task' }, observe: [TASKS] }),
  quickAddTask: () => ({
    path: '/tasks/quick-add',
    json: { text: 'Sneaky quick task !high' },
    observe: [TASKS, PROJECTS],
  }),
  getTask: (w) => ({ path: `/tasks/${w.taskId}` }),
  updateTask: (w) => ({ path: `/tasks/${w.taskId}`, json: { title: 'Overwritten' }, observe: [TASKS] }),
  deleteTask: (w) => ({ path: `/tasks/${w.taskId}`, observe: [TASKS] }),
  planTask: (w) => ({
    path: `/tasks/${w.spareTaskId}/plan`,
    json: { date: '2026-04-07' },
    observe: ['/days/2026-04-07', TASKS],
  }),
  listSessionTasks: (w) => ({ path: `/sessions/${w.sessionId}/tasks` }),
  linkSessionTask: (w) => ({
    path: `/sessions/${w.sessionId}/tasks/${w.spareTaskId}`,
    json: { role: 'main' },
    observe: [`/sessions/${w.sessionId}/tasks`],
  }),
  unlinkSessionTask: (w) => ({
    path: `/sessions/${w.sessionId}/tasks/${w.taskId}`,
    observe: [`/sessions/${w.sessionId}/tasks`],
  }),
  setSessionOutcome: (w) => ({
    path: `/sessions/${w.doneId}/outcome`,
    json: { outcome: 'done' },
    observe: [`/sessions/${w.doneId}`],
  }),
  listContextSwitches: () => ({ path: '/context-switches' }),
  recordContextSwitch: (w) => ({
    path: '/context-switches',
    json: { sessionId: w.runningId, reason: 'meeting' },
    isOwnersId: true,
    observe: [SWITCHES, `/sessions/${w.runningId}`],
  }),
  deleteContextSwitch: (w) => ({ path: `/context-switches/${w.switchId}`, observe: [SWITCHES] }),
  listResources: () => ({ path: '/resources' }),
  addResource: (w) => ({
    path: '/resources',
    json: { url: 'https://example.com/sneaky', taskId: w.taskId },
    isOwnersId: true,
    observe: [RESOURCES],
  }),
  deleteResource: (w) => ({ path: `/resources/${w.resourceId}`, observe: [RESOURCES] }),
  search: () => ({ path: '/search?q=private' }),
  getReport: () => ({ path: '/reports?from=2026-04-01&to=2026-04-30' }),
  getYearHeatmap: () => ({ path: '/reports/heatmap?year=2026' }),
  getCalendarFeed: () => ({ path: '/calendar-feed' }),
  createCalendarFeed: () => ({ path: '/calendar-feed', observe: ['/calendar-feed'] }),
  deleteCalendarFeed: () => ({ path: '/calendar-feed', observe: ['/calendar-feed'] }),
  // Slack (issue 15): the world holds a stored connection (no Slack call is needed to change it).
  getSlack: () => ({ path: '/slack' }),
  // Another person has no connection of their own to change: they are asked for a token (422).
  putSlack: () => ({
    path: '/slack',
    json: { statusText: 'Heads down until {end}' },
    observe: ['/slack'],
    othersStatus: 422,
  }),
  deleteSlack: () => ({ path: '/slack', observe: ['/slack'] }),
  listInsights: () => ({ path: '/insights' }),
  dismissInsight: (w) => ({ path: `/insights/${w.insightId}/dismiss`, observe: ['/insights'] }),
  exportSessions: () => ({ path: '/exports/sessions?format=csv' }),
  exportTasks: () => ({ path: '/exports/tasks' }),
  exportContextSwitches: () => ({ path: '/exports/context-switches?format=csv' }),
  exportReport: () => ({ path: '/exports/report?format=csv&from=2026-04-01&to=2026-04-30' }),
  exportInsights: () => ({ path: '/exports/insights' }),
  listExports: () => ({ path: '/exports' }),
  createExport: () => ({ path: '/exports', json: { kind: 'tasks', format: 'csv' }, observe: ['/exports'] }),
  getExport: (w) => ({ path: `/exports/${w.exportId}` }),
  downloadExport: (w) => ({ path: `/exports/${w.exportId}/download` }),
  exportAccount: () => ({ path: '/account/export' }),
  importAccount: () => ({ path: '/account/import', json: ARCHIVE, observe: [PROJECTS], ownerStatus: 409 }),
  listTeams: () => ({ path: TEAMS }),
  createTeam: () => ({ path: TEAMS, json: { name: 'Sneaky team' }, observe: [TEAMS] }),
  getTeam: (w) => ({ path: `/teams/${w.teamId}` }),
  renameTeam: (w) => ({ path: `/teams/${w.teamId}`, json: { name: 'Overwritten' }, observe: [TEAMS] }),
  deleteTeam: (w) => ({ path: `/teams/${w.teamId}`, observe: [TEAMS] }),
  listTeamMembers: (w) => ({ path: `/teams/${w.teamId}/members` }),
  changeTeamMemberRole: (w) => ({
    path: `/teams/${w.teamId}/members/${w.teamMemberId}`,
    json: { role: 'viewer' },
    observe: [`/teams/${w.teamId}/members`],
  }),
  removeTeamMember: (w) => ({
    path: `/teams/${w.teamId}/members/${w.teamMemberId}`,
    observe: [`/teams/${w.teamId}/members`],
  }),
  setTeamFocusSharing: (w) => ({
    path: `/teams/${w.teamId}/me`,
    json: { sharesFocus: true },
    observe: [`/teams/${w.teamId}/members`],
  }),
  getTeamFocusBoard: (w) => ({ path: `/teams/${w.teamId}/focus` }),
  leaveTeam: (w) => ({ path: `/teams/${w.teamId}/me`, observe: [TEAMS] }),
  transferTeamOwnership: (w) => ({
    path: `/teams/${w.teamId}/transfer-ownership`,
    json: { userId: w.teamMemberId },
    observe: [`/teams/${w.teamId}/members`],
  }),
  createTeamInvitation: (w) => ({
    path: `/teams/${w.teamId}/invitations`,
    json: { role: 'member' },
    observe: [`/teams/${w.teamId}/invitations`],
  }),
  listTeamInvitations: (w) => ({ path: `/teams/${w.teamId}/invitations` }),
  revokeTeamInvitation: (w) => ({
    path: `/teams/${w.teamId}/invitations/${w.teamInvitationId}`,
    observe: [`/teams/${w.teamId}/invitations`],
  }),
  acceptTeamInvitation: (w) => ({
    path: `/invitations/${w.invitationToken}/accept`,
    observe: [TEAMS],
    othersStatus: 403,
  }),
  getTeamReport: (w) => ({ path: `/teams/${w.teamId}/report?from=2026-04-01&to=2026-04-30` }),
  exportTeamReport: (w) => ({ path: `/teams/${w.teamId}/exports/report?format=csv` }),
  // GitHub and GitLab import (issue 15): the connection talks to the GitHub fake.
  listIntegrations: () => ({ path: INTEGRATIONS }),
  createIntegration: (w) => ({
    path: INTEGRATIONS,
    json: {
      provider: 'github',
      token: github.token,
      baseUrl: github.baseUrl,
      repositories: ['owner/private-repo'],
      projectId: w.projectId,
    },
    isOwnersId: true,
    observe: [INTEGRATIONS],
  }),
  deleteIntegration: (w) => ({ path: `/integrations/${w.integrationId}`, observe: [INTEGRATIONS] }),
  syncIntegration: (w) => ({ path: `/integrations/${w.integrationId}/sync`, observe: [INTEGRATIONS] }),
  listWebhooks: () => ({ path: WEBHOOKS }),
  createWebhook: () => ({
    path: WEBHOOKS,
    json: { url: 'http://127.0.0.1:9/sneaky', events: ['task.created'] },
    observe: [WEBHOOKS],
  }),
  updateWebhook: (w) => ({ path: `/webhooks/${w.webhookId}`, json: { enabled: false }, observe: [WEBHOOKS] }),
  deleteWebhook: (w) => ({ path: `/webhooks/${w.webhookId}`, observe: [WEBHOOKS] }),
  listWebhookDeliveries: (w) => ({ path: `/webhooks/${w.webhookId}/deliveries` }),
  sendTestWebhook: (w) => ({
    path: `/webhooks/${w.webhookId}/test`,
    observe: [`/webhooks/${w.webhookId}/deliveries`],
  }),
  resendWebhookDelivery: (w) => ({
    path: `/webhooks/${w.webhookId}/deliveries/${w.webhookDeliveryId}/resend`,
    observe: [`/webhooks/${w.webhookId}/deliveries`],
  }),
  listPushSubscriptions: () => ({ path: PUSH }),
  createPushSubscription: () => ({
    path: PUSH,
    json: pushService.createDevice().subscription,
    observe: [PUSH],
  }),
  deletePushSubscription: (w) => ({ path: `${PUSH}/${w.pushSubscriptionId}`, observe: [PUSH] }),
  sendTestPush: (w) => ({ path: `${PUSH}/${w.pushSubscriptionId}/test`, observe: [PUSH] }),
  answerPushAction: (w) => ({
    path: '/push-actions',
    json: {
      subscriptionId: w.pushSubscriptionId,
      sessionId: w.runningId,
      action: 'complete',
      token: w.pushActionToken,
    },
    isOwnersId: true,
    observe: [`/sessions/${w.runningId}`],
  }),
};

async function createWorld(): Promise<World> {
  const owner = await newCaller(t);
  const send = async <T = { id: string }>(method: string, path: string, json?: unknown): Promise<T> => {
    const response = await owner.call(path, { method, ...(json === undefined ? {} : { json }) });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const day = await send<{ sessions: { id: string }[] }>('GET', '/days/2026-04-06');
  const [sessionId, runningId, doneId] = day.sessions.map((s) => s.id) as [string, string, string];
  await send('PATCH', `/sessions/${sessionId}`, { goal: 'The owner’s private goal' });
  await send('POST', `/sessions/${doneId}/start`);
  await send('POST', `/sessions/${doneId}/complete`);
  await send('POST', `/sessions/${runningId}/start`);
  const spare = await send<{ token: { id: string } }>('POST', '/tokens', { name: 'spare', scopes: ['read'] });
  await createAuthSession(t.deps, t.deps.db, owner.userId, {
    remember: true,
    userAgent: 'The owner’s phone',
    ip: '10.9.8.7',
  });
  const devices = await send<{ items: { id: string }[] }>('GET', '/me/devices');
  const deviceId = devices.items[0]!.id;
  const project = await send('POST', '/projects', { name: 'The owner’s private project' });
  const task = await send('POST', '/tasks', { title: 'The owner’s private task', projectId: project.id });
  const spareTask = await send('POST', '/tasks', { title: 'The owner’s spare task' });
  await send('PUT', `/sessions/${sessionId}/tasks/${task.id}`, { role: 'main' });
  const interruption = await send('POST', '/context-switches', {
    sessionId: runningId,
    reason: 'colleague',
    note: 'The owner’s private note',
  });
  const resource = await send('POST', '/resources', {
    url: 'https://example.com/owners-private-doc',
    taskId: task.id,
  });
  const calendarFeed = await send<{ url: string }>('POST', '/calendar-feed');
  const exported = await send('POST', '/exports', { kind: 'sessions', format: 'csv' });
  await runExportJob(t.deps, { exportId: exported.id });
  const team = await send('POST', '/teams', { name: 'The owner’s private team' });
  const [coOwner, teamMember, host] = [await newCaller(t), await newCaller(t), await newCaller(t)];
  for (const [person, role] of [
    [coOwner, 'owner'],
    [teamMember, 'member'],
  ] as const) {
    const link = await send<{ token: string }>('POST', `/teams/${team.id}/invitations`, { role });
    expect((await person.call(`/invitations/${link.token}/accept`, { method: 'POST' })).status).toBe(200);
  }
  const teamInvitation = await send('POST', `/teams/${team.id}/invitations`, { role: 'viewer' });
  const hostTeam = (await (
    await host.call('/teams', { method: 'POST', json: { name: 'Host team' } })
  ).json()) as {
    id: string;
  };
  const hostInvitation = (await (
    await host.call(`/teams/${hostTeam.id}/invitations`, {
      method: 'POST',
      json: { email: owner.email, role: 'member' },
    })
  ).json()) as { token: string };
  const webhook = await send<{ webhook: { id: string } }>('POST', WEBHOOKS, {
    url: 'http://127.0.0.1:9/owners-private-hook',
    events: ['task.created'],
  });
  const webhookDelivery = await send('POST', `/webhooks/${webhook.webhook.id}/test`);
  // One failed attempt (nothing listens on port 9 of loopback), so a resend visibly starts over.
  await deliverDueWebhooks(t.deps);
  await t.deps.db.insert(slackConnections).values({
    userId: owner.userId,
    sealedToken: slackTokenBox(t.deps.config).seal('xoxp-owners-private-slack-token'),
    teamId: 'T1',
    teamName: 'The owner’s private workspace',
    slackUserId: 'U1',
    createdAt: START,
    updatedAt: START,
  });
  const integration = await send('POST', INTEGRATIONS, {
    provider: 'github',
    token: github.token,
    baseUrl: github.baseUrl,
    repositories: ['owner/private-repo'],
    projectId: project.id,
  });
  const push = await send('POST', PUSH, pushService.createDevice().subscription);
  // The sync "Sync now" asks for must visibly be a new request, so the clock moves on a little.
  t.clock.advance(1);
  const [insight] = await t.deps.db
    .insert(insights)
    .values({
      userId: owner.userId,
      rule: 'documentation',
      periodKey: '2026-04-06',
      severity: 'notice',
      title: 'The owner’s private insight',
      message: 'Few sessions end with a note.',
      recommendation: 'Tap one outcome.',
      evidence: [],
      computedAt: START,
    })
    .returning();
  return {
    owner,
    sessionId,
    runningId,
    doneId,
    spareTokenId: spare.token.id,
    deviceId,
    projectId: project.id,
    taskId: task.id,
    spareTaskId: spareTask.id,
    switchId: interruption.id,
    resourceId: resource.id,
    insightId: insight!.id,
    exportId: exported.id,
    teamId: team.id,
    teamMemberId: teamMember.userId,
    teamInvitationId: teamInvitation.id,
    invitationToken: hostInvitation.token,
    webhookId: webhook.webhook.id,
    webhookDeliveryId: webhookDelivery.id,
    integrationId: integration.id,
    pushSubscriptionId: push.id,
    pushActionToken: pushActionToken(t.deps.config.secret, push.id, runningId),
    secrets: [
      push.id,
      integration.id,
      github.token,
      'private-repo',
      webhook.webhook.id,
      webhookDelivery.id,
      'owners-private-hook',
      team.id,
      'xoxp-owners-private-slack-token',
      'The owner’s private workspace',
      teamInvitation.id,
      owner.userId,
      owner.email,
      sessionId,
      runningId,
      doneId,
      spare.token.id,
      deviceId,
      project.id,
      task.id,
      spareTask.id,
      interruption.id,
      resource.id,
      insight!.id,
      exported.id,
      'The owner’s private',
      'owners-private-doc',
      calendarFeed.url.split('/calendar/')[1]!,
    ],
  };
}

async function newToken(w: World, body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const response = await w.owner.call('/tokens', { method: 'POST', json: { name: 'actor', ...body } });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { token: { id: string }; secret: string };
  return { id: created.token.id, secret: created.secret };
}

/** What a write could change, as the owner sees it; null for a read. */
async function snapshotForWrite(w: World, op: OperationRef): Promise<unknown> {
  if (!isWriteMethod(op.method)) return null;
  const paths = rows[op.operationId as OperationId](w).observe ?? [];
  expect(paths, `${op.operationId} says what it changes`).not.toHaveLength(0);
  const seen: Record<string, unknown> = {};
  for (const path of paths) {
    const response = await w.owner.call(path);
    expect(response.status, path).toBe(200);
    const body = (await response.json()) as { items?: Record<string, unknown>[] };
    // A token's last use is the owner's own reading, not the change looked for.
    seen[path] = path === TOKENS ? body.items?.map(({ lastUsedAt: _, ...token }) => token) : body;
  }
  return seen;
}

/** Calls an operation with the given bearer secret (null: none), from an address of its own. */
async function callAs(w: World, op: OperationRef, secret: string | null): Promise<Answer> {
  const call = rows[op.operationId as OperationId](w);
  const response = await w.owner.call(call.path, {
    method: op.method.toUpperCase(),
    auth: secret,
    headers: { 'x-test-client-ip': freshClientIp() },
    ...(call.json === undefined ? {} : { json: call.json }),
  });
  return readAnswer(response);
}

/** Whether a call names the owner's things, so that anyone else must be told 404. */
const namesOwnersThings = (op: OperationRef, call: Call) =>
  call.isOwnersId === true || pathParamsOf(op.path).some((name) => name !== 'date' && name !== 'action');

it('has an authorization row for exactly the operations the document describes', () => {
  expect(Object.keys(rows).sort()).toEqual(operations.map((op) => op.operationId).sort());
  for (const op of operations) {
    const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`);
    const world = new Proxy({} as World, { get: (_, name) => String(name) });
    expect(rows[op.operationId as OperationId](world).path, op.operationId).toMatch(pattern);
  }
});

/** Refused callers: the answer, a problem document, and the owner's data untouched. */
function refusedCallers(
  name: string,
  secretOf: (w: World) => Promise<string | null>,
  options: { status: (op: OperationRef) => number; challenge?: boolean; clockSeconds?: number },
) {
  describe(name, () => {
    let world: World;
    let secret: string | null;
    beforeAll(async () => {
      t.clock.set(START);
      world = await createWorld();
      secret = await secretOf(world);
      if (options.clockSeconds) t.clock.advance(options.clockSeconds);
    });
    afterAll(() => t.clock.set(START));

    it.each(operations)('is refused $operationId and changes nothing', async (op) => {
      const before = await snapshotForWrite(world, op);
      const answer = await callAs(world, op, secret);
      const expected = options.status(op);
      expect(answer.status, answer.text).toBe(expected);
      expect(problemIn(answer).status).toBe(expected);
      if (options.challenge) expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      expect(await snapshotForWrite(world, op)).toEqual(before);
    });
  });
}

refusedCallers('an anonymous caller', async () => null, { status: () => 401, challenge: true });

refusedCallers('a caller with a token that was never issued', async () => 'ds_never-issued-0123456789', {
  status: () => 401,
  challenge: true,
});

refusedCallers(
  'a caller with a revoked token',
  async (w) => {
    const token = await newToken(w, { scopes: ['read', 'write'] });
    expect((await w.owner.call(`/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    return token.secret;
  },
  { status: () => 401, challenge: true },
);

refusedCallers(
  'a caller with an expired token',
  async (w) => (await newToken(w, { scopes: ['read', 'write'], expiresInDays: 1 })).secret,
  { status: () => 401, challenge: true, clockSeconds: 2 * 86_400 },
);

describe('a read-only token of the owner', () => {
  let world: World;
  let secret: string;
  beforeAll(async () => {
    t.clock.set(START);
    world = await createWorld();
    secret = (await newToken(world, { scopes: ['read'] })).secret;
  });

  it.each(operations)('may read but not write with $operationId', async (op) => {
    const before = await snapshotForWrite(world, op);
    const answer = await callAs(world, op, secret);
    if (isWriteMethod(op.method)) {
      expect(answer.status, answer.text).toBe(403);
      expect(problemIn(answer)).toMatchObject({ code: 'forbidden' });
    } else {
      expect(answer.status, answer.text).toBe(200);
    }
    expect(await snapshotForWrite(world, op)).toEqual(before);
  });
});

describe('another person', () => {
  let world: World;
  let intruder: ApiCaller;
  beforeAll(async () => {
    t.clock.set(START);
    world = await createWorld();
    intruder = await newCaller(t);
  });

  it.each(operations)('cannot reach the owner’s data through $operationId', async (op) => {
    const before = await snapshotForWrite(world, op);
    const call = rows[op.operationId as OperationId](world);
    const answer = await readAnswer(
      await intruder.call(call.path, {
        method: op.method.toUpperCase(),
        ...(call.json === undefined ? {} : { json: call.json }),
      }),
    );
    if (call.othersStatus) {
      // A secret sent to the owner (an invitation to their address) works for nobody else.
      expect(answer.status, answer.text).toBe(call.othersStatus);
    } else if (namesOwnersThings(op, call)) {
      // Another person's id is simply not found, exactly like an id that does not exist.
      expect(answer.status, answer.text).toBe(404);
      expect(problemIn(answer)).toMatchObject({ code: 'not_found' });
    } else {
      // Without an id in the path an operation acts on the caller's own data (or is refused for
      // the caller's own reasons, such as an import into an account that is not fresh).
      const { ownerStatus } = call;
      expect(answer.status === ownerStatus || answer.status < 300, answer.text).toBe(true);
    }
    for (const secret of world.secrets) expect(answer.text).not.toContain(secret);
    expect(await snapshotForWrite(world, op)).toEqual(before);
  });
});

describe('the owner', () => {
  let shared: World;
  beforeAll(async () => {
    t.clock.set(START);
    shared = await createWorld();
  });

  it.each(operations)('may use $operationId, and a write changes what the others could not', async (op) => {
    t.clock.set(START);
    // Each write gets a world of its own: revoking the device must not spoil changePassword.
    const world = isWriteMethod(op.method) ? await createWorld() : shared;
    const before = await snapshotForWrite(world, op);
    const answer = await callAs(world, op, world.owner.token);
    const { ownerStatus } = rows[op.operationId as OperationId](world);
    if (ownerStatus) {
      expect(answer.status, answer.text).toBe(ownerStatus);
      expect(await snapshotForWrite(world, op)).toEqual(before);
      return;
    }
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(200);
    expect(answer.status, answer.text).toBeLessThan(300);
    // The snapshot the refusals are checked against does see every write.
    if (isWriteMethod(op.method)) expect(await snapshotForWrite(world, op)).not.toEqual(before);
  });
});
