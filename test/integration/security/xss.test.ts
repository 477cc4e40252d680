import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/http/middleware/security-headers.ts';
import { deliverDueWebhooks } from '../../../src/services/webhooks/deliver-webhooks.ts';
import { createToken, signUpPerson } from '../../support/factories.ts';
import { type FakeGitHub, startFakeGitHub } from '../../support/fakes/github.ts';
import { type FakeOidcProvider, startFakeOidcProvider } from '../../support/fakes/oidc-provider.ts';
import { type SlackFake, startSlackFake } from '../../support/fakes/slack.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/fakes/webhook-receiver.ts';
import { TestBrowser } from '../../support/http-client.ts';
import { activeMarkupIn, visibleTextOf } from '../../support/inert-html.ts';
import { addPasskeyInSettings } from '../../support/passkeys.ts';
import {
  approveAtProvider,
  signInProvidersConfig,
  signInWithProvider,
} from '../../support/sign-in-providers.ts';
import { newSlackToken, slackConfig } from '../../support/slack.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

// ASVS V1 (output encoding): hostile text stored through the API, in every field a person
// controls, comes back inert on every page that shows it and in every export; the CSP would stop
// an inline script even if one slipped through.

/** Each payload is prefixed with a marker word, so search finds it and the test sees it shown. */
const MARK = 'zebra';
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><img src=x onerror=alert(1)>",
  '</textarea><img src=x onerror=alert(1)>',
  '</title><script>alert(1)</script>',
  '" hx-get="/x" hx-trigger="load',
  "' hx-get='/x' hx-trigger='load",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, kept literal on purpose
  '{{constructor.constructor("alert(1)")()}} ${alert(1)}',
  '\u202Egnp.exe\u202C <svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
];
/** Raw markup the payloads would leave if anything were printed unescaped. */
const RAW_SIGNS = [
  '<script>alert',
  '<img src=x',
  '<svg onload',
  'hx-get="/x"',
  "hx-get='/x'",
  '<a href="javascript:',
];

const DAY = '2026-04-06';
let t: TestApp;
let slack: SlackFake;
let github: FakeGitHub;
let receiver: WebhookReceiver;
beforeAll(async () => {
  slack = await startSlackFake();
  github = await startFakeGitHub();
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z'), config: slackConfig(slack) });
  receiver = await startWebhookReceiver(() => t.clock.now());
});
afterAll(async () => {
  await slack?.stop();
  await github?.close();
});

/** A signed-in browser and an API token of the same person. */
async function person() {
  const { browser, actor } = await signUpPerson(t, { timeZone: 'Europe/Berlin', emailPrefix: 'xss' });
  const secret = await createToken(t, actor, { name: 'xss' });
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
    return { status: response.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return { browser, api, userId: actor.id, email: actor.email };
}

/** Stores `text` in every field a person controls; returns the ids of what it made. */
async function storeEverywhere({ api }: Pick<Awaited<ReturnType<typeof person>>, 'api'>, text: string) {
  const ok = (answer: { status: number; text: string; body: unknown }, what: string) => {
    expect(answer.status, `${what}: ${answer.text}`).toBeLessThan(300);
    return answer.body;
  };
  const day = ok(await api('GET', '/days/today'), 'day') as { sessions: { id: string }[] };
  const [first, second, third] = day.sessions.map((s) => s.id);
  const project = ok(
    await api('POST', '/projects', { name: text.slice(0, 60), description: text }),
    'project',
  ) as { id: string };
  const task = ok(
    await api('POST', '/tasks', {
      title: text,
      description: text,
      projectId: project.id,
      externalId: text.slice(0, 40),
      externalUrl: `https://example.com/${encodeURIComponent(text)}`,
    }),
    'task',
  ) as { id: string };
  ok(await api('PUT', `/sessions/${first}/tasks/${task.id}`, { role: 'main' }), 'link');
  ok(await api('PATCH', `/sessions/${first}`, { goal: text, notes: text }), 'goal and notes');
  ok(await api('PATCH', `/sessions/${second}`, { goal: text }), 'second goal');
  ok(await api('POST', `/sessions/${first}/start`), 'start');
  t.clock.advance(10 * 60);
  ok(await api('POST', '/context-switches', { sessionId: first, reason: 'meeting', note: text }), 'switch');
  ok(
    await api('POST', '/resources', { url: `https://example.com/?q=${text}`, title: text, taskId: task.id }),
    'resource',
  );
  t.clock.advance(20 * 60);
  ok(await api('POST', `/sessions/${first}/complete`), 'complete');
  ok(await api('PUT', `/sessions/${first}/outcome`, { outcome: 'progressed', note: text }), 'outcome');
  ok(await api('POST', `/sessions/${third}/skip`, { reason: text }), 'skip');
  ok(await api('POST', '/tokens', { name: text.slice(0, 60), scopes: ['read'] }), 'token');
  const feed = ok(await api('POST', '/calendar-feed'), 'feed') as { url: string };
  const team = ok(await api('POST', '/teams', { name: text.slice(0, 80) }), 'team') as { id: string };
  // An invitee's address must be an address: hostile text is refused there, and stored nowhere.
  const hostile = await api('POST', `/teams/${team.id}/invitations`, {
    email: `${text}@example.com`,
    role: 'member',
  });
  expect(hostile.status, hostile.text).toBe(422);
  ok(
    await api('POST', `/teams/${team.id}/invitations`, { email: `${MARK}@example.com`, role: 'member' }),
    'invite',
  );
  const link = ok(await api('POST', `/teams/${team.id}/invitations`, { role: 'viewer' }), 'link') as {
    token: string;
  };
  // A team project and task under the same name, worked on in a shared session: the team's
  // pages and its report show them, with the team's name beside them.
  ok(await api('PUT', `/teams/${team.id}/me`, { sharesFocus: true }), 'share focus');
  const teamProject = ok(
    await api('POST', '/projects', { name: text.slice(0, 60), description: text, teamId: team.id }),
    'team project',
  ) as { id: string };
  const teamTask = ok(
    await api('POST', '/tasks', { title: text, type: 'bug', projectId: teamProject.id }),
    'team task',
  ) as { id: string };
  ok(await api('PUT', `/sessions/${second}/tasks/${teamTask.id}`, { role: 'main' }), 'team task link');
  ok(await api('POST', `/sessions/${second}/start`), 'start the team session');
  t.clock.advance(15 * 60);
  ok(await api('POST', `/sessions/${second}/complete`), 'complete the team session');
  return {
    teamProjectId: teamProject.id,
    taskId: task.id,
    projectId: project.id,
    feedPath: new URL(feed.url).pathname,
    teamId: team.id,
    invitationPath: `/invitations/${link.token}`,
  };
}

describe('stored text in the pages', () => {
  it.each(PAYLOADS)('comes back inert everywhere: %s', async (payload) => {
    t.clock.set(new Date('2026-04-06T07:00:00Z'));
    const who = await person();
    const { browser } = who;
    const text = `${MARK} ${payload}`;
    const { taskId, projectId, feedPath, teamId, invitationPath, teamProjectId } = await storeEverywhere(
      who,
      text,
    );

    // Pages that must show the text (as text), then the rest a person reaches from them.
    const showing = [
      '/',
      `/day/${DAY}`,
      `/day/${DAY}/sheet`,
      '/tasks',
      `/tasks/${taskId}`,
      `/projects/${projectId}`,
      `/search?q=${MARK}`,
      '/settings',
      '/teams',
      `/teams/${teamId}`,
      `/projects/${teamProjectId}`,
      `/teams/${teamId}/report`,
      invitationPath,
    ];
    const others = [
      `/week/${DAY}`,
      `/month/${DAY}`,
      `/tasks?projectId=${projectId}`,
      `/search?q=${encodeURIComponent(payload)}`,
      '/reports',
      `/reports/fragment?from=${DAY}&to=2026-04-12`,
      '/insights/fragment',
    ];
    const seen = new Set<string>();
    const queue = [...showing, ...others];
    while (queue.length > 0 && seen.size < 40) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await browser.get(path);
      expect(response.status, `GET ${path}`).toBeLessThan(400);
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('text/html')) continue;
      const html = await response.text();
      expect(activeMarkupIn(html), `GET ${path}`).toEqual([]);
      for (const sign of RAW_SIGNS) expect(html, `GET ${path}`).not.toContain(sign);
      if (showing.includes(path)) expect(visibleTextOf(html), `GET ${path} shows the text`).toContain(text);
      for (const [, href] of html.matchAll(/href="(\/(?:day|week|month|tasks|projects)\/[^"#?]*)"/g))
        if (!seen.has(href!)) queue.push(href!);
    }

    // Files are never HTML and never sniffed as HTML.
    for (const path of [
      '/exports/sessions.csv?from=2026-04-01&to=2026-04-30',
      '/exports/sessions.json?from=2026-04-01&to=2026-04-30',
      '/exports/tasks.csv',
      '/exports/tasks.json',
      '/exports/context-switches.csv?from=2026-04-01&to=2026-04-30',
      '/exports/report.json?from=2026-04-06&to=2026-04-12',
      '/exports/report.csv?from=2026-04-06&to=2026-04-12',
      `/teams/${teamId}/report.json?from=2026-04-06&to=2026-04-12`,
      `/teams/${teamId}/report.csv?from=2026-04-06&to=2026-04-12`,
      feedPath,
    ]) {
      const response = await browser.get(path);
      expect(response.status, `GET ${path}: ${await response.clone().text()}`).toBe(200);
      expect(response.headers.get('content-type'), path).not.toMatch(/html|xml/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      if (path.startsWith('/exports/'))
        expect(response.headers.get('content-disposition'), path).toMatch(/^attachment/);
      expect(await response.text(), path).toContain(MARK);
    }
  });

  it('refuses javascript: and data: links for resources and task links, storing nothing', async () => {
    const { api } = await person();
    const task = (await api('POST', '/tasks', { title: 'Plain task' })).body as { id: string };
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<b>',
    ]) {
      const resource = await api('POST', '/resources', { url, taskId: task.id });
      expect(resource.status, `${url}: ${resource.text}`).toBeGreaterThanOrEqual(400);
      expect(resource.status).toBeLessThan(500);
      const linked = await api('PATCH', `/tasks/${task.id}`, { externalUrl: url });
      expect(linked.status, `${url}: ${linked.text}`).toBeGreaterThanOrEqual(400);
      expect(linked.status).toBeLessThan(500);
    }
    const resources = (await api('GET', `/resources?taskId=${task.id}`)).body as { items: unknown[] };
    expect(resources.items).toEqual([]);
    expect(((await api('GET', `/tasks/${task.id}`)).body as { externalUrl: unknown }).externalUrl).toBeNull();
  });
});

describe('Slack and webhook settings in the pages', () => {
  /** The page is inert, and where `shown` is given, shows it as text. */
  async function expectInert(response: Response, what: string, shown?: string) {
    const html = await response.text();
    expect(activeMarkupIn(html), what).toEqual([]);
    for (const sign of RAW_SIGNS) expect(html, what).not.toContain(sign);
    if (shown !== undefined) expect(visibleTextOf(html), `${what} shows the text`).toContain(shown);
  }

  it.each(PAYLOADS)('come back inert on Settings › Slack and Settings › Webhooks: %s', async (payload) => {
    const { browser, api } = await person();
    const text = `${MARK} ${payload}`;

    // Slack: the workspace's name comes from Slack, the status words from the person.
    const token = newSlackToken();
    slack.addAccount({ token, teamName: text });
    const connected = await api('PUT', '/slack', { token, statusText: text, statusEmoji: ':zebra_face:' });
    expect(connected.status, connected.text).toBe(200);
    expect(connected.body).toMatchObject({ workspace: text, statusText: text });
    const slackPage = await browser.get('/settings/slack');
    expect(slackPage.status).toBe(200);
    await expectInert(slackPage, 'GET /settings/slack', text);
    // A refused form comes back with what was typed, the emoji among it.
    const refused = await browser.submit('/settings/slack/settings', {
      statusText: text,
      statusEmoji: text,
      setDnd: 'on',
    });
    expect(refused.status).toBe(422);
    await expectInert(refused, 'POST /settings/slack/settings (refused)', text);

    // Webhooks: a refused address, the address itself, and a receiver's answer in the log.
    const badAddress = await browser.submit('/settings/webhooks', { url: text, events: 'task.created' });
    expect(badAddress.status).toBe(422);
    await expectInert(badAddress, 'POST /settings/webhooks (refused)');
    receiver.answerText = text;
    const added = await browser.submit('/settings/webhooks', {
      url: `${receiver.url}?${MARK}=${payload}`,
      events: 'task.created',
    });
    expect(added.status).toBe(200);
    await expectInert(added, 'POST /settings/webhooks');
    const page = await (await browser.get('/settings/webhooks')).text();
    const id = page.match(/\/settings\/webhooks\/([0-9a-f-]{36})\/test/)![1]!;
    expect((await browser.submit(`/settings/webhooks/${id}/test`, {})).status).toBe(303);
    while ((await deliverDueWebhooks(t.deps, { timeoutMs: 2000 })) > 0) {}
    const log = await browser.get('/settings/webhooks');
    expect(log.status).toBe(200);
    await expectInert(log, 'GET /settings/webhooks', text);
  });
});

describe('signed-in devices in Settings', () => {
  it.each(PAYLOADS)('names a device with a hostile user agent and address inertly: %s', async (payload) => {
    const { browser, email } = await person();
    // Header values arrive as bytes: the UTF-8 of the payload, read one byte per character.
    const text = Buffer.from(`${MARK} ${payload}`, 'utf8').toString('latin1');
    const phone = new TestBrowser(t.app, text.slice(0, 60));
    phone.userAgent = `Mozilla/5.0 (iPhone) ${text}`;
    await phone.logIn(email);
    const html = await (await browser.get('/settings')).text();
    expect(activeMarkupIn(html)).toEqual([]);
    for (const sign of RAW_SIGNS) expect(html).not.toContain(sign);
    expect(visibleTextOf(html)).toContain(`Browser on iOS · ${text.slice(0, 60)}`);
  });
});

describe('passkey names in the pages', () => {
  it.each(PAYLOADS)('come back inert on Settings › Passkeys: %s', async (payload) => {
    const { browser } = await person();
    // Folded as the name is stored (runs of white space become one space), within its 60 characters.
    const text = `${MARK} ${payload}`.replace(/\s+/g, ' ').slice(0, 60);
    // Without APP_URL the relying party is http://localhost:PORT (3000 in the tests).
    await addPasskeyInSettings(browser, { name: text, origin: 'http://localhost:3000' });
    const page = await browser.get('/settings/passkeys');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(activeMarkupIn(html)).toEqual([]);
    for (const sign of RAW_SIGNS) expect(html).not.toContain(sign);
    expect(visibleTextOf(html)).toContain(text);
  });
});

describe('GitHub and GitLab settings in the pages', () => {
  it.each(PAYLOADS)('come back inert on Settings › GitHub and GitLab: %s', async (payload) => {
    const { browser, api } = await person();
    const text = `${MARK} ${payload}`;
    const project = await api('POST', '/projects', { name: text });
    const projectId = (project.body as { id: string }).id;
    // The account's name comes from GitHub; the project's from the person.
    github.login = text;
    const connected = await api('POST', '/integrations', {
      provider: 'github',
      token: github.token,
      baseUrl: github.baseUrl,
      repositories: ['calm/repo'],
      projectId,
    });
    expect(connected.status, connected.text).toBe(201);
    const html = await browser.get('/settings/integrations');
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(activeMarkupIn(page)).toEqual([]);
    for (const sign of RAW_SIGNS) expect(page).not.toContain(sign);
    expect(visibleTextOf(page)).toContain(`GitHub as ${text}`);
    // A refused form comes back with what was typed (but the token).
    const refused = await browser.submit('/settings/integrations', {
      provider: 'github',
      token: github.token,
      baseUrl: text,
      repositories: text,
      projectId,
    });
    expect(refused.status).toBe(422);
    const again = await refused.text();
    expect(activeMarkupIn(again)).toEqual([]);
    for (const sign of RAW_SIGNS) expect(again).not.toContain(sign);
  });
});

describe('sign-in providers in the pages', () => {
  let oidc: FakeOidcProvider;
  beforeAll(async () => {
    oidc = await startFakeOidcProvider();
  });
  afterAll(() => oidc?.close());

  function expectInertHtml(html: string, what: string, shown?: string) {
    expect(activeMarkupIn(html), what).toEqual([]);
    for (const sign of RAW_SIGNS) expect(html, what).not.toContain(sign);
    if (shown !== undefined) expect(visibleTextOf(html), `${what} shows the text`).toContain(shown);
  }

  it.each(PAYLOADS)(
    'a hostile provider name and email come back inert on the login page, a refusal and Settings › Sign-in methods: %s',
    async (payload) => {
      const text = `${MARK} ${payload}`;
      const app = await createTestApp({
        now: new Date('2026-04-06T07:00:00Z'),
        config: { signInProviders: signInProvidersConfig({ oidc, oidcName: text }) },
      });
      const { browser } = await signUpPerson(app, { emailPrefix: 'xss-provider' });
      // Linked from Settings: the provider's email is shown as it said it, whatever it is.
      oidc.person = { sub: `xss-${Math.random()}`, email: text, email_verified: false };
      await browser.get('/settings/sign-in-methods');
      const start = await browser.submit('/settings/sign-in-methods/link/oidc', {});
      const linked = await browser.get(await approveAtProvider(start));
      expect(linked.status).toBe(303);
      const page = await browser.get('/settings/sign-in-methods');
      expectInertHtml(await page.text(), 'GET /settings/sign-in-methods', text);

      const anonymous = new TestBrowser(app.app);
      expectInertHtml(await (await anonymous.get('/login')).text(), 'GET /login', `Continue with ${text}`);
      // A refusal names the provider: another subject with an address nobody verified.
      oidc.person = {
        sub: `xss-other-${Math.random()}`,
        email: 'someone@example.test',
        email_verified: false,
      };
      const refused = await signInWithProvider(anonymous, 'oidc');
      expect(refused.status).toBe(409);
      expectInertHtml(await refused.text(), 'GET /auth/oidc/callback (refused)', text);
    },
  );
});

describe('the Content Security Policy', () => {
  it('allows no inline script, no plugins, no base rewriting and no framing, on pages and the API', async () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values.join(' ')] as const;
      }),
    );
    const scripts = directives.get('script-src') ?? directives.get('default-src') ?? '';
    expect(scripts).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:|https?:/);
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    for (const path of ['/login', '/api/v1/me', '/nothing-here']) {
      const response = await t.app.request(`http://localhost${path}`);
      expect(response.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
    }
  });
});

describe('the inertness check itself', () => {
  it('finds each payload when it is printed unescaped in some context', () => {
    const contexts = [
      (x: string) => `<div>${x}</div>`,
      (x: string) => `<textarea>${x}</textarea>`,
      (x: string) => `<input value="${x}">`,
      (x: string) => `<input value='${x}'>`,
    ];
    const page = (body: string) =>
      `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;
    for (const payload of PAYLOADS.filter((p) => !p.startsWith('{{'))) {
      const found = contexts.flatMap((context) => activeMarkupIn(page(context(payload))));
      expect(found, payload).not.toEqual([]);
    }
    expect(activeMarkupIn(page('<div>zebra &lt;script&gt;alert(1)&lt;/script&gt;</div>'))).toEqual([]);
  });
});
