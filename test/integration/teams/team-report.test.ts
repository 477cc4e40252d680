import { describe, expect, it } from 'vitest';
import { projects, sessionTasks, tasks } from '../../../src/db/schema/index.ts';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import type { SlotNumber } from '../../../src/domain/sheet.ts';
import { type ApiCaller, okJson as ok, sendJson as send } from '../../support/api.ts';
import { apiCallerFor } from '../../support/exports.ts';
import { signUpPerson } from '../../support/factories.ts';
import type { TestBrowser } from '../../support/http-client.ts';
import { visibleTextOf } from '../../support/inert-html.ts';
import type { components } from '../../support/openapi-schema.d.ts';
import { pdfTextOf } from '../../support/pdf-text.ts';
import { insertDays } from '../../support/report-history.ts';
import { createTeamProject } from '../../support/team-work.ts';
import { createTestApp } from '../../support/test-app.ts';
import { newCaller } from '../api/callers.ts';

// The team report as its members meet it: where the team's focus went this week, counted from the
// sessions on the team's tasks of members who share their focus, and nothing else: not a private
// session, not another team's task, not a member who keeps their focus to themselves.

type ApiTeamReport = components['schemas']['TeamReport'];

/** Wednesday 8 April 2026, 12:00 in Berlin; the week runs from Monday 6 to Sunday 12. */
const NOW = new Date('2026-04-08T10:00:00Z');
const WEEK = 'from=2026-04-06&to=2026-04-12';
const t = await createTestApp({ now: NOW });

async function join(by: ApiCaller, teamId: string, person: ApiCaller, role: string, sharesFocus: boolean) {
  const { token } = await ok<{ token: string }>(by, 'POST', `/teams/${teamId}/invitations`, { role });
  await ok(person, 'POST', `/invitations/${token}/accept`);
  if (sharesFocus) await ok(person, 'PUT', `/teams/${teamId}/me`, { sharesFocus: true });
}

/** Adds a task to a stored session, as main or supporting. */
async function link(
  userId: string,
  date: string,
  slot: SlotNumber,
  taskId: string,
  role: 'main' | 'supporting',
) {
  await t.deps.db
    .insert(sessionTasks)
    .values({ sessionId: sessionIdFor(userId, date, slot), taskId, role, userId });
}

/**
 * A team "Platform" with an owner, an admin (in New York), a member who share their focus, a
 * member who does not and a viewer (a signed-in browser); an outsider runs a team of their own,
 * in which the member is too. Sessions on both teams' tasks, private ones and a supporting link.
 */
async function platform() {
  t.clock.set(NOW);
  const owner = await newCaller(t);
  const admin = await newCaller(t, { timeZone: 'America/New_York' });
  const member = await newCaller(t);
  const quiet = await newCaller(t);
  const viewerPerson = await signUpPerson(t, { timeZone: 'Europe/Berlin', emailPrefix: 'viewer' });
  const viewer = await apiCallerFor(t, viewerPerson.actor);
  const outsider = await newCaller(t);
  const { id: teamId } = await ok<{ id: string }>(owner, 'POST', '/teams', { name: 'Platform' });
  await ok(owner, 'PUT', `/teams/${teamId}/me`, { sharesFocus: true });
  await join(owner, teamId, admin, 'admin', true);
  await join(owner, teamId, member, 'member', true);
  await join(owner, teamId, quiet, 'member', false);
  await join(owner, teamId, viewer, 'viewer', false);
  const { id: otherTeamId } = await ok<{ id: string }>(outsider, 'POST', '/teams', { name: 'Elsewhere' });
  await join(outsider, otherTeamId, member, 'member', true);

  const web = await createTeamProject(owner, {
    teamId,
    name: 'Web',
    tasks: [
      { title: 'Fix login', type: 'bug' },
      { title: 'Polish the menu', type: 'feature' },
    ],
  });
  const api = await createTeamProject(admin, {
    teamId,
    name: 'API',
    tasks: [{ title: 'Design sync', type: 'research' }],
  });
  const elsewhere = await createTeamProject(outsider, {
    teamId: otherTeamId,
    name: 'Secret plans',
    tasks: [{ title: 'Their task', type: 'chore' }],
  });
  const fixLogin = web.taskIds['Fix login']!;
  const polish = web.taskIds['Polish the menu']!;
  const designSync = api.taskIds['Design sync']!;
  const [privateProject] = await t.deps.db
    .insert(projects)
    .values({ userId: owner.userId, name: 'Private', createdAt: NOW, updatedAt: NOW })
    .returning();
  const [errand] = await t.deps.db
    .insert(tasks)
    .values({
      userId: owner.userId,
      projectId: privateProject!.id,
      title: 'Own errand',
      type: 'chore',
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning();

  const berlin = (p: ApiCaller) => ({ id: p.userId, timeZone: 'Europe/Berlin' });
  await insertDays(t.deps.db, berlin(owner), [
    {
      date: '2026-04-03',
      plans: { 1: { state: 'completed', minutes: 45, at: '09:00', mainTaskId: fixLogin } },
    },
    {
      date: '2026-04-06',
      plans: {
        1: {
          state: 'completed',
          minutes: 60,
          at: '09:00',
          mainTaskId: fixLogin,
          switches: ['meeting', 'message'],
        },
        2: { state: 'completed', minutes: 45, at: '11:00', mainTaskId: errand!.id, switches: ['urgent'] },
        3: { state: 'completed', minutes: 30, at: '14:00' },
        4: { state: 'completed', minutes: 20, at: '16:00', mainTaskId: designSync },
      },
    },
    { date: '2026-04-09', plans: {} },
  ]);
  await link(owner.userId, '2026-04-06', 2, polish, 'supporting');
  await link(owner.userId, '2026-04-09', 1, fixLogin, 'main');
  // 21:00 in New York on Monday is Tuesday in UTC: it counts on Monday, the admin's day.
  await insertDays(t.deps.db, { id: admin.userId, timeZone: 'America/New_York' }, [
    {
      date: '2026-04-06',
      plans: {
        1: { state: 'completed', minutes: 90, at: '21:00', mainTaskId: designSync, switches: ['colleague'] },
      },
    },
    { date: '2026-04-07', plans: { 2: { state: 'skipped' } } },
  ]);
  await link(admin.userId, '2026-04-07', 2, fixLogin, 'main');
  await insertDays(t.deps.db, berlin(member), [
    {
      date: '2026-04-07',
      plans: {
        1: { state: 'completed', minutes: 45, at: '09:00', mainTaskId: polish, switches: ['own_idea'] },
        2: {
          state: 'completed',
          minutes: 60,
          at: '11:00',
          mainTaskId: elsewhere.taskIds['Their task']!,
          switches: ['meeting'],
        },
      },
    },
  ]);
  await insertDays(t.deps.db, berlin(quiet), [
    {
      date: '2026-04-06',
      plans: {
        1: { state: 'completed', minutes: 120, at: '09:00', mainTaskId: fixLogin, switches: ['urgent'] },
      },
    },
  ]);
  return { teamId, owner, admin, member, quiet, viewer, viewerBrowser: viewerPerson.browser, outsider };
}

type World = Awaited<ReturnType<typeof platform>>;

async function reportOf(caller: ApiCaller, teamId: string, query = WEEK): Promise<ApiTeamReport> {
  return ok<ApiTeamReport>(caller, 'GET', `/teams/${teamId}/report?${query}`);
}

async function download(browser: TestBrowser, teamId: string, format: string): Promise<Response> {
  const response = await browser.get(`/teams/${teamId}/report.${format}?${WEEK}`);
  expect(response.status, format).toBe(200);
  return response;
}

/** Nothing of these may appear anywhere in what the team sees. */
function privateTextOf(w: World): string[] {
  return ['Own errand', 'Private', 'Their task', 'Secret plans', 'Elsewhere', w.quiet.email, w.viewer.email];
}

describe('the team report', () => {
  it('adds up the week exactly: sessions, focus by project, task type and task, interruptions, members', async () => {
    const w = await platform();
    const report = await reportOf(w.owner, w.teamId);
    expect(report.team).toEqual({ id: w.teamId, name: 'Platform' });
    expect(report.period).toBe('custom');
    expect(report.range).toEqual({ from: '2026-04-06', to: '2026-04-12', days: 7 });
    // Owner's Monday slots 1 and 4, the admin's Monday and skipped Tuesday, the member's Tuesday;
    // the owner's Thursday is still to come.
    expect(report.sessions).toEqual({ planned: 5, completed: 4, skipped: 1 });
    expect(report.focus).toEqual({ focusMinutes: 215, personalMinutes: 195, adminMinutes: 20 });
    expect(report.byDay.map((d) => [d.date, d.focusMinutes])).toEqual([
      ['2026-04-06', 170],
      ['2026-04-07', 45],
      ['2026-04-08', 0],
      ['2026-04-09', 0],
      ['2026-04-10', 0],
      ['2026-04-11', 0],
      ['2026-04-12', 0],
    ]);
    expect(report.byProject).toEqual([
      { projectId: expect.any(String), name: 'API', focusMinutes: 110, sessions: 2 },
      { projectId: expect.any(String), name: 'Web', focusMinutes: 105, sessions: 2 },
    ]);
    expect(report.byTaskType.filter((x) => x.sessions > 0)).toEqual([
      { type: 'bug', focusMinutes: 60, sessions: 1 },
      { type: 'feature', focusMinutes: 45, sessions: 1 },
      { type: 'research', focusMinutes: 110, sessions: 2 },
    ]);
    expect(report.byTask.map((x) => [x.title, x.projectName, x.type, x.focusMinutes, x.sessions])).toEqual([
      ['Design sync', 'API', 'research', 110, 2],
      ['Fix login', 'Web', 'bug', 60, 1],
      ['Polish the menu', 'Web', 'feature', 45, 1],
    ]);
    expect(report.switches.total).toBe(4);
    expect(report.switches.perFocusHour).toBe(1.12);
    expect(report.switches.byReason.filter((r) => r.count > 0)).toEqual([
      { reason: 'meeting', count: 1 },
      { reason: 'message', count: 1 },
      { reason: 'colleague', count: 1 },
      { reason: 'own_idea', count: 1 },
    ]);
    // planned, completed, focus minutes, interruptions of each member who shares.
    const rowOf = (p: ApiCaller, numbers: [number, number, number, number]) => ({
      userId: p.userId,
      name: p.email.split('@')[0],
      email: p.email,
      planned: numbers[0],
      completed: numbers[1],
      focusMinutes: numbers[2],
      switches: numbers[3],
    });
    expect(report.members).toEqual(
      expect.arrayContaining([
        rowOf(w.owner, [2, 2, 80, 2]),
        rowOf(w.admin, [2, 1, 90, 1]),
        rowOf(w.member, [1, 1, 45, 1]),
      ]),
    );
    expect(report.members).toHaveLength(3);
    expect(report.membersNotSharing).toBe(2);
    for (const text of privateTextOf(w)) expect(JSON.stringify(report)).not.toContain(text);
    expect(JSON.stringify(report)).not.toContain(w.quiet.userId);
  });

  it('takes the range as personal reports do: this week by default, a month, a custom range, the same refusals', async () => {
    const w = await platform();
    const week = await reportOf(w.member, w.teamId, '');
    expect(week.period).toBe('week');
    expect(week.range).toEqual({ from: '2026-04-06', to: '2026-04-12', days: 7 });
    expect(week.focus.focusMinutes).toBe(215);
    const month = await reportOf(w.member, w.teamId, 'period=month&date=2026-04-20');
    expect(month.range).toEqual({ from: '2026-04-01', to: '2026-04-30', days: 30 });
    expect(month.focus.focusMinutes).toBe(260);
    const custom = await reportOf(w.member, w.teamId, 'from=2026-04-03&to=2026-04-03');
    expect(custom.byTask).toEqual([expect.objectContaining({ title: 'Fix login', focusMinutes: 45 })]);
    for (const query of [
      'from=2026-04-12&to=2026-04-06',
      'from=2020-01-01&to=2026-04-06',
      'from=2026-04-06',
      'period=year',
      'period=month&date=2026-02-30',
    ]) {
      const team = await send(w.member, 'GET', `/teams/${w.teamId}/report?${query}`);
      const personal = await send(w.member, 'GET', `/reports?${query}`);
      expect(team.status, query).toBe(422);
      expect(team.body.detail, query).toBe(personal.body.detail);
      expect(team.body.errors, query).toEqual(personal.body.errors);
    }
  });

  it('is read by every role, viewer included, and is not found by anyone outside the team', async () => {
    const w = await platform();
    const byOwner = await reportOf(w.owner, w.teamId);
    for (const reader of [w.admin, w.member, w.quiet, w.viewer]) {
      const report = await reportOf(reader, w.teamId);
      // The admin's today is still Wednesday in New York: the same numbers for all.
      expect(report).toEqual(byOwner);
    }
    for (const path of [
      `/teams/${w.teamId}/report?${WEEK}`,
      `/teams/${w.teamId}/exports/report?format=csv`,
    ]) {
      const answer = await send(w.outsider, 'GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.text).not.toContain('Platform');
    }
    expect((await send(w.outsider, 'GET', '/teams/not-a-team/report')).status).toBe(404);
  });

  it('leaves out a member the moment they stop sharing, and refuses one the moment they are removed', async () => {
    const w = await platform();
    await ok(w.member, 'PUT', `/teams/${w.teamId}/me`, { sharesFocus: false });
    const unshared = await reportOf(w.member, w.teamId);
    expect(unshared.focus.focusMinutes).toBe(170);
    expect(unshared.byTask.map((x) => x.title)).not.toContain('Polish the menu');
    expect(unshared.members.map((m) => m.userId)).not.toContain(w.member.userId);
    expect(unshared.membersNotSharing).toBe(3);

    await ok(w.owner, 'DELETE', `/teams/${w.teamId}/members/${w.admin.userId}`);
    const removed = await send(w.admin, 'GET', `/teams/${w.teamId}/report?${WEEK}`);
    expect(removed.status).toBe(404);
    expect((await send(w.admin, 'GET', `/teams/${w.teamId}/exports/report?format=json`)).status).toBe(404);
    const after = await reportOf(w.owner, w.teamId);
    expect(after.focus.focusMinutes).toBe(80);
    expect(after.byTask.map((x) => x.title)).toEqual(['Fix login', 'Design sync']);
    expect(JSON.stringify(after)).not.toContain(w.admin.email);
  });
});

describe('the team report’s files', () => {
  it('writes the week as a tidy CSV, defused by the same cell rules, and as JSON equal to the API’s', async () => {
    const w = await platform();
    const csv = await (await download(w.viewerBrowser, w.teamId, 'csv')).text();
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 11)).toEqual([
      'section,item,value,unit',
      'range,from,2026-04-06,date',
      'range,to,2026-04-12,date',
      'range,days,7,days',
      'sessions,planned,5,count',
      'sessions,completed,4,count',
      'sessions,skipped,1,count',
      'focus,total,215,minutes',
      'focus,personal,195,minutes',
      'focus,admin,20,minutes',
      'switches,total,4,count',
    ]);
    for (const line of [
      'focusByDay,2026-04-06,170,minutes',
      'focusByProject,API,110,minutes',
      'focusByTaskType,research,110,minutes',
      'focusByTask,Design sync,110,minutes',
      'switchesByReason,colleague,1,count',
      `memberFocus,${w.admin.email},90,minutes`,
      `memberCompleted,${w.owner.email},2,count`,
      `memberSwitches,${w.member.email},1,count`,
      'members,notSharing,2,count',
    ])
      expect(lines).toContain(line);
    for (const text of privateTextOf(w)) expect(csv).not.toContain(text);

    const file = await download(w.viewerBrowser, w.teamId, 'json');
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="deepsheet-team-report-2026-04-06-to-2026-04-12.json"',
    );
    expect(await file.json()).toEqual(await reportOf(w.viewer, w.teamId));
    const api = await w.viewer.call(`/teams/${w.teamId}/exports/report?format=csv&${WEEK}`);
    expect(api.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await api.text()).toBe(csv);
  });

  it('makes a PDF whose text holds the team’s numbers and names only those who share', async () => {
    const w = await platform();
    const response = await download(w.viewerBrowser, w.teamId, 'pdf');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfTextOf(new Uint8Array(await response.arrayBuffer()));
    for (const expected of [
      'Platform: team report',
      '6 Apr 2026 – 12 Apr 2026 · 7 days',
      'Team sessions planned',
      'Focus in total',
      '3 h 35 min',
      'Focus per day',
      'Focus by project',
      'API',
      'Focus by task',
      'Design sync',
      'Polish the menu',
      'Interruptions by reason',
      '4 in total',
      'Colleague',
      w.admin.email,
      '2 members do not share their focus with the team.',
    ])
      expect(text).toContain(expected);
    for (const secret of privateTextOf(w)) expect(text).not.toContain(secret);
  });
});

describe('the team report page', () => {
  it('is linked from the team page and shows the figures, tables and downloads, calm about who does not share', async () => {
    const w = await platform();
    const teamPage = await (await w.viewerBrowser.get(`/teams/${w.teamId}`)).text();
    expect(teamPage).toContain(`href="/teams/${w.teamId}/report"`);
    const response = await w.viewerBrowser.get(`/teams/${w.teamId}/report`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = visibleTextOf(html);
    for (const expected of [
      'Team report',
      '6 – 12 Apr 2026',
      '4 of 5 sessions on the team’s tasks completed · 1 skipped',
      '3 h 35 min focused: 3 h 15 min personal, 20 min admin',
      '4 interruptions, 1.1 per focus hour',
      '3 members share their focus with the team. 2 members do not share their focus with the team.',
      'API: 1 h 50 min · 2 sessions',
      'Research: 1 h 50 min · 2 sessions',
      'Polish the menu',
      w.admin.email,
      'This report as PDF',
    ])
      expect(text).toContain(expected);
    for (const secret of privateTextOf(w)) expect(text).not.toContain(secret);
    expect(html).toContain(`href="/teams/${w.teamId}/report.csv?${WEEK.replace('&', '&amp;')}"`);
    expect(html).toContain('<caption class="sr-only">Focus by member</caption>');
    expect(html).toContain('data-chart="chart-focus"');

    const month = visibleTextOf(
      await (await w.viewerBrowser.get(`/teams/${w.teamId}/report?period=month&date=2026-04-08`)).text(),
    );
    expect(month).toContain('1 – 30 Apr 2026');
  });

  it('shows a bad range’s reason with this week, and is the 404 page for someone outside the team', async () => {
    const w = await platform();
    const bad = await w.viewerBrowser.get(`/teams/${w.teamId}/report?from=2026-04-12&to=2026-04-06`);
    expect(bad.status).toBe(422);
    const text = visibleTextOf(await bad.text());
    expect(text).toContain('The first day must not be after the last day.');
    expect(text).toContain('6 – 12 Apr 2026');
    const stranger = await signUpPerson(t, { emailPrefix: 'stranger' });
    for (const path of [`/teams/${w.teamId}/report`, `/teams/${w.teamId}/report.pdf?${WEEK}`]) {
      const response = await stranger.browser.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('Platform');
    }
  });
});
