import { createECDH, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, expect } from 'vitest';
import {
  insights,
  integrationConnections,
  projects,
  slackConnections,
  tasks,
} from '../../../src/db/schema/index.ts';
import { createAuthSession } from '../../../src/services/auth-sessions.ts';
import { runExportJob } from '../../../src/services/exports/export-jobs.ts';
import { slackTokenBox } from '../../../src/services/slack/slack-access.ts';
import { pushActionToken } from '../../../src/services/web-push/push-action-token.ts';
import type { ApiCaller } from '../../support/api.ts';
import { type FakeGitHub, startFakeGitHub } from '../../support/fakes/github.ts';
import type { OperationId } from '../../support/openapi.ts';
import { createTeamProject } from '../../support/team-work.ts';
import type { TestApp } from '../../support/test-app.ts';
import { newCaller, PASSWORD } from './callers.ts';

// The requests the contract test sends, per operation of the OpenAPI document: valid ones whose
// answers must match the declared schemas, invalid ones with the status each must get, and a
// retried POST. Keyed by operationId, so a new operation fails typecheck until it has its cases.

/** 09:00 in Berlin, the callers' time zone, on a Monday. */
export const MONDAY = new Date('2026-04-06T07:00:00Z');

export type Fixture = { me: ApiCaller; sessionIds: string[] };

/** The cases, bound to the app they run against. */
export function contractCases(t: TestApp) {
  type Case = (f: Fixture) => Promise<Response[]>;

  async function fixture(): Promise<Fixture> {
    t.clock.set(MONDAY);
    const me = await newCaller(t);
    const day = (await (await me.call('/days/today')).json()) as { sessions: { id: string }[] };
    return { me, sessionIds: day.sessions.map((s) => s.id) };
  }

  async function sequence(...steps: (() => Promise<Response>)[]): Promise<Response[]> {
    const answers: Response[] = [];
    for (const step of steps) answers.push(await step());
    return answers;
  }

  /** Signs the person in on a browser, as the pages would, and returns the device's id. */
  async function signInDevice(me: ApiCaller): Promise<string> {
    await createAuthSession(t.deps, t.deps.db, me.userId, {
      remember: false,
      userAgent: 'Firefox',
      ip: '10.0.0.9',
    });
    const devices = (await (await me.call('/me/devices')).json()) as { items: { id: string }[] };
    return devices.items[0]!.id;
  }

  const post = (me: ApiCaller, path: string, json?: unknown) =>
    me.call(path, { method: 'POST', ...(json === undefined ? {} : { json }) });

  /** Creates something through the API and returns its id; fails the test on anything but 201. */
  async function created(me: ApiCaller, path: string, json: unknown): Promise<string> {
    const response = await post(me, path, json);
    const text = await response.text();
    expect(response.status, text).toBe(201);
    return (JSON.parse(text) as { id: string }).id;
  }

  // A GitHub for the import connections (issue 15), started by the first case that needs it.
  let github: Promise<FakeGitHub> | undefined;
  const githubOf = () => {
    github ??= startFakeGitHub();
    return github;
  };
  afterAll(async () => {
    if (github) await (await github).close();
  });

  let projectCount = 0;
  /** A connection request of `me`'s to the GitHub fake, into a new project of theirs. */
  async function integrationInput(me: ApiCaller, change: Record<string, unknown> = {}) {
    const fake = await githubOf();
    projectCount += 1;
    const projectId = await created(me, '/projects', { name: `From GitHub ${projectCount}` });
    return {
      provider: 'github',
      token: fake.token,
      baseUrl: fake.baseUrl,
      repositories: ['acme/app'],
      projectId,
      ...change,
    };
  }

  /** A GitHub connection of `me`'s (its first sync queued, not run). */
  async function integrationOf(me: ApiCaller): Promise<string> {
    return created(me, '/integrations', await integrationInput(me));
  }

  /** A webhook endpoint of `me`'s on a loopback port nothing listens on, with one test delivery. */
  async function webhookOf(me: ApiCaller): Promise<{ id: string; deliveryId: string }> {
    const response = await post(me, '/webhooks', {
      url: 'http://127.0.0.1:9/contract',
      events: ['task.created'],
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const { webhook } = (await response.json()) as { webhook: { id: string } };
    const delivery = (await (await post(me, `/webhooks/${webhook.id}/test`)).json()) as { id: string };
    return { id: webhook.id, deliveryId: delivery.id };
  }
  /** A browser's PushSubscription JSON: real device keys, an endpoint on a loopback port nothing listens on. */
  function pushSubscriptionJson(name: string) {
    return {
      endpoint: `http://127.0.0.1:9/${name}-${randomBytes(6).toString('hex')}`,
      expirationTime: null,
      keys: {
        p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      },
    };
  }

  /** A push subscription of `me`'s (Web Push, issue 16). */
  async function pushSubscriptionOf(me: ApiCaller): Promise<string> {
    return created(me, '/push-subscriptions', pushSubscriptionJson('contract'));
  }

  /** What a time's-up notification's button sends for `me`'s running first session. */
  async function pushActionOf(f: Fixture, action: 'complete' | 'keepGoing') {
    const subscriptionId = await pushSubscriptionOf(f.me);
    const sessionId = f.sessionIds[0]!;
    await post(f.me, `/sessions/${sessionId}/start`);
    return {
      subscriptionId,
      sessionId,
      action,
      token: pushActionToken(t.deps.config.secret, subscriptionId, sessionId),
    };
  }

  /** A project with two tasks, the first linked as main task of the first session. */
  async function workOf(f: Fixture) {
    const { me, sessionIds } = f;
    const projectId = await created(me, '/projects', { name: 'Alpha', color: 'indigo' });
    const taskId = await created(me, '/tasks', {
      title: 'Fix the login bug',
      description: 'Sessions expire too early',
      type: 'bug',
      priority: 'high',
      projectId,
      dueDate: '2026-04-10',
      estimateSessions: 2,
      externalUrl: 'https://github.com/acme/app/issues/7',
      externalId: '#7',
    });
    const otherTaskId = await created(me, '/tasks', { title: 'Write the release notes' });
    const link = await me.call(`/sessions/${sessionIds[0]}/tasks/${taskId}`, {
      method: 'PUT',
      json: { role: 'main' },
    });
    expect(link.status, await link.clone().text()).toBe(200);
    return { projectId, taskId, otherTaskId };
  }

  const put = (me: ApiCaller, path: string, json: unknown) => me.call(path, { method: 'PUT', json });

  /** Stores an insight of the person's current week, as the recompute job would, and returns its id. */
  async function insightOf(me: ApiCaller, rule = 'documentation'): Promise<string> {
    const [row] = await t.deps.db
      .insert(insights)
      .values({
        userId: me.userId,
        rule,
        periodKey: '2026-04-06',
        severity: 'notice',
        title: 'Few sessions end with a note',
        message: 'In the last four weeks, 3 of 12 completed sessions ended with notes or an outcome (25%).',
        recommendation: 'When a session ends, tap one outcome.',
        evidence: [{ key: 'completed', label: 'Completed sessions', value: 12, unit: 'count' }],
        computedAt: MONDAY,
      })
      .returning();
    return row!.id;
  }
  const remove = (me: ApiCaller, path: string) => me.call(path, { method: 'DELETE' });

  /**
   * A valid request (or several) per operation: keyed by operationId, so an operation added to the
   * API fails typecheck and this test until it has a case here.
   */
  /** A background export of the person's sessions, made at once (no queue runs here) unless `isQueued`. */
  async function exportOf(me: ApiCaller, isQueued = false): Promise<string> {
    const response = await post(me, '/exports', { kind: 'sessions', format: 'csv', from: '2026-04-01' });
    const text = await response.text();
    expect(response.status, text).toBe(202);
    const { id } = JSON.parse(text) as { id: string };
    if (!isQueued) await runExportJob(t.deps, { exportId: id });
    return id;
  }

  /** The archive of a new person with a completed session, a project, a task and an interruption. */
  async function archiveOf(): Promise<unknown> {
    const f = await fixture();
    await workOf(f);
    await post(f.me, `/sessions/${f.sessionIds[0]}/start`);
    await post(f.me, '/context-switches', { sessionId: f.sessionIds[0], reason: 'meeting' });
    await post(f.me, `/sessions/${f.sessionIds[0]}/complete`);
    const response = await f.me.call('/account/export');
    expect(response.status).toBe(200);
    return response.json();
  }

  /** A team of the person's with a second person in it as member; a link invitation is pending. */
  async function teamOf(me: ApiCaller) {
    const teamId = await created(me, '/teams', { name: 'Platform' });
    const other = await newCaller(t);
    const link = (await (await post(me, `/teams/${teamId}/invitations`, { role: 'member' })).json()) as {
      token: string;
    };
    expect((await post(other, `/invitations/${link.token}/accept`)).status).toBe(200);
    const invitationId = await created(me, `/teams/${teamId}/invitations`, {
      email: 'sam@example.com',
      role: 'viewer',
    });
    return { teamId, other, invitationId };
  }

  /**
   * teamOf, with a team project whose task is the main task of the person's first session, done
   * in 50 minutes with an interruption; the person shares their focus with the team.
   */
  async function teamWorkOf(f: Fixture) {
    const team = await teamOf(f.me);
    const [first] = f.sessionIds;
    expect((await put(f.me, `/teams/${team.teamId}/me`, { sharesFocus: true })).status).toBe(200);
    const { taskIds } = await createTeamProject(f.me, {
      teamId: team.teamId,
      name: 'Platform work',
      tasks: [{ title: 'Fix the login bug', type: 'bug' }],
    });
    const link = await put(f.me, `/sessions/${first}/tasks/${taskIds['Fix the login bug']}`, {
      role: 'main',
    });
    expect(link.status, await link.clone().text()).toBe(200);
    await post(f.me, `/sessions/${first}/start`);
    t.clock.advance(50 * 60);
    await post(f.me, '/context-switches', { sessionId: first, reason: 'message' });
    await post(f.me, `/sessions/${first}/complete`);
    return team;
  }

  async function storeSlackConnection(userId: string): Promise<void> {
    await t.deps.db.insert(slackConnections).values({
      userId,
      sealedToken: slackTokenBox(t.deps.config).seal('xoxp-contract-test-token'),
      teamId: 'T1',
      teamName: 'Contract Co',
      slackUserId: 'U1',
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    });
  }

  /** An invitation into a new team of someone else's, sent to the person's address. */
  async function invitationFor(me: ApiCaller): Promise<string> {
    const host = await newCaller(t);
    const teamId = await created(host, '/teams', { name: 'Host team' });
    const response = await post(host, `/teams/${teamId}/invitations`, { email: me.email, role: 'member' });
    expect(response.status).toBe(201);
    return ((await response.json()) as { token: string }).token;
  }

  const validCases: Record<OperationId, Case> = {
    getMe: ({ me }) => sequence(() => me.call('/me')),
    getPreferences: ({ me }) => sequence(() => me.call('/me/preferences')),
    updatePreferences: ({ me }) =>
      sequence(
        () => me.call('/me/preferences', { method: 'PATCH', json: { theme: 'dark' } }),
        () =>
          me.call('/me/preferences', {
            method: 'PATCH',
            json: { timeZone: 'America/New_York', sessionLengthMinutes: 50, weekStart: 'sunday' },
          }),
        () => me.call('/me/preferences', { method: 'PATCH', json: {} }),
        () => me.call('/me/preferences', { method: 'PATCH', json: { weeklyFocusTargetMinutes: 900 } }),
      ),
    listDevices: async ({ me }) => {
      await signInDevice(me);
      return sequence(() => me.call('/me/devices'));
    },
    revokeDevice: async ({ me }) => {
      const id = await signInDevice(me);
      return sequence(() => me.call(`/me/devices/${id}`, { method: 'DELETE' }));
    },
    changePassword: ({ me }) =>
      sequence(() =>
        post(me, '/me/password', { currentPassword: PASSWORD, newPassword: 'a new calm passphrase' }),
      ),
    listApiRequests: async ({ me }) => {
      await me.call('/me');
      await me.call('/streak');
      await expect
        .poll(async () => ((await (await me.call('/me/api-requests')).json()) as { items: [] }).items.length)
        .toBeGreaterThanOrEqual(2);
      const first = await me.call('/me/api-requests?limit=1');
      const { nextCursor } = (await first.clone().json()) as { nextCursor: string };
      expect(nextCursor).toEqual(expect.any(String));
      return [
        first,
        await me.call(`/me/api-requests?limit=1&cursor=${encodeURIComponent(nextCursor)}`),
        await me.call('/me/api-requests?method=GET&status=200'),
      ];
    },
    getDay: ({ me }) =>
      sequence(
        () => me.call('/days/today'),
        () => me.call('/days/2026-04-05'),
        () => me.call('/days/2026-04-07'),
      ),
    getSession: ({ me, sessionIds }) => sequence(() => me.call(`/sessions/${sessionIds[0]}`)),
    updateSession: ({ me, sessionIds: [id] }) =>
      sequence(
        () => me.call(`/sessions/${id}`, { method: 'PATCH', json: { goal: 'Draft the report', version: 0 } }),
        () =>
          me.call(`/sessions/${id}`, { method: 'PATCH', json: { notes: 'Outline first', notesRevision: 0 } }),
        () => me.call(`/sessions/${id}`, { method: 'PATCH', json: { plannedMinutes: 30 } }),
      ),
    applyTimerAction: async ({ me, sessionIds: [first, second, third, fourth] }) => {
      const act = (id: string | undefined, action: string, json?: unknown) => () =>
        post(me, `/sessions/${id}/${action}`, json);
      const advance = (seconds: number) => async () => {
        t.clock.advance(seconds);
        return me.call(`/sessions/${first}`);
      };
      return sequence(
        act(first, 'start'),
        advance(600),
        act(first, 'pause'),
        act(first, 'resume'),
        advance(2400),
        act(first, 'keepGoing', { minutes: 10 }),
        act(first, 'complete'),
        act(first, 'editMinutes', { minutes: 40 }),
        act(first, 'undo'),
        act(first, 'reset'),
        act(second, 'skip', { reason: 'Meetings all morning' }),
        act(second, 'replan'),
        act(third, 'log', { minutes: 25 }),
        act(fourth, 'log', { startedAt: '2026-04-06T06:00:00Z', endedAt: '2026-04-06T08:30:00+02:00' }),
      );
    },
    listSessions: async (f) => {
      const { me, sessionIds } = f;
      const { taskId } = await workOf(f);
      await post(me, `/sessions/${sessionIds[1]}/log`, { minutes: 30 });
      const first = await me.call('/sessions?limit=1');
      const { nextCursor } = (await first.clone().json()) as { nextCursor: string };
      return [
        first,
        await me.call(`/sessions?limit=1&cursor=${encodeURIComponent(nextCursor)}`),
        await me.call(
          `/sessions?from=2026-04-01&to=2026-04-30&state=planned,completed&category=personal&taskId=${taskId}&order=focus`,
        ),
        await me.call('/sessions?state=completed&state=skipped&order=interruptions'),
        await me.call('/sessions?order=oldest&category=admin'),
      ];
    },
    getDaySummary: ({ me }) =>
      sequence(
        () => me.call('/summaries/day'),
        () => me.call('/summaries/day?date=2026-03-31'),
      ),
    getWeekSummary: ({ me }) =>
      sequence(
        () => me.call('/summaries/week'),
        () => me.call('/summaries/week?date=2026-01-01'),
      ),
    getMonthHeatmap: ({ me }) =>
      sequence(
        () => me.call('/summaries/month'),
        () => me.call('/summaries/month?date=2024-02-29'),
      ),
    getStreak: ({ me }) => sequence(() => me.call('/streak')),
    listProjects: async ({ me }) => {
      await created(me, '/projects', { name: 'Alpha' });
      await created(me, '/projects', { name: 'Beta', status: 'paused', description: 'Later' });
      const first = await me.call('/projects?limit=1');
      const { nextCursor } = (await first.clone().json()) as { nextCursor: string };
      return [
        first,
        await me.call(`/projects?limit=1&cursor=${encodeURIComponent(nextCursor)}`),
        await me.call('/projects?q=alp&status=active&order=newest'),
      ];
    },
    createProject: ({ me }) =>
      sequence(
        () => post(me, '/projects', { name: 'Alpha' }),
        () =>
          post(me, '/projects', {
            name: 'Beta',
            color: 'rose',
            description: 'Side project',
            status: 'paused',
          }),
      ),
    getProject: async ({ me }) => {
      const id = await created(me, '/projects', { name: 'Alpha' });
      await created(me, '/tasks', { title: 'Open task', projectId: id });
      return sequence(() => me.call(`/projects/${id}`));
    },
    updateProject: async ({ me }) => {
      const id = await created(me, '/projects', { name: 'Alpha' });
      return sequence(
        () =>
          me.call(`/projects/${id}`, {
            method: 'PATCH',
            json: { description: 'Now with a plan', status: 'done' },
          }),
        () => me.call(`/projects/${id}`, { method: 'PATCH', json: {} }),
      );
    },
    deleteProject: async ({ me }) => {
      const id = await created(me, '/projects', { name: 'Alpha' });
      return sequence(() => remove(me, `/projects/${id}`));
    },
    listTasks: async (f) => {
      const { me } = f;
      const { projectId } = await workOf(f);
      const first = await me.call('/tasks?limit=1');
      const { nextCursor } = (await first.clone().json()) as { nextCursor: string };
      return [
        first,
        await me.call(`/tasks?limit=1&cursor=${encodeURIComponent(nextCursor)}`),
        await me.call(
          `/tasks?status=todo,doing&type=bug&priority=high,urgent&projectId=${projectId}&order=priority`,
        ),
        await me.call('/tasks?projectId=inbox&order=due'),
        await me.call('/tasks?q=login'),
      ];
    },
    createTask: async ({ me }) => {
      const projectId = await created(me, '/projects', { name: 'Alpha' });
      return sequence(
        () => post(me, '/tasks', { title: 'Inbox task' }),
        () =>
          post(me, '/tasks', {
            title: 'Ship the widget',
            description: 'For the phone',
            type: 'feature',
            priority: 'urgent',
            status: 'doing',
            projectId,
            estimateSessions: 3,
            dueDate: '2026-04-30',
            externalUrl: 'https://github.com/acme/app/pull/42',
            externalId: 'PR-42',
          }),
      );
    },
    quickAddTask: async ({ me }) => {
      await created(me, '/projects', { name: 'Alpha' });
      return sequence(
        () => post(me, '/tasks/quick-add', { text: 'Fix the flaky test #Alpha !high', dryRun: true }),
        () => post(me, '/tasks/quick-add', { text: 'Fix the flaky test #Alpha !high' }),
        () => post(me, '/tasks/quick-add', { text: 'Plan the offsite #Newproject' }),
      );
    },
    getTask: async (f) => {
      const { taskId, otherTaskId } = await workOf(f);
      await created(f.me, '/resources', { url: 'https://github.com/acme/app/pull/8', taskId });
      return sequence(
        () => f.me.call(`/tasks/${taskId}`),
        () => f.me.call(`/tasks/${otherTaskId}`), // in the inbox: no project
      );
    },
    updateTask: async (f) => {
      const { taskId } = await workOf(f);
      return sequence(
        () => f.me.call(`/tasks/${taskId}`, { method: 'PATCH', json: { status: 'done', projectId: null } }),
        () =>
          f.me.call(`/tasks/${taskId}`, { method: 'PATCH', json: { dueDate: null, estimateSessions: null } }),
      );
    },
    deleteTask: async (f) => {
      const { taskId } = await workOf(f);
      return sequence(() => remove(f.me, `/tasks/${taskId}`));
    },
    planTask: async (f) => {
      const { otherTaskId } = await workOf(f);
      const adminTask = await created(f.me, '/tasks', { title: 'Invoices', type: 'admin' });
      const spareTask = await created(f.me, '/tasks', { title: 'Write the changelog' });
      return sequence(
        () => post(f.me, `/tasks/${otherTaskId}/plan`, {}),
        () => post(f.me, `/tasks/${adminTask}/plan`, { date: '2026-04-07' }),
        () => post(f.me, `/tasks/${spareTask}/plan`), // the body is optional
      );
    },
    listSessionTasks: async (f) => {
      await workOf(f);
      return sequence(
        () => f.me.call(`/sessions/${f.sessionIds[0]}/tasks`),
        () => f.me.call(`/sessions/${f.sessionIds[1]}/tasks`),
      );
    },
    linkSessionTask: async (f) => {
      const { taskId, otherTaskId } = await workOf(f);
      const [first, second] = f.sessionIds;
      return sequence(
        () => put(f.me, `/sessions/${first}/tasks/${otherTaskId}`, { role: 'supporting' }),
        () => put(f.me, `/sessions/${first}/tasks/${otherTaskId}`, { role: 'main' }),
        () => put(f.me, `/sessions/${second}/tasks/${taskId}`, { role: 'main' }),
      );
    },
    unlinkSessionTask: async (f) => {
      const { taskId } = await workOf(f);
      return sequence(() => remove(f.me, `/sessions/${f.sessionIds[0]}/tasks/${taskId}`));
    },
    setSessionOutcome: async ({ me, sessionIds: [id] }) => {
      await post(me, `/sessions/${id}/start`);
      t.clock.advance(25 * 60);
      await post(me, `/sessions/${id}/complete`);
      return sequence(
        () => put(me, `/sessions/${id}/outcome`, { outcome: 'progressed', note: 'Half of it' }),
        () => put(me, `/sessions/${id}/outcome`, { outcome: 'done' }),
        () => put(me, `/sessions/${id}/outcome`, { outcome: null, note: '' }),
      );
    },
    listContextSwitches: async (f) => {
      const {
        me,
        sessionIds: [id],
      } = f;
      const { otherTaskId } = await workOf(f);
      await post(me, `/sessions/${id}/start`);
      await created(me, '/context-switches', { sessionId: id, reason: 'message', toTaskId: otherTaskId });
      await created(me, '/context-switches', { sessionId: id, reason: 'colleague', note: 'A question' });
      const first = await me.call('/context-switches?limit=1');
      const { nextCursor } = (await first.clone().json()) as { nextCursor: string };
      return [
        first,
        await me.call(`/context-switches?limit=1&cursor=${encodeURIComponent(nextCursor)}`),
        await me.call(
          `/context-switches?sessionId=${id}&reason=message&from=2026-04-06&to=2026-04-06&order=oldest`,
        ),
      ];
    },
    recordContextSwitch: async (f) => {
      const {
        me,
        sessionIds: [id],
      } = f;
      const { otherTaskId } = await workOf(f);
      await post(me, `/sessions/${id}/start`);
      return sequence(
        () =>
          post(me, '/context-switches', {
            sessionId: id,
            reason: 'meeting',
            note: 'Stand-up',
            toTaskId: otherTaskId,
          }),
        () => post(me, '/context-switches', { sessionId: id, reason: 'urgent', pause: true }),
      );
    },
    deleteContextSwitch: async ({ me, sessionIds: [id] }) => {
      await post(me, `/sessions/${id}/start`);
      const switchId = await created(me, '/context-switches', { sessionId: id, reason: 'break' });
      return sequence(() => remove(me, `/context-switches/${switchId}`));
    },
    listResources: async (f) => {
      const { taskId } = await workOf(f);
      await created(f.me, '/resources', { url: 'https://github.com/acme/app/pull/8', taskId });
      await created(f.me, '/resources', {
        url: 'https://docs.example.com/spec',
        sessionId: f.sessionIds[0],
        title: 'Spec',
      });
      const first = await f.me.call('/resources?limit=1');
      const { nextCursor } = (await first.clone().json()) as { nextCursor: string };
      return [
        first,
        await f.me.call(`/resources?limit=1&cursor=${encodeURIComponent(nextCursor)}`),
        await f.me.call(`/resources?taskId=${taskId}&kind=pull_request&order=oldest`),
        await f.me.call(`/resources?sessionId=${f.sessionIds[0]}&q=spec`),
      ];
    },
    addResource: async (f) => {
      const { taskId } = await workOf(f);
      return sequence(
        () => post(f.me, '/resources', { url: 'https://github.com/acme/app/pull/9', taskId }),
        () =>
          post(f.me, '/resources', {
            url: 'https://www.figma.com/file/abc/Widget',
            title: 'Widget design',
            kind: 'design',
            sessionId: f.sessionIds[0],
          }),
      );
    },
    deleteResource: async (f) => {
      const { taskId } = await workOf(f);
      const id = await created(f.me, '/resources', { url: 'https://example.com/a', taskId });
      return sequence(() => remove(f.me, `/resources/${id}`));
    },
    search: async (f) => {
      await workOf(f);
      await f.me.call(`/sessions/${f.sessionIds[1]}`, {
        method: 'PATCH',
        json: { goal: 'Reproduce the login failure' },
      });
      return sequence(
        () => f.me.call('/search?q=login'),
        () => f.me.call('/search?q=login&kinds=task&limit=1'),
        () => f.me.call('/search?q=%22release%20notes%22%20-login&kinds=task,session'),
        () => f.me.call('/search?q=nothingmatchesthis'),
      );
    },
    getReport: async (f) => {
      await workOf(f);
      const [first, second] = f.sessionIds;
      await post(f.me, `/sessions/${first}/start`);
      t.clock.advance(50 * 60);
      await post(f.me, '/context-switches', { sessionId: first, reason: 'message' });
      await post(f.me, `/sessions/${first}/complete`);
      await post(f.me, `/sessions/${second}/skip`);
      return sequence(
        () => f.me.call('/reports'),
        () => f.me.call('/reports?period=month&date=2024-02-10'),
        () => f.me.call('/reports?from=2026-01-01&to=2026-04-12'),
      );
    },
    getYearHeatmap: ({ me }) =>
      sequence(
        () => me.call('/reports/heatmap'),
        () => me.call('/reports/heatmap?year=2024'),
      ),
    getCalendarFeed: async ({ me }) => {
      const off = await me.call('/calendar-feed');
      await post(me, '/calendar-feed');
      return [off, await me.call('/calendar-feed')];
    },
    createCalendarFeed: ({ me }) =>
      sequence(
        () => post(me, '/calendar-feed'),
        () => post(me, '/calendar-feed'),
      ),
    // Slack (issue 15): a stored connection stands in for one made with a token (no Slack here).
    getSlack: ({ me }) => sequence(() => me.call('/slack')),
    putSlack: async ({ me }) => {
      await storeSlackConnection(me.userId);
      return sequence(
        () =>
          me.call('/slack', { method: 'PUT', json: { statusText: 'Heads down until {end}', setDnd: false } }),
        () => me.call('/slack', { method: 'PUT', json: { statusEmoji: ':no_bell:' } }),
      );
    },
    deleteSlack: async ({ me }) => {
      await storeSlackConnection(me.userId);
      return sequence(
        () => remove(me, '/slack'),
        () => remove(me, '/slack'),
      );
    },
    deleteCalendarFeed: async ({ me }) => {
      await post(me, '/calendar-feed');
      return sequence(
        () => remove(me, '/calendar-feed'),
        () => remove(me, '/calendar-feed'),
      );
    },
    listTokens: async ({ me }) => {
      await post(me, '/tokens', { name: 'phone widget', scopes: ['read'] });
      await post(me, '/tokens', { name: 'laptop cli', scopes: ['read', 'write'], expiresInDays: 30 });
      const first = await me.call('/tokens?limit=1&order=oldest');
      const { nextCursor } = (await first.clone().json()) as { nextCursor: string };
      return [
        first,
        await me.call(`/tokens?limit=1&order=oldest&cursor=${encodeURIComponent(nextCursor)}`),
        await me.call('/tokens?q=phone&status=active'),
        await me.call('/tokens?status=revoked'),
      ];
    },
    createToken: ({ me }) =>
      sequence(
        () => post(me, '/tokens', { name: 'widget' }),
        () => post(me, '/tokens', { name: 'script', scopes: ['read', 'write'], expiresInDays: 7 }),
      ),
    revokeToken: async ({ me }) => {
      const created = (await (await post(me, '/tokens', { name: 'short-lived' })).json()) as {
        token: { id: string };
      };
      return sequence(() => me.call(`/tokens/${created.token.id}`, { method: 'DELETE' }));
    },
    // The event stream is endless: checked apart, below.
    streamEvents: ({ me }) => sequence(() => me.call('/events')),
    listInsights: async ({ me }) => {
      await insightOf(me);
      await insightOf(me, 'best-hours');
      return sequence(() => me.call('/insights'));
    },
    dismissInsight: async ({ me }) => {
      const id = await insightOf(me);
      return sequence(
        () => post(me, `/insights/${id}/dismiss`),
        () => post(me, `/insights/${id}/dismiss`),
      );
    },
    exportSessions: async (f) => {
      await workOf(f);
      await post(f.me, `/sessions/${f.sessionIds[0]}/start`);
      return sequence(
        () => f.me.call('/exports/sessions'),
        () => f.me.call('/exports/sessions?format=csv&from=2026-04-01&to=2026-04-30'),
      );
    },
    exportTasks: async (f) => {
      await workOf(f);
      return sequence(
        () => f.me.call('/exports/tasks?format=json'),
        () => f.me.call('/exports/tasks?format=csv&to=2026-04-06'),
      );
    },
    exportContextSwitches: async (f) => {
      await post(f.me, `/sessions/${f.sessionIds[0]}/start`);
      await post(f.me, '/context-switches', { sessionId: f.sessionIds[0], reason: 'urgent', note: 'a, "b"' });
      return sequence(
        () => f.me.call('/exports/context-switches'),
        () => f.me.call('/exports/context-switches?format=csv&from=2026-04-06'),
      );
    },
    exportReport: async (f) => {
      await post(f.me, `/sessions/${f.sessionIds[0]}/start`);
      t.clock.advance(45 * 60);
      await post(f.me, `/sessions/${f.sessionIds[0]}/complete`);
      return sequence(
        () => f.me.call('/exports/report'),
        () => f.me.call('/exports/report?format=csv&from=2026-04-01&to=2026-04-30'),
        () => f.me.call('/exports/report?format=pdf&from=2026-04-06&to=2026-04-12'),
      );
    },
    exportInsights: async ({ me }) => {
      await insightOf(me);
      return sequence(
        () => me.call('/exports/insights'),
        () => me.call('/exports/insights?format=csv'),
      );
    },
    listExports: async ({ me }) => {
      await exportOf(me);
      await exportOf(me, true);
      const first = await me.call('/exports?limit=1');
      const { nextCursor } = (await first.clone().json()) as { nextCursor: string };
      return [first, await me.call(`/exports?limit=1&cursor=${encodeURIComponent(nextCursor)}`)];
    },
    createExport: ({ me }) =>
      sequence(
        () => post(me, '/exports', { kind: 'report', format: 'pdf', from: '2026-01-01', to: '2026-04-06' }),
        () => post(me, '/exports', { kind: 'account', format: 'json' }),
      ),
    getExport: async ({ me }) => {
      const queued = await exportOf(me, true);
      const ready = await exportOf(me);
      return sequence(
        () => me.call(`/exports/${queued}`),
        () => me.call(`/exports/${ready}`),
      );
    },
    downloadExport: async ({ me }) => {
      const id = await exportOf(me);
      return sequence(() => me.call(`/exports/${id}/download`));
    },
    exportAccount: async (f) => {
      await workOf(f);
      return sequence(() => f.me.call('/account/export'));
    },
    importAccount: async ({ me }) => {
      const archive = await archiveOf();
      return sequence(() => post(me, '/account/import', archive));
    },
    listTeams: async ({ me }) => {
      await teamOf(me);
      return sequence(() => me.call('/teams'));
    },
    createTeam: ({ me }) => sequence(() => post(me, '/teams', { name: 'Platform' })),
    getTeam: async ({ me }) => {
      const { teamId } = await teamOf(me);
      return sequence(() => me.call(`/teams/${teamId}`));
    },
    renameTeam: async ({ me }) => {
      const { teamId } = await teamOf(me);
      return sequence(() => me.call(`/teams/${teamId}`, { method: 'PATCH', json: { name: 'Renamed' } }));
    },
    deleteTeam: async ({ me }) => {
      const { teamId } = await teamOf(me);
      return sequence(() => remove(me, `/teams/${teamId}`));
    },
    listTeamMembers: async ({ me }) => {
      const { teamId } = await teamOf(me);
      return sequence(() => me.call(`/teams/${teamId}/members`));
    },
    changeTeamMemberRole: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      return sequence(() =>
        me.call(`/teams/${teamId}/members/${other.userId}`, { method: 'PATCH', json: { role: 'admin' } }),
      );
    },
    removeTeamMember: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      return sequence(() => remove(me, `/teams/${teamId}/members/${other.userId}`));
    },
    setTeamFocusSharing: async ({ me }) => {
      const { teamId } = await teamOf(me);
      return sequence(
        () => put(me, `/teams/${teamId}/me`, { sharesFocus: true }),
        () => put(me, `/teams/${teamId}/me`, { sharesFocus: false }),
      );
    },
    getTeamFocusBoard: async (f) => {
      const { me, sessionIds } = f;
      const { teamId } = await teamOf(me);
      // In focus on a task of one of the team's projects, beside a member who does not share.
      const [project] = await t.deps.db
        .insert(projects)
        .values({ userId: me.userId, teamId, name: 'Launch', createdAt: MONDAY, updatedAt: MONDAY })
        .returning();
      const [task] = await t.deps.db
        .insert(tasks)
        .values({
          userId: me.userId,
          projectId: project!.id,
          title: 'Ship it',
          createdAt: MONDAY,
          updatedAt: MONDAY,
        })
        .returning();
      await put(me, `/sessions/${sessionIds[0]}/tasks/${task!.id}`, { role: 'main' });
      await put(me, `/teams/${teamId}/me`, { sharesFocus: true });
      const board = () => me.call(`/teams/${teamId}/focus`);
      const before = await board();
      expect((await post(me, `/sessions/${sessionIds[0]}/start`)).status).toBe(200);
      return [before, ...(await sequence(board))];
    },
    leaveTeam: async ({ me }) => {
      const host = await newCaller(t);
      const { teamId } = await teamOf(host);
      const link = (await (await post(host, `/teams/${teamId}/invitations`, { role: 'viewer' })).json()) as {
        token: string;
      };
      expect((await post(me, `/invitations/${link.token}/accept`)).status).toBe(200);
      return sequence(() => remove(me, `/teams/${teamId}/me`));
    },
    transferTeamOwnership: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      return sequence(() => post(me, `/teams/${teamId}/transfer-ownership`, { userId: other.userId }));
    },
    createTeamInvitation: async ({ me }) => {
      const { teamId } = await teamOf(me);
      return sequence(
        () => post(me, `/teams/${teamId}/invitations`, { role: 'member' }),
        () => post(me, `/teams/${teamId}/invitations`, { email: 'kim@example.com', role: 'viewer' }),
      );
    },
    listTeamInvitations: async ({ me }) => {
      const { teamId } = await teamOf(me);
      return sequence(() => me.call(`/teams/${teamId}/invitations`));
    },
    revokeTeamInvitation: async ({ me }) => {
      const { teamId, invitationId } = await teamOf(me);
      return sequence(() => remove(me, `/teams/${teamId}/invitations/${invitationId}`));
    },
    acceptTeamInvitation: async ({ me }) => {
      const token = await invitationFor(me);
      return sequence(() => post(me, `/invitations/${token}/accept`));
    },
    getTeamReport: async (f) => {
      const { teamId, other } = await teamWorkOf(f);
      return sequence(
        () => f.me.call(`/teams/${teamId}/report`),
        () => other.call(`/teams/${teamId}/report?period=month&date=2024-02-10`),
        () => f.me.call(`/teams/${teamId}/report?from=2026-01-01&to=2026-04-12`),
      );
    },
    exportTeamReport: async (f) => {
      const { teamId } = await teamWorkOf(f);
      return sequence(
        () => f.me.call(`/teams/${teamId}/exports/report`),
        () => f.me.call(`/teams/${teamId}/exports/report?format=csv&from=2026-04-01&to=2026-04-30`),
        () => f.me.call(`/teams/${teamId}/exports/report?format=pdf&from=2026-04-06&to=2026-04-12`),
      );
    },
    // GitHub and GitLab import (issue 15)
    listIntegrations: async ({ me }) => {
      const empty = await me.call('/integrations');
      await integrationOf(me);
      return [empty, await me.call('/integrations')];
    },
    createIntegration: async ({ me }) => {
      const chosen = await integrationInput(me);
      const all = await integrationInput(me, { repositories: 'all' });
      return sequence(
        () => post(me, '/integrations', chosen),
        () => post(me, '/integrations', all),
      );
    },
    deleteIntegration: async ({ me }) => {
      const id = await integrationOf(me);
      return sequence(() => remove(me, `/integrations/${id}`));
    },
    syncIntegration: async ({ me }) => {
      const id = await integrationOf(me);
      return sequence(
        () => post(me, `/integrations/${id}/sync`),
        () => post(me, `/integrations/${id}/sync`),
      );
    },
    // Webhooks (issue 15)
    listWebhooks: async ({ me }) => {
      await webhookOf(me);
      return sequence(() => me.call('/webhooks'));
    },
    createWebhook: ({ me }) =>
      sequence(() => post(me, '/webhooks', { url: 'http://127.0.0.1:9/h', events: ['session.started'] })),
    updateWebhook: async ({ me }) => {
      const { id } = await webhookOf(me);
      const patch = (json: unknown) => () => me.call(`/webhooks/${id}`, { method: 'PATCH', json });
      return sequence(patch({ enabled: false }), patch({ enabled: true }), patch({ rotateSecret: true }));
    },
    deleteWebhook: async ({ me }) => {
      const { id } = await webhookOf(me);
      return sequence(() => me.call(`/webhooks/${id}`, { method: 'DELETE' }));
    },
    listWebhookDeliveries: async ({ me }) => {
      const { id } = await webhookOf(me);
      return sequence(() => me.call(`/webhooks/${id}/deliveries?limit=1`));
    },
    sendTestWebhook: async ({ me }) => {
      const { id } = await webhookOf(me);
      return sequence(() => post(me, `/webhooks/${id}/test`));
    },
    resendWebhookDelivery: async ({ me }) => {
      const { id, deliveryId } = await webhookOf(me);
      return sequence(() => post(me, `/webhooks/${id}/deliveries/${deliveryId}/resend`));
    },
    // Web Push (issue 16)
    listPushSubscriptions: async ({ me }) => {
      await pushSubscriptionOf(me);
      return sequence(() => me.call('/push-subscriptions'));
    },
    createPushSubscription: ({ me }) =>
      sequence(() => post(me, '/push-subscriptions', pushSubscriptionJson('created'))),
    deletePushSubscription: async ({ me }) => {
      const id = await pushSubscriptionOf(me);
      return sequence(() => me.call(`/push-subscriptions/${id}`, { method: 'DELETE' }));
    },
    sendTestPush: async ({ me }) => {
      const id = await pushSubscriptionOf(me);
      return sequence(() => post(me, `/push-subscriptions/${id}/test`));
    },
    answerPushAction: async (f) => {
      const complete = await pushActionOf(f, 'complete');
      return sequence(() => post(f.me, '/push-actions', complete));
    },
  };

  type Failure = [status: number, step: () => Promise<Response>];
  const UUID = '6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11';
  /** A cursor as the lists make them, holding whatever position is given. */
  const cursorOf = (position: unknown[]) => Buffer.from(JSON.stringify(position)).toString('base64url');
  type ErrorCase = (f: Fixture) => Promise<Failure[]>;
  const failures = async (...list: Failure[]) => list;

  /** Requests that must fail, with the status each must get, beyond the 401 every operation is checked for. */
  const errorCases: Record<OperationId, ErrorCase> = {
    getMe: () => failures(),
    getPreferences: () => failures(),
    updatePreferences: ({ me }) => {
      const patch = (init: RequestInit & { json?: unknown }) => () =>
        me.call('/me/preferences', { method: 'PATCH', ...init });
      return failures(
        [422, patch({ json: { theme: 'neon' } })],
        [422, patch({ json: { colour: 'blue' } })],
        [422, patch({ json: { timeZone: 'Mars/Olympus_Mons' } })],
        [422, patch({ json: { weeklyFocusTargetMinutes: 29 } })],
        [422, patch({ json: { weeklyFocusTargetMinutes: 6001 } })],
        [400, patch({ body: '{"theme":', headers: { 'content-type': 'application/json' } })],
        [415, patch({ body: 'theme=dark', headers: { 'content-type': 'text/plain' } })],
      );
    },
    listDevices: () => failures(),
    revokeDevice: ({ me }) =>
      failures(
        [404, () => me.call('/me/devices/0123456789abcdef01234567', { method: 'DELETE' })],
        [404, () => me.call('/me/devices/..%2F..%2Ftokens', { method: 'DELETE' })],
      ),
    changePassword: ({ me }) =>
      failures(
        [
          422,
          () =>
            post(me, '/me/password', {
              currentPassword: 'wrong guess',
              newPassword: 'a new calm passphrase',
            }),
        ],
        [422, () => post(me, '/me/password', { currentPassword: PASSWORD, newPassword: 'short' })],
        [422, () => post(me, '/me/password', { newPassword: 'a new calm passphrase' })],
      ),
    listApiRequests: ({ me }) =>
      failures(
        [422, () => me.call('/me/api-requests?limit=0')],
        [422, () => me.call('/me/api-requests?cursor=not-a-cursor')],
        [422, () => me.call('/me/api-requests?status=abc')],
        [422, () => me.call('/me/api-requests?method=TRACE')],
        [422, () => me.call(`/me/api-requests?cursor=${cursorOf(['0000-01-01T00:00:00.000Z', UUID])}`)],
        [422, () => me.call(`/me/api-requests?cursor=${cursorOf([2069524224, UUID])}`)],
        [
          422,
          () => me.call(`/me/api-requests?cursor=${cursorOf(['2026-04-06T07:00:00.000Z', 'not-a-uuid'])}`),
        ],
      ),
    getDay: ({ me }) =>
      failures([422, () => me.call('/days/2026-02-30')], [422, () => me.call('/days/yesterday')]),
    getSession: async ({ me }) => {
      const other = await fixture();
      return failures(
        [404, () => me.call(`/sessions/${other.sessionIds[0]}`)],
        [404, () => me.call('/sessions/not-a-session')],
      );
    },
    updateSession: ({ me, sessionIds: [id] }) => {
      const patch =
        (json: unknown, target = id) =>
        () =>
          me.call(`/sessions/${target}`, { method: 'PATCH', json });
      return failures(
        [409, patch({ goal: 'Stale', version: 99 })],
        [422, patch({ goal: 'x'.repeat(300) })],
        [422, patch({ plannedMinutes: 1 })],
        [422, patch({ state: 'completed' })],
        [404, patch({}, '00000000-0000-8000-8000-000000000000')],
      );
    },
    applyTimerAction: async ({ me, sessionIds: [id] }) => {
      const reader = await newCaller(t, { scopes: ['read'] });
      const readerDay = (await (await reader.call('/days/today')).json()) as { sessions: { id: string }[] };
      return failures(
        [409, () => post(me, `/sessions/${id}/pause`)],
        [422, () => post(me, `/sessions/${id}/explode`)],
        [422, () => post(me, `/sessions/${id}/log`, { minutes: 0 })],
        [
          422,
          () =>
            post(me, `/sessions/${id}/log`, {
              startedAt: '2026-04-06T06:30:00Z',
              endedAt: '2026-04-06T06:00:00Z',
            }),
        ],
        [422, () => post(me, `/sessions/${id}/log`, { startedAt: 'yesterday', endedAt: 'today' })],
        [422, () => post(me, `/sessions/${id}/start`, { minutes: 'ten' })],
        [403, () => post(reader, `/sessions/${readerDay.sessions[0]!.id}/start`)],
        [
          422,
          () =>
            me.call(`/sessions/${id}/start`, {
              method: 'POST',
              headers: { 'idempotency-key': 'spaces are not allowed' },
            }),
        ],
      );
    },
    listSessions: ({ me }) =>
      failures(
        [422, () => me.call('/sessions?state=completed,finished')],
        [422, () => me.call('/sessions?category=deep')],
        [422, () => me.call('/sessions?taskId=abc')],
        [422, () => me.call('/sessions?from=2026-04-06&to=2026-04-01')],
        [422, () => me.call('/sessions?order=longest')],
        [422, () => me.call('/sessions?cursor=bm90IGEgY3Vyc29y')],
        [422, () => me.call(`/sessions?order=focus&cursor=${cursorOf([2069524224, '2026-02-30', 1, UUID])}`)],
      ),
    getDaySummary: ({ me }) => failures([422, () => me.call('/summaries/day?date=04/06/2026')]),
    getWeekSummary: ({ me }) => failures([422, () => me.call('/summaries/week?date=2026-13-01')]),
    getMonthHeatmap: ({ me }) => failures([422, () => me.call('/summaries/month?date=2026-02-30')]),
    getStreak: () => failures(),
    listProjects: ({ me }) =>
      failures(
        [422, () => me.call('/projects?status=gone')],
        [422, () => me.call('/projects?order=size')],
        [422, () => me.call('/projects?cursor=bm90IGEgY3Vyc29y')],
        [422, () => me.call(`/projects?order=newest&cursor=${cursorOf(['0000-01-01T00:00:00.000Z', UUID])}`)],
      ),
    createProject: async ({ me }) => {
      await created(me, '/projects', { name: 'Alpha' });
      return failures(
        [422, () => post(me, '/projects', { name: '' })],
        [422, () => post(me, '/projects', { name: 'Beta', color: 'blue' })],
        [422, () => post(me, '/projects', { name: 'Beta', owner: 'me' })],
        [409, () => post(me, '/projects', { name: 'ALPHA' })],
      );
    },
    getProject: async ({ me }) => {
      const other = await fixture();
      const theirs = await created(other.me, '/projects', { name: 'Theirs' });
      return failures([404, () => me.call(`/projects/${theirs}`)], [404, () => me.call('/projects/nope')]);
    },
    updateProject: async ({ me }) => {
      const id = await created(me, '/projects', { name: 'Alpha' });
      await created(me, '/projects', { name: 'Beta' });
      const patch =
        (json: unknown, target = id) =>
        () =>
          me.call(`/projects/${target}`, { method: 'PATCH', json });
      return failures(
        [422, patch({ status: 'gone' })],
        [409, patch({ name: 'beta' })],
        [404, patch({ name: 'Gamma' }, '6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11')],
      );
    },
    deleteProject: ({ me }) =>
      failures([404, () => remove(me, '/projects/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11')]),
    listTasks: ({ me }) =>
      failures(
        [422, () => me.call('/tasks?status=todo,lost')],
        [422, () => me.call('/tasks?projectId=abc')],
        [422, () => me.call('/tasks?order=random')],
        [422, () => me.call('/tasks?limit=101')],
        [422, () => me.call('/tasks?q=%00')],
      ),
    createTask: ({ me }) =>
      failures(
        [422, () => post(me, '/tasks', { title: '' })],
        [422, () => post(me, '/tasks', { title: 'x', dueDate: '2026-02-30' })],
        [422, () => post(me, '/tasks', { title: 'x', estimateSessions: 0 })],
        [404, () => post(me, '/tasks', { title: 'x', projectId: '6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11' })],
      ),
    quickAddTask: ({ me }) =>
      failures(
        [422, () => post(me, '/tasks/quick-add', { text: '' })],
        [422, () => post(me, '/tasks/quick-add', { dryRun: true })],
      ),
    getTask: async ({ me }) => {
      const other = await fixture();
      const theirs = await created(other.me, '/tasks', { title: 'Theirs' });
      return failures([404, () => me.call(`/tasks/${theirs}`)], [404, () => me.call('/tasks/42')]);
    },
    updateTask: async ({ me }) => {
      const id = await created(me, '/tasks', { title: 'Mine' });
      return failures(
        [422, () => me.call(`/tasks/${id}`, { method: 'PATCH', json: { priority: 'meh' } })],
        [422, () => me.call(`/tasks/${id}`, { method: 'PATCH', json: { title: '' } })],
        [404, () => me.call('/tasks/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11', { method: 'PATCH', json: {} })],
      );
    },
    deleteTask: ({ me }) => failures([404, () => remove(me, '/tasks/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11')]),
    planTask: async ({ me }) => {
      const id = await created(me, '/tasks', { title: 'Mine' });
      return failures(
        [409, () => post(me, `/tasks/${id}/plan`, { date: '2026-04-01' })],
        [422, () => post(me, `/tasks/${id}/plan`, { date: '2026-02-30' })],
        [404, () => post(me, '/tasks/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11/plan', {})],
      );
    },
    listSessionTasks: async ({ me }) => {
      const other = await fixture();
      return failures([404, () => me.call(`/sessions/${other.sessionIds[0]}/tasks`)]);
    },
    linkSessionTask: async ({ me, sessionIds: [id] }) => {
      const other = await fixture();
      const mine = await created(me, '/tasks', { title: 'Mine' });
      const theirs = await created(other.me, '/tasks', { title: 'Theirs' });
      return failures(
        [422, () => put(me, `/sessions/${id}/tasks/${mine}`, { role: 'boss' })],
        [404, () => put(me, `/sessions/${id}/tasks/${theirs}`, { role: 'main' })],
        [404, () => put(me, `/sessions/${other.sessionIds[0]}/tasks/${mine}`, { role: 'main' })],
      );
    },
    unlinkSessionTask: async ({ me, sessionIds: [id] }) => {
      const mine = await created(me, '/tasks', { title: 'Mine' });
      return failures([404, () => remove(me, `/sessions/${id}/tasks/${mine}`)]);
    },
    setSessionOutcome: ({ me, sessionIds: [id] }) =>
      failures(
        [409, () => put(me, `/sessions/${id}/outcome`, { outcome: 'done' })],
        [422, () => put(me, `/sessions/${id}/outcome`, { outcome: 'great' })],
        [404, () => put(me, '/sessions/00000000-0000-8000-8000-000000000000/outcome', { outcome: 'done' })],
      ),
    listContextSwitches: ({ me }) =>
      failures(
        [422, () => me.call('/context-switches?reason=boredom')],
        [422, () => me.call('/context-switches?from=2026-02-30')],
        [422, () => me.call('/context-switches?order=sideways')],
      ),
    recordContextSwitch: async ({ me, sessionIds: [id] }) => {
      const other = await fixture();
      return failures(
        [409, () => post(me, '/context-switches', { sessionId: id, reason: 'meeting' })],
        [422, () => post(me, '/context-switches', { sessionId: id, reason: 'boredom' })],
        [422, () => post(me, '/context-switches', { reason: 'meeting' })],
        [404, () => post(me, '/context-switches', { sessionId: other.sessionIds[0], reason: 'meeting' })],
      );
    },
    deleteContextSwitch: ({ me }) =>
      failures([404, () => remove(me, '/context-switches/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11')]),
    listResources: ({ me }) =>
      failures([422, () => me.call('/resources?taskId=abc')], [422, () => me.call('/resources?kind=video')]),
    addResource: async ({ me }) => {
      const mine = await created(me, '/tasks', { title: 'Mine' });
      const other = await fixture();
      const theirs = await created(other.me, '/tasks', { title: 'Theirs' });
      return failures(
        [422, () => post(me, '/resources', { url: 'ftp://example.com/file', taskId: mine })],
        [422, () => post(me, '/resources', { url: 'https://example.com/' })],
        [404, () => post(me, '/resources', { url: 'https://example.com/', taskId: theirs })],
      );
    },
    deleteResource: ({ me }) =>
      failures([404, () => remove(me, '/resources/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11')]),
    search: ({ me }) =>
      failures(
        [422, () => me.call('/search')],
        [422, () => me.call('/search?q=login&kinds=projects')],
        [422, () => me.call('/search?q=log%00in')],
      ),
    getReport: ({ me }) =>
      failures(
        [422, () => me.call('/reports?from=2026-04-12&to=2026-04-06')],
        [422, () => me.call('/reports?from=2020-01-01&to=2026-04-06')],
        [422, () => me.call('/reports?from=2026-04-06')],
        [422, () => me.call('/reports?period=year')],
        [422, () => me.call('/reports?period=month&date=2026-02-30')],
      ),
    getYearHeatmap: ({ me }) =>
      failures(
        [422, () => me.call('/reports/heatmap?year=26')],
        [422, () => me.call('/reports/heatmap?year=1900')],
      ),
    getCalendarFeed: () => failures(),
    getSlack: () => failures(),
    putSlack: ({ me }) =>
      failures(
        [422, () => me.call('/slack', { method: 'PUT', json: { token: 'not-a-slack-token' } })],
        [422, () => me.call('/slack', { method: 'PUT', json: { statusEmoji: 'headphones' } })],
        [422, () => me.call('/slack', { method: 'PUT', json: { statusText: '' } })],
        [422, () => me.call('/slack', { method: 'PUT', json: { statusText: 'Hi', surprise: true } })],
        [422, () => me.call('/slack', { method: 'PUT', json: { statusText: 'Not connected yet' } })],
      ),
    deleteSlack: () => failures(),
    createCalendarFeed: () => failures(),
    deleteCalendarFeed: () => failures(),
    listTokens: ({ me }) =>
      failures(
        [422, () => me.call('/tokens?status=lost')],
        [422, () => me.call('/tokens?limit=1000')],
        [422, () => me.call('/tokens?q=%00')],
        [422, () => me.call(`/tokens?cursor=${cursorOf(['nonsense', UUID])}`)],
      ),
    createToken: ({ me }) =>
      failures(
        [422, () => post(me, '/tokens', { name: '' })],
        [422, () => post(me, '/tokens', { name: 'x', scopes: ['admin'] })],
        [422, () => post(me, '/tokens', { name: 'x', expiresInDays: 0 })],
        [422, () => post(me, '/tokens', { name: 'line\u0000break' })],
      ),
    revokeToken: ({ me }) =>
      failures(
        [404, () => me.call('/tokens/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11', { method: 'DELETE' })],
        [404, () => me.call('/tokens/nope', { method: 'DELETE' })],
      ),
    streamEvents: ({ me }) =>
      failures([422, () => me.call('/events', { headers: { 'last-event-id': '9'.repeat(21) } })]),
    listInsights: () => failures(),
    dismissInsight: async ({ me }) => {
      const other = await fixture();
      const theirs = await insightOf(other.me);
      return failures(
        [404, () => post(me, `/insights/${theirs}/dismiss`)],
        [404, () => post(me, `/insights/${UUID}/dismiss`)],
        [404, () => post(me, '/insights/nope/dismiss')],
      );
    },
    exportSessions: ({ me }) =>
      failures(
        [422, () => me.call('/exports/sessions?format=xml')],
        [422, () => me.call('/exports/sessions?from=2026-02-30')],
        [422, () => me.call('/exports/sessions?from=2026-04-08&to=2026-04-01')],
      ),
    exportTasks: ({ me }) => failures([422, () => me.call('/exports/tasks?format=pdf')]),
    exportContextSwitches: ({ me }) =>
      failures([422, () => me.call('/exports/context-switches?to=yesterday')]),
    exportReport: ({ me }) =>
      failures(
        [422, () => me.call('/exports/report?format=xml')],
        [422, () => me.call('/exports/report?from=2026-04-12&to=2026-04-06')],
        [422, () => me.call('/exports/report?from=2020-01-01&to=2026-04-06')],
      ),
    exportInsights: ({ me }) => failures([422, () => me.call('/exports/insights?format=pdf')]),
    listExports: ({ me }) =>
      failures(
        [422, () => me.call('/exports?limit=0')],
        [422, () => me.call(`/exports?cursor=${cursorOf(['nonsense', UUID])}`)],
      ),
    createExport: ({ me }) =>
      failures(
        [422, () => post(me, '/exports', { kind: 'secrets', format: 'csv' })],
        [422, () => post(me, '/exports', { kind: 'account', format: 'csv' })],
        [
          422,
          () =>
            post(me, '/exports', { kind: 'sessions', format: 'csv', from: '2026-04-08', to: '2026-04-01' }),
        ],
        [422, () => post(me, '/exports', { kind: 'sessions', format: 'csv', extra: true })],
      ),
    getExport: async ({ me }) => {
      const other = await fixture();
      const theirs = await exportOf(other.me);
      return failures(
        [404, () => me.call(`/exports/${theirs}`)],
        [404, () => me.call(`/exports/${UUID}`)],
        [404, () => me.call('/exports/nope')],
      );
    },
    downloadExport: async ({ me }) => {
      const other = await fixture();
      const theirs = await exportOf(other.me);
      const queued = await exportOf(me, true);
      return failures(
        [404, () => me.call(`/exports/${theirs}/download`)],
        [404, () => me.call(`/exports/${UUID}/download`)],
        [409, () => me.call(`/exports/${queued}/download`)],
      );
    },
    exportAccount: () => failures(),
    importAccount: async ({ me }) => {
      const archive = (await archiveOf()) as { sessions: unknown[]; tasks: { projectId: string | null }[] };
      const broken = {
        ...archive,
        sessions: archive.sessions.slice(1),
        tasks: [{ ...archive.tasks[0], projectId: UUID }],
      };
      return failures(
        [422, () => post(me, '/account/import', { format: 'something else', version: 1 })],
        [422, () => post(me, '/account/import', broken)],
        [422, () => post(me, '/account/import', { ...archive, version: 2 })],
        [
          409,
          async () => {
            await post(me, '/projects', { name: 'Already here' });
            return post(me, '/account/import', archive);
          },
        ],
      );
    },
    listTeams: () => failures(),
    createTeam: ({ me }) =>
      failures(
        [422, () => post(me, '/teams', { name: '' })],
        [422, () => post(me, '/teams', { name: 'x'.repeat(81) })],
        [422, () => post(me, '/teams', { name: 'Platform', owner: 'someone' })],
        [
          415,
          () =>
            me.call('/teams', { method: 'POST', body: 'name=x', headers: { 'content-type': 'text/plain' } }),
        ],
      ),
    getTeam: async ({ me }) => {
      const other = await newCaller(t);
      const { teamId } = await teamOf(other);
      return failures([404, () => me.call(`/teams/${teamId}`)], [404, () => me.call('/teams/not-a-team')]);
    },
    renameTeam: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      return failures(
        [422, () => me.call(`/teams/${teamId}`, { method: 'PATCH', json: { name: ' ' } })],
        [403, () => other.call(`/teams/${teamId}`, { method: 'PATCH', json: { name: 'Mine' } })],
        [404, () => me.call(`/teams/${UUID}`, { method: 'PATCH', json: { name: 'Mine' } })],
      );
    },
    deleteTeam: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      return failures(
        [403, () => remove(other, `/teams/${teamId}`)],
        [404, () => remove(me, `/teams/${UUID}`)],
      );
    },
    listTeamMembers: () => failures(),
    changeTeamMemberRole: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      const patch = (caller: ApiCaller, userId: string, json: unknown) => () =>
        caller.call(`/teams/${teamId}/members/${userId}`, { method: 'PATCH', json });
      return failures(
        [422, patch(me, other.userId, { role: 'boss' })],
        [403, patch(other, me.userId, { role: 'viewer' })],
        [409, patch(me, me.userId, { role: 'admin' })],
        [404, patch(me, UUID, { role: 'viewer' })],
      );
    },
    removeTeamMember: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      return failures(
        [403, () => remove(other, `/teams/${teamId}/members/${me.userId}`)],
        [409, () => remove(me, `/teams/${teamId}/members/${me.userId}`)],
        [404, () => remove(me, `/teams/${teamId}/members/${UUID}`)],
      );
    },
    setTeamFocusSharing: async ({ me }) => {
      const { teamId } = await teamOf(me);
      return failures(
        [422, () => put(me, `/teams/${teamId}/me`, { sharesFocus: 'on' })],
        [422, () => put(me, `/teams/${teamId}/me`, {})],
      );
    },
    getTeamFocusBoard: async ({ me }) => {
      const other = await newCaller(t);
      const { teamId } = await teamOf(other);
      return failures(
        [404, () => me.call(`/teams/${teamId}/focus`)],
        [404, () => me.call('/teams/not-a-team/focus')],
      );
    },
    leaveTeam: async ({ me }) => {
      const { teamId } = await teamOf(me);
      return failures(
        [409, () => remove(me, `/teams/${teamId}/me`)],
        [404, () => remove(me, `/teams/${UUID}/me`)],
      );
    },
    transferTeamOwnership: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      return failures(
        [403, () => post(other, `/teams/${teamId}/transfer-ownership`, { userId: me.userId })],
        [404, () => post(me, `/teams/${teamId}/transfer-ownership`, { userId: UUID })],
        [422, () => post(me, `/teams/${teamId}/transfer-ownership`, {})],
      );
    },
    createTeamInvitation: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      return failures(
        [422, () => post(me, `/teams/${teamId}/invitations`, { email: 'not an address', role: 'member' })],
        [422, () => post(me, `/teams/${teamId}/invitations`, { role: 'boss' })],
        [403, () => post(other, `/teams/${teamId}/invitations`, { role: 'viewer' })],
        [409, () => post(me, `/teams/${teamId}/invitations`, { email: other.email, role: 'viewer' })],
      );
    },
    listTeamInvitations: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      return failures([403, () => other.call(`/teams/${teamId}/invitations`)]);
    },
    revokeTeamInvitation: async ({ me }) => {
      const { teamId, invitationId, other } = await teamOf(me);
      return failures(
        [403, () => remove(other, `/teams/${teamId}/invitations/${invitationId}`)],
        [404, () => remove(me, `/teams/${teamId}/invitations/${UUID}`)],
      );
    },
    acceptTeamInvitation: async ({ me }) => {
      const token = await invitationFor(me);
      const stranger = await newCaller(t);
      return failures(
        [403, () => post(stranger, `/invitations/${token}/accept`)],
        [404, () => post(me, '/invitations/not-a-token/accept')],
        [
          410,
          async () => {
            await post(me, `/invitations/${token}/accept`);
            return post(stranger, `/invitations/${token}/accept`);
          },
        ],
      );
    },
    getTeamReport: async ({ me }) => {
      const { teamId } = await teamOf(me);
      const stranger = await newCaller(t);
      return failures(
        [422, () => me.call(`/teams/${teamId}/report?from=2026-04-12&to=2026-04-06`)],
        [422, () => me.call(`/teams/${teamId}/report?from=2020-01-01&to=2026-04-06`)],
        [422, () => me.call(`/teams/${teamId}/report?from=2026-04-06`)],
        [422, () => me.call(`/teams/${teamId}/report?period=year`)],
        [404, () => stranger.call(`/teams/${teamId}/report`)],
        [404, () => me.call(`/teams/${UUID}/report`)],
      );
    },
    exportTeamReport: async ({ me }) => {
      const { teamId } = await teamOf(me);
      const stranger = await newCaller(t);
      return failures(
        [422, () => me.call(`/teams/${teamId}/exports/report?format=xml`)],
        [422, () => me.call(`/teams/${teamId}/exports/report?from=2026-04-12&to=2026-04-06`)],
        [422, () => me.call(`/teams/${teamId}/exports/report?from=2020-01-01&to=2026-04-06`)],
        [404, () => stranger.call(`/teams/${teamId}/exports/report?format=pdf`)],
      );
    },
    // GitHub and GitLab import (issue 15)
    listIntegrations: () => failures(),
    createIntegration: async ({ me }) => {
      const valid = await integrationInput(me);
      const postWith = (change: Record<string, unknown>) => () =>
        post(me, '/integrations', { ...valid, ...change });
      return failures(
        [422, postWith({ provider: 'jira' })],
        [422, postWith({ repositories: [] })],
        [422, postWith({ repositories: ['not a repository'] })],
        [422, postWith({ token: '' })],
        [422, postWith({ token: 'ghp_refused_by_github' })],
        [422, postWith({ baseUrl: 'ftp://github.example.com' })],
        [422, postWith({ scopes: ['everything'] })],
        [404, postWith({ projectId: UUID })],
      );
    },
    deleteIntegration: ({ me }) => failures([404, () => remove(me, `/integrations/${UUID}`)]),
    syncIntegration: async ({ me }) => {
      const broken = await integrationOf(me);
      await t.deps.db
        .update(integrationConnections)
        .set({ status: 'broken' })
        .where(eq(integrationConnections.id, broken));
      return failures(
        [404, () => post(me, `/integrations/${UUID}/sync`)],
        [409, () => post(me, `/integrations/${broken}/sync`)],
      );
    },
    // Webhooks (issue 15)
    listWebhooks: () => failures(),
    createWebhook: ({ me }) =>
      failures(
        [422, () => post(me, '/webhooks', { url: 'nope', events: ['task.created'] })],
        [422, () => post(me, '/webhooks', { url: 'http://127.0.0.1:9/h', events: [] })],
        [
          404,
          () =>
            post(me, '/webhooks', {
              url: 'http://127.0.0.1:9/h',
              events: ['team.task.changed'],
              teamId: UUID,
            }),
        ],
      ),
    updateWebhook: async ({ me }) => {
      const { id } = await webhookOf(me);
      return failures(
        [422, () => me.call(`/webhooks/${id}`, { method: 'PATCH', json: { events: ['nope'] } })],
        [404, () => me.call(`/webhooks/${UUID}`, { method: 'PATCH', json: { enabled: false } })],
      );
    },
    deleteWebhook: ({ me }) => failures([404, () => me.call(`/webhooks/${UUID}`, { method: 'DELETE' })]),
    listWebhookDeliveries: async ({ me }) => {
      const { id } = await webhookOf(me);
      return failures(
        [422, () => me.call(`/webhooks/${id}/deliveries?limit=0`)],
        [422, () => me.call(`/webhooks/${id}/deliveries?cursor=${cursorOf(['x', 1])}`)],
        [404, () => me.call(`/webhooks/${UUID}/deliveries`)],
      );
    },
    sendTestWebhook: ({ me }) => failures([404, () => post(me, `/webhooks/${UUID}/test`)]),
    resendWebhookDelivery: async ({ me }) => {
      const { id } = await webhookOf(me);
      return failures([404, () => post(me, `/webhooks/${id}/deliveries/${UUID}/resend`)]);
    },
    listPushSubscriptions: () => failures(),
    createPushSubscription: ({ me }) => {
      const valid = pushSubscriptionJson('refused');
      return failures(
        [422, () => post(me, '/push-subscriptions', { ...valid, endpoint: 'not a url' })],
        [422, () => post(me, '/push-subscriptions', { ...valid, endpoint: 'ftp://127.0.0.1/push' })],
        [422, () => post(me, '/push-subscriptions', { ...valid, keys: { ...valid.keys, auth: 'short' } })],
        [422, () => post(me, '/push-subscriptions', { endpoint: valid.endpoint })],
      );
    },
    deletePushSubscription: ({ me }) =>
      failures([404, () => me.call(`/push-subscriptions/${UUID}`, { method: 'DELETE' })]),
    sendTestPush: ({ me }) => failures([404, () => post(me, `/push-subscriptions/${UUID}/test`)]),
    answerPushAction: async (f) => {
      const valid = await pushActionOf(f, 'complete');
      return failures(
        [403, () => post(f.me, '/push-actions', { ...valid, token: `x${valid.token.slice(1)}` })],
        [404, () => post(f.me, '/push-actions', { ...valid, subscriptionId: UUID })],
        [422, () => post(f.me, '/push-actions', { ...valid, action: 'pause' })],
        [409, () => post(f.me, '/push-actions', { ...valid, action: 'keepGoing' })],
      );
    },
  };

  /** A valid request per POST operation, sent twice with one Idempotency-Key. */
  type Retried = { path: string; json?: unknown };
  const idempotentCases: Partial<Record<OperationId, (f: Fixture) => Retried | Promise<Retried>>> = {
    changePassword: () => ({
      path: '/me/password',
      json: { currentPassword: PASSWORD, newPassword: 'a new calm passphrase' },
    }),
    applyTimerAction: ({ sessionIds: [id] }) => ({ path: `/sessions/${id}/start` }),
    createToken: () => ({ path: '/tokens', json: { name: 'retried' } }),
    createCalendarFeed: () => ({ path: '/calendar-feed' }),
    createProject: () => ({ path: '/projects', json: { name: 'Retried' } }),
    createTask: () => ({ path: '/tasks', json: { title: 'Retried' } }),
    quickAddTask: () => ({ path: '/tasks/quick-add', json: { text: 'Retried task !high' } }),
    planTask: async ({ me }) => ({
      path: `/tasks/${await created(me, '/tasks', { title: 'Plan me' })}/plan`,
      json: {},
    }),
    recordContextSwitch: async ({ me, sessionIds: [id] }) => {
      await post(me, `/sessions/${id}/start`);
      return { path: '/context-switches', json: { sessionId: id, reason: 'meeting' } };
    },
    dismissInsight: async ({ me }) => ({ path: `/insights/${await insightOf(me)}/dismiss` }),
    addResource: ({ sessionIds: [id] }) => ({
      path: '/resources',
      json: { url: 'https://example.com/retried', sessionId: id },
    }),
    createExport: () => ({ path: '/exports', json: { kind: 'tasks', format: 'json' } }),
    importAccount: async () => ({ path: '/account/import', json: await archiveOf() }),
    createTeam: () => ({ path: '/teams', json: { name: 'Retried' } }),
    createTeamInvitation: async ({ me }) => ({
      path: `/teams/${(await teamOf(me)).teamId}/invitations`,
      json: { role: 'member' },
    }),
    transferTeamOwnership: async ({ me }) => {
      const { teamId, other } = await teamOf(me);
      return { path: `/teams/${teamId}/transfer-ownership`, json: { userId: other.userId } };
    },
    acceptTeamInvitation: async ({ me }) => ({ path: `/invitations/${await invitationFor(me)}/accept` }),
    createIntegration: async ({ me }) => ({ path: '/integrations', json: await integrationInput(me) }),
    syncIntegration: async ({ me }) => ({ path: `/integrations/${await integrationOf(me)}/sync` }),
    createWebhook: () => ({
      path: '/webhooks',
      json: { url: 'http://127.0.0.1:9/retried', events: ['task.created'] },
    }),
    sendTestWebhook: async ({ me }) => ({ path: `/webhooks/${(await webhookOf(me)).id}/test` }),
    createPushSubscription: () => ({ path: '/push-subscriptions', json: pushSubscriptionJson('retried') }),
    sendTestPush: async ({ me }) => ({ path: `/push-subscriptions/${await pushSubscriptionOf(me)}/test` }),
    answerPushAction: async (f) => ({ path: '/push-actions', json: await pushActionOf(f, 'complete') }),
    resendWebhookDelivery: async ({ me }) => {
      const { id, deliveryId } = await webhookOf(me);
      return { path: `/webhooks/${id}/deliveries/${deliveryId}/resend` };
    },
  };

  return { fixture, validCases, errorCases, idempotentCases };
}
