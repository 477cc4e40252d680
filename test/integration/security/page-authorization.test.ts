import { createECDH, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insights, passkeys, userIdentities, users } from '../../../src/db/schema/index.ts';
import { createApiToken } from '../../../src/services/api-tokens.ts';
import { runExportJob } from '../../../src/services/exports/export-jobs.ts';
import { startTwoFactorSetup } from '../../../src/services/two-factor/two-factor-settings.ts';
import { userIdOf } from '../../support/api.ts';
import { type FakeGitHub, startFakeGitHub } from '../../support/fakes/github.ts';
import { type FakeOidcProvider, startFakeOidcProvider } from '../../support/fakes/oidc-provider.ts';
import { TestBrowser } from '../../support/http-client.ts';
import { signInProvidersConfig } from '../../support/sign-in-providers.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../../support/test-app.ts';

// ASVS V8 for pages: every page route of the app (read from its own route table) has a row here.
// Anonymous people are sent to sign in, another person gets 404 for the owner's ids, the owner
// gets through; nothing of the owner's changes when someone is refused, and no GET changes state.

const START = new Date('2026-04-06T07:00:00Z');
let t: TestApp;
// The owner's GitHub account, for the import connection (issue 15).
let github: FakeGitHub;
let oidc: FakeOidcProvider;
afterAll(async () => {
  await github?.close();
  await oidc?.close();
});
beforeAll(async () => {
  github = await startFakeGitHub();
  oidc = await startFakeOidcProvider();
  // Slack OAuth set up, so /settings/slack/connect has somewhere to send the owner (never called).
  const slack = {
    apiUrl: 'http://127.0.0.1:9/api',
    authorizeUrl: 'https://slack.example/oauth/v2/authorize',
    oauth: { clientId: 'page-client', clientSecret: 'page-secret' },
  };
  t = await createTestApp({
    now: START,
    config: { slack, signInProviders: signInProvidersConfig({ oidc }) },
  });
});

type World = {
  browser: TestBrowser;
  api: (method: string, path: string, json?: unknown) => Promise<Record<string, unknown>>;
  sessionId: string;
  doneId: string;
  /** Running, so an interruption can be noted. */
  runningId: string;
  taskId: string;
  projectId: string;
  resourceId: string;
  tokenId: string;
  deviceId: string;
  insightId: string;
  exportId: string;
  teamId: string;
  /** A second owner of the team, and a pending invitation of the team. */
  teamMemberId: string;
  teamInvitationId: string;
  /** A link into someone else's team, for the owner to open and accept. */
  invitationToken: string;
  /** A webhook of the owner's with one test delivery. */
  webhookId: string;
  webhookDeliveryId: string;
  /** A GitHub connection of the owner's (its first sync queued, never run here). */
  integrationId: string;
  /** A sign-in provider linked to the owner's account. */
  identityId: string;
  /** A passkey of the owner's (its credential id). */
  passkeyId: string;
  /** A push subscription of the owner's, on a loopback port nothing listens on (Web Push, issue 16). */
  pushSubscriptionId: string;
};

/** How to call a page route; `form` for writes. Public routes are listed apart, below. */
type Row = {
  path: (w: World) => string;
  form?: (w: World) => Record<string, string>;
  /** A write the page's script sends as JSON (with X-CSRF-Token) instead of a form. */
  json?: (w: World) => unknown;
  isStream?: boolean;
  /** What the owner gets from a GET when it is not 200 (a redirect out, a refusal page). */
  ownerStatus?: number;
};

const rows: Record<string, Row> = {
  'GET /settings': { path: () => '/settings' },
  'POST /settings/calendar-feed': { path: () => '/settings/calendar-feed', form: () => ({}) },
  'POST /settings/calendar-feed/rotate': { path: () => '/settings/calendar-feed/rotate', form: () => ({}) },
  'POST /settings/calendar-feed/revoke': { path: () => '/settings/calendar-feed/revoke', form: () => ({}) },
  // Web Push (issue 16)
  'GET /settings/notifications': { path: () => '/settings/notifications' },
  'POST /settings/notifications/:id/test': {
    path: (w) => `/settings/notifications/${w.pushSubscriptionId}/test`,
    form: () => ({}),
  },
  'POST /settings/notifications/:id/remove': {
    path: (w) => `/settings/notifications/${w.pushSubscriptionId}/remove`,
    form: () => ({}),
  },
  // Webhooks (issue 15)
  'GET /settings/webhooks': { path: () => '/settings/webhooks' },
  'POST /settings/webhooks': {
    path: () => '/settings/webhooks',
    form: () => ({ url: 'http://127.0.0.1:9/page', events: 'task.created' }),
  },
  'POST /settings/webhooks/:id/rotate': {
    path: (w) => `/settings/webhooks/${w.webhookId}/rotate`,
    form: () => ({}),
  },
  'POST /settings/webhooks/:id/enable': {
    path: (w) => `/settings/webhooks/${w.webhookId}/enable`,
    form: () => ({}),
  },
  'POST /settings/webhooks/:id/disable': {
    path: (w) => `/settings/webhooks/${w.webhookId}/disable`,
    form: () => ({}),
  },
  'POST /settings/webhooks/:id/delete': {
    path: (w) => `/settings/webhooks/${w.webhookId}/delete`,
    form: () => ({}),
  },
  'POST /settings/webhooks/:id/test': {
    path: (w) => `/settings/webhooks/${w.webhookId}/test`,
    form: () => ({}),
  },
  'POST /settings/webhooks/:id/deliveries/:deliveryId/resend': {
    path: (w) => `/settings/webhooks/${w.webhookId}/deliveries/${w.webhookDeliveryId}/resend`,
    form: () => ({}),
  },
  // GitHub and GitLab import (issue 15)
  'GET /settings/integrations': { path: () => '/settings/integrations' },
  'POST /settings/integrations': {
    path: () => '/settings/integrations',
    form: (w) => ({ provider: 'github', token: '', repositories: '', projectId: w.projectId }),
  },
  'GET /settings/integrations/:id/status': {
    path: (w) => `/settings/integrations/${w.integrationId}/status`,
  },
  'POST /settings/integrations/:id/sync': {
    path: (w) => `/settings/integrations/${w.integrationId}/sync`,
    form: () => ({}),
  },
  'POST /settings/integrations/:id/delete': {
    path: (w) => `/settings/integrations/${w.integrationId}/delete`,
    form: () => ({}),
  },
  // Slack focus status (issue 15): no Slack is reachable here, so the writes end in form errors.
  'GET /settings/slack': { path: () => '/settings/slack' },
  'POST /settings/slack': { path: () => '/settings/slack', form: () => ({ token: '' }) },
  'POST /settings/slack/settings': {
    path: () => '/settings/slack/settings',
    form: () => ({ statusText: 'Focus', statusEmoji: ':brain:' }),
  },
  'POST /settings/slack/disconnect': { path: () => '/settings/slack/disconnect', form: () => ({}) },
  'GET /settings/slack/connect': { path: () => '/settings/slack/connect', ownerStatus: 302 },
  // Without a state from /connect: refused, as a page.
  'GET /settings/slack/callback': { path: () => '/settings/slack/callback?code=c', ownerStatus: 400 },
  // Two-factor authentication (issue 16): the world is halfway through setting it up, so each write
  // is one the owner may make; the forms are empty or wrong, so they end in form errors.
  'GET /settings/two-factor': { path: () => '/settings/two-factor' },
  'POST /settings/two-factor/setup': {
    path: () => '/settings/two-factor/setup',
    form: () => ({ password: 'a calm and long passphrase' }),
  },
  'POST /settings/two-factor/confirm': {
    path: () => '/settings/two-factor/confirm',
    form: () => ({ code: '' }),
  },
  'POST /settings/two-factor/recovery-codes': {
    path: () => '/settings/two-factor/recovery-codes',
    form: () => ({ password: '' }),
  },
  'POST /settings/two-factor/disable': {
    path: () => '/settings/two-factor/disable',
    form: () => ({ password: '', code: '' }),
  },
  // Sign-in methods (issue 16): the owner has a password and one linked provider, so unlinking it
  // is allowed; linking goes to the OIDC fake (never approved here).
  'GET /settings/sign-in-methods': { path: () => '/settings/sign-in-methods' },
  'POST /settings/sign-in-methods/link/:provider': {
    path: () => '/settings/sign-in-methods/link/oidc',
    form: () => ({}),
  },
  'POST /settings/sign-in-methods/:id/unlink': {
    path: (w) => `/settings/sign-in-methods/${w.identityId}/unlink`,
    form: () => ({}),
  },
  'POST /settings/sign-in-methods/verify-email': {
    path: () => '/settings/sign-in-methods/verify-email',
    form: () => ({}),
  },
  'POST /settings/sign-in-methods/set-password': {
    path: () => '/settings/sign-in-methods/set-password',
    form: () => ({}),
  },
  'GET /settings/passkeys': { path: () => '/settings/passkeys' },
  'POST /settings/passkeys/options': { path: () => '/settings/passkeys/options', json: () => ({}) },
  // An overlong name: refused before any answer is looked at (a form error for the owner).
  'POST /settings/passkeys': { path: () => '/settings/passkeys', json: () => ({ name: 'x'.repeat(61) }) },
  'POST /settings/passkeys/:id/remove': {
    path: (w) => `/settings/passkeys/${w.passkeyId}/remove`,
    form: () => ({}),
  },
  'POST /settings/preferences': {
    path: () => '/settings/preferences',
    form: () => ({
      timeZone: 'Europe/Berlin',
      sessionLengthMinutes: '30',
      weekStart: 'monday',
      theme: 'dark',
    }),
  },
  'POST /settings/password': {
    path: () => '/settings/password',
    form: () => ({ currentPassword: 'a calm and long passphrase', newPassword: 'another calm passphrase' }),
  },
  'POST /settings/delete-account': {
    path: () => '/settings/delete-account',
    form: () => ({ password: 'a calm and long passphrase' }),
  },
  'POST /settings/tokens': {
    path: () => '/settings/tokens',
    form: () => ({ name: 'page token', scopes: 'read' }),
  },
  'POST /settings/tokens/:id/revoke': {
    path: (w) => `/settings/tokens/${w.tokenId}/revoke`,
    form: () => ({}),
  },
  'POST /settings/devices/revoke-others': { path: () => '/settings/devices/revoke-others', form: () => ({}) },
  'POST /settings/devices/:id/revoke': {
    path: (w) => `/settings/devices/${w.deviceId}/revoke`,
    form: () => ({}),
  },
  'GET /tasks': { path: () => '/tasks' },
  'GET /tasks/quick-add/preview': { path: () => '/tasks/quick-add/preview?text=Write%20%23Alpha' },
  'POST /tasks/quick-add': { path: () => '/tasks/quick-add', form: () => ({ text: 'A page task' }) },
  'GET /tasks/:id': { path: (w) => `/tasks/${w.taskId}` },
  'POST /tasks/:id': {
    path: (w) => `/tasks/${w.taskId}`,
    form: () => ({ title: 'Renamed', status: 'doing' }),
  },
  'POST /tasks/:id/delete': { path: (w) => `/tasks/${w.taskId}/delete`, form: () => ({}) },
  'POST /tasks/:id/plan': { path: (w) => `/tasks/${w.taskId}/plan`, form: () => ({ date: '2026-04-07' }) },
  'POST /projects': { path: () => '/projects', form: () => ({ name: 'Page project' }) },
  'GET /projects/:id': { path: (w) => `/projects/${w.projectId}` },
  'POST /projects/:id': {
    path: (w) => `/projects/${w.projectId}`,
    form: () => ({ name: 'Renamed', color: 'teal', description: 'x', status: 'active' }),
  },
  'POST /projects/:id/delete': { path: (w) => `/projects/${w.projectId}/delete`, form: () => ({}) },
  'POST /resources': {
    path: () => '/resources',
    form: (w) => ({ url: 'https://example.com/page', taskId: w.taskId }),
  },
  'POST /resources/:id/delete': { path: (w) => `/resources/${w.resourceId}/delete`, form: () => ({}) },
  'GET /search': { path: () => '/search?q=Alpha' },
  'GET /exports/jobs/:id': { path: (w) => `/exports/jobs/${w.exportId}` },
  'GET /exports/jobs/:id/status': { path: (w) => `/exports/jobs/${w.exportId}/status` },
  'GET /exports/jobs/:id/download': { path: (w) => `/exports/jobs/${w.exportId}/download` },
  'GET /exports/:file{[a-z-]+\\.(?:csv|json|pdf)}': { path: () => '/exports/tasks.csv' },
  'POST /account/import': { path: () => '/account/import', form: () => ({}) },
  'GET /reports': { path: () => '/reports' },
  'GET /reports/fragment': { path: () => '/reports/fragment?from=2026-04-06&to=2026-04-12' },
  'GET /insights/fragment': { path: () => '/insights/fragment' },
  'POST /insights/:id/dismiss': { path: (w) => `/insights/${w.insightId}/dismiss`, form: () => ({}) },
  'GET /': { path: () => '/' },
  'GET /day/:date': { path: () => '/day/2026-04-06' },
  'GET /day/:date/sheet': { path: () => '/day/2026-04-06/sheet' },
  'GET /week/:date': { path: () => '/week/2026-04-06' },
  'GET /month/:date': { path: () => '/month/2026-04-06' },
  'POST /sessions/:id/edit': { path: (w) => `/sessions/${w.sessionId}/edit`, form: () => ({}) },
  'POST /sessions/:id/tasks': {
    path: (w) => `/sessions/${w.sessionId}/tasks`,
    form: (w) => ({ taskId: w.taskId }),
  },
  'POST /sessions/:id/tasks/:taskId/unlink': {
    path: (w) => `/sessions/${w.sessionId}/tasks/${w.taskId}/unlink`,
    form: () => ({}),
  },
  'POST /sessions/:id/outcome': {
    path: (w) => `/sessions/${w.doneId}/outcome`,
    form: () => ({ outcome: 'done' }),
  },
  'POST /sessions/:id/interrupt': {
    path: (w) => `/sessions/${w.runningId}/interrupt`,
    form: () => ({ reason: 'meeting' }),
  },
  'POST /sessions/:id/:action': { path: (w) => `/sessions/${w.runningId}/pause`, form: () => ({}) },
  'GET /events': { path: () => '/events', isStream: true },
  'GET /teams': { path: () => '/teams' },
  'POST /teams': { path: () => '/teams', form: () => ({ name: 'Page team' }) },
  'GET /teams/:id': { path: (w) => `/teams/${w.teamId}` },
  'GET /teams/:id/report': { path: (w) => `/teams/${w.teamId}/report` },
  'GET /teams/:id/focus': { path: (w) => `/teams/${w.teamId}/focus` },
  'GET /teams/:id/focus/board': { path: (w) => `/teams/${w.teamId}/focus/board` },
  'GET /teams/:id/:file{report\\.(?:csv|json|pdf)}': {
    path: (w) => `/teams/${w.teamId}/report.pdf?from=2026-04-06&to=2026-04-12`,
  },
  'POST /teams/:id/rename': { path: (w) => `/teams/${w.teamId}/rename`, form: () => ({ name: 'Renamed' }) },
  'POST /teams/:id/delete': { path: (w) => `/teams/${w.teamId}/delete`, form: () => ({}) },
  'POST /teams/:id/members/:userId/role': {
    path: (w) => `/teams/${w.teamId}/members/${w.teamMemberId}/role`,
    form: () => ({ role: 'viewer' }),
  },
  'POST /teams/:id/members/:userId/remove': {
    path: (w) => `/teams/${w.teamId}/members/${w.teamMemberId}/remove`,
    form: () => ({}),
  },
  'POST /teams/:id/focus': { path: (w) => `/teams/${w.teamId}/focus`, form: () => ({ sharesFocus: 'on' }) },
  'POST /teams/:id/leave': { path: (w) => `/teams/${w.teamId}/leave`, form: () => ({}) },
  'POST /teams/:id/transfer': {
    path: (w) => `/teams/${w.teamId}/transfer`,
    form: (w) => ({ userId: w.teamMemberId }),
  },
  'POST /teams/:id/invitations': {
    path: (w) => `/teams/${w.teamId}/invitations`,
    form: () => ({ role: 'member', email: '' }),
  },
  'POST /teams/:id/invitations/:invitationId/revoke': {
    path: (w) => `/teams/${w.teamId}/invitations/${w.teamInvitationId}/revoke`,
    form: () => ({}),
  },
  'GET /invitations/:token': { path: (w) => `/invitations/${w.invitationToken}` },
  'POST /invitations/:token/accept': {
    path: (w) => `/invitations/${w.invitationToken}/accept`,
    form: () => ({}),
  },
};

/** Routes anyone may reach: signing in and up, health, static files, the token-guarded feed. */
const PUBLIC = new Set([
  'GET /health/live',
  'GET /health/ready',
  'GET /*',
  'HEAD /*',
  'GET /calendar/:file',
  'GET /__test/clock',
  'POST /__test/clock',
  'GET /api/docs',
  'GET /login',
  'POST /login',
  'GET /login/two-factor',
  'POST /login/two-factor',
  'POST /login/passkey/options',
  'POST /login/passkey',
  'POST /login/two-factor/passkey/options',
  'POST /login/two-factor/passkey',
  'POST /logout',
  'GET /signup',
  'POST /signup',
  'GET /forgot-password',
  'POST /forgot-password',
  'GET /reset-password/:token',
  'GET /reset-password',
  'POST /reset-password',
  // Provider sign-in (issue 16): the start is a CSRF-checked form, the callback is guarded by its
  // single-use state (tested in provider-sign-in.test.ts), the mailed link by its token (its
  // button is a CSRF-checked form).
  'POST /auth/:provider/start',
  'GET /auth/:provider/callback',
  'GET /verify-email/:token',
  'GET /verify-email',
  'POST /verify-email',
]);

function pageRoutes(): string[] {
  const keys = t.app.routes
    .filter((r) => r.method !== 'ALL' && !r.path.startsWith('/api/v1'))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].filter((key) => !PUBLIC.has(key));
}

/** Another person, inserted directly, for the teams the owner shares. */
async function personOf() {
  const email = uniqueEmail('mate');
  const [user] = await t.deps.db
    .insert(users)
    .values({ email, passwordHash: 'not used', createdAt: START, updatedAt: START, passwordChangedAt: START })
    .returning();
  return { id: user!.id, email, isAdmin: false };
}

async function bearer(secret: string, method: string, path: string, json?: unknown) {
  const response = await t.app.request(`http://localhost/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${secret}`,
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A person with one of everything the pages act on. */
async function worldOf(): Promise<World> {
  t.clock.set(START);
  const browser = new TestBrowser(t.app);
  const email = uniqueEmail('pages');
  await browser.signUp(email);
  const userId = await userIdOf(t, email);
  const actor = { id: userId, email, isAdmin: false };
  const { secret } = await createApiToken(t.deps, actor, { name: 'world', scopes: ['read', 'write'] });
  await startTwoFactorSetup(t.deps, actor, { password: 'a calm and long passphrase' });
  const api = async (method: string, path: string, json?: unknown) => {
    const response = await t.app.request(`http://localhost/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secret}`,
        'x-test-client-ip': browser.ip,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const day = (await api('GET', '/days/today')) as { sessions: { id: string }[] };
  const [sessionId, doneId, runningId] = day.sessions.map((s) => s.id) as [string, string, string];
  await api('POST', `/sessions/${doneId}/start`);
  t.clock.advance(30 * 60);
  await api('POST', `/sessions/${doneId}/complete`);
  await api('POST', `/sessions/${runningId}/start`);
  const projectId = (await api('POST', '/projects', { name: 'Alpha' })).id as string;
  const taskId = (await api('POST', '/tasks', { title: 'Write', projectId })).id as string;
  await api('PUT', `/sessions/${sessionId}/tasks/${taskId}`, { role: 'main' });
  const resourceId = (await api('POST', '/resources', { url: 'https://example.com/a', taskId })).id as string;
  const token = (await api('POST', '/tokens', { name: 'spare', scopes: ['read'] })) as {
    token: { id: string };
  };
  const devices = (await api('GET', '/me/devices')) as { items: { id: string }[] };
  const [insight] = await t.deps.db
    .insert(insights)
    .values({
      userId,
      rule: 'documentation',
      periodKey: '2026-04-06',
      severity: 'notice',
      title: 'Few sessions end with a note',
      message: 'A message.',
      recommendation: 'A suggestion.',
      evidence: [],
      computedAt: START,
    })
    .returning();
  const exported = await api('POST', '/exports', { kind: 'tasks', format: 'csv' });
  await runExportJob(t.deps, { exportId: exported.id as string });
  await api('POST', '/calendar-feed');
  const team = await api('POST', '/teams', { name: 'The owner’s team' });
  const teamId = team.id as string;
  const mate = await createApiToken(t.deps, await personOf(), { name: 'mate', scopes: ['read', 'write'] });
  // A second owner, so that the owner may still leave the team or delete their account.
  const link = await api('POST', `/teams/${teamId}/invitations`, { role: 'owner' });
  const joined = await bearer(mate.secret, 'POST', `/invitations/${link.token as string}/accept`);
  const teamInvitation = await api('POST', `/teams/${teamId}/invitations`, { role: 'viewer' });
  const host = await createApiToken(t.deps, await personOf(), { name: 'host', scopes: ['read', 'write'] });
  const hostTeam = await bearer(host.secret, 'POST', '/teams', { name: 'Host team' });
  const hostLink = await bearer(host.secret, 'POST', `/teams/${hostTeam.id as string}/invitations`, {
    role: 'member',
  });
  const webhook = (await api('POST', '/webhooks', {
    url: 'http://127.0.0.1:9/h',
    events: ['task.created'],
  })) as {
    webhook: { id: string };
  };
  const webhookDelivery = await api('POST', `/webhooks/${webhook.webhook.id}/test`);
  // Off, so another test file's delivery sweep (PostgreSQL is one database for every worker)
  // cannot attempt this delivery between two readings of the world.
  await api('PATCH', `/webhooks/${webhook.webhook.id}`, { enabled: false });
  const integration = await api('POST', '/integrations', {
    provider: 'github',
    token: github.token,
    baseUrl: github.baseUrl,
    repositories: ['owner/repo'],
    projectId,
  });
  const passkeyId = randomBytes(16).toString('base64url');
  await t.deps.db.insert(passkeys).values({
    id: passkeyId,
    userId,
    publicKey: randomBytes(77).toString('base64url'),
    counter: 0,
    deviceType: 'multiDevice',
    backedUp: true,
    name: 'Laptop',
    createdAt: START,
  });
  const [identity] = await t.deps.db
    .insert(userIdentities)
    .values({
      userId,
      provider: 'oidc',
      subject: `page-${userId}`,
      email,
      emailVerified: true,
      createdAt: START,
      lastUsedAt: START,
    })
    .returning();
  const pushSubscription = await api('POST', '/push-subscriptions', {
    endpoint: `http://127.0.0.1:9/push-${randomBytes(6).toString('hex')}`,
    keys: {
      p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    },
  });
  return {
    passkeyId,
    identityId: identity!.id,
    pushSubscriptionId: pushSubscription.id as string,
    integrationId: integration.id as string,
    webhookId: webhook.webhook.id,
    webhookDeliveryId: webhookDelivery.id as string,
    teamId,
    teamMemberId: joined.userId as string,
    teamInvitationId: teamInvitation.id as string,
    invitationToken: hostLink.token as string,
    browser,
    api,
    sessionId,
    doneId,
    runningId,
    taskId,
    projectId,
    resourceId,
    tokenId: token.token.id,
    deviceId: devices.items[0]!.id,
    insightId: insight!.id,
    exportId: exported.id as string,
  };
}

/** What the owner has, read through the API: it must not move when someone else is refused. */
async function stateOf(w: World): Promise<unknown> {
  const paths = [
    '/days/2026-04-06',
    '/days/2026-04-07',
    '/tasks?status=todo,doing,done,dropped&limit=100',
    '/projects?status=all&limit=100',
    '/resources?limit=100',
    '/tokens?status=all&limit=100',
    '/me/preferences',
    '/insights',
    '/calendar-feed',
    '/context-switches?limit=100',
    '/teams',
    `/teams/${w.teamId}/members`,
    `/teams/${w.teamId}/invitations`,
    '/webhooks',
    `/webhooks/${w.webhookId}/deliveries`,
    '/slack',
    '/integrations',
    '/push-subscriptions',
  ];
  const state: Record<string, unknown> = {};
  for (const path of paths) state[path] = await w.api('GET', path);
  state.passkey = await t.deps.db.select().from(passkeys).where(eq(passkeys.id, w.passkeyId));
  return JSON.parse(JSON.stringify(state).replaceAll(/"(serverTime|lastUsedAt)":"[^"]*"/g, '"$1":""'));
}

async function send(browser: TestBrowser, row: Row, w: World): Promise<Response> {
  const path = row.path(w);
  if (row.json) {
    return browser.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': browser.csrfToken,
        origin: browser.origin,
        'sec-fetch-site': 'same-origin',
      },
      body: JSON.stringify(row.json(w)),
    });
  }
  if (!row.form) {
    const response = await browser.get(path);
    if (row.isStream) await response.body?.cancel();
    return response;
  }
  if (path.endsWith('/edit')) {
    return browser.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': browser.csrfToken,
        origin: browser.origin,
        'sec-fetch-site': 'same-origin',
      },
      body: JSON.stringify({ goal: 'Changed' }),
    });
  }
  return browser.submit(path, row.form(w));
}

describe('page authorization matrix', () => {
  it('has a row for every page route the app serves', () => {
    expect(pageRoutes().sort()).toEqual(Object.keys(rows).sort());
  });

  it('sends anonymous people to sign in and changes nothing', async () => {
    const w = await worldOf();
    const before = await stateOf(w);
    const anonymous = new TestBrowser(t.app);
    await anonymous.get('/login');
    for (const [key, row] of Object.entries(rows)) {
      const response = await send(anonymous, row, w);
      expect(response.status, key).toBe(303);
      expect(response.headers.get('location'), key).toMatch(/^\/login(\?next=|$)/);
    }
    expect(await stateOf(w)).toEqual(before);
  });

  it("answers 404 to another person for the owner's ids and changes nothing", async () => {
    const w = await worldOf();
    const before = await stateOf(w);
    const other = new TestBrowser(t.app);
    await other.signUp(uniqueEmail('other'));
    const withIds = Object.entries(rows).filter(([key]) => key.includes(':id'));
    expect(withIds.length).toBeGreaterThan(15);
    for (const [key, row] of withIds) {
      const response = await send(other, row, w);
      expect(response.status, `${key}: ${(await response.text()).slice(0, 200)}`).toBe(404);
    }
    expect(await stateOf(w)).toEqual(before);
  });

  it('lets the owner through on every row', { timeout: 120_000 }, async () => {
    let w = await worldOf();
    for (const [key, row] of Object.entries(rows)) {
      const response = await send(w.browser, row, w);
      const body = row.isStream ? '' : await response.text();
      if (row.form || row.json) {
        // A write the owner may make: done (200/204/303) or, for a form left empty, a form error.
        expect([200, 204, 303, 422], `${key}: ${body.slice(0, 300)}`).toContain(response.status);
        w = await worldOf(); // the next row starts from a fresh world
      } else {
        expect(response.status, `${key}: ${body.slice(0, 300)}`).toBe(row.ownerStatus ?? 200);
      }
    }
  });

  it('changes nothing through GET', async () => {
    const w = await worldOf();
    const before = await stateOf(w);
    for (const row of Object.values(rows)) {
      if (row.form || row.json) continue;
      const response = await send(w.browser, row, w);
      if (!row.isStream) await response.arrayBuffer();
    }
    expect(await stateOf(w)).toEqual(before);
  });
});
