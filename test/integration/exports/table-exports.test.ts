import { beforeAll, describe, expect, it } from 'vitest';
import { contextSwitches, sessionTasks } from '../../../src/db/schema/index.ts';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import { createProject } from '../../../src/services/projects/create-project.ts';
import { createTask } from '../../../src/services/tasks/create-task.ts';
import { completed, insertDays, signedInPerson } from '../../support/exports.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-08T09:00:00Z') });
});

const GOAL = 'Draft the "sync", design\nnote';
const NOTES = '=HYPERLINK("http://example.test","click")';

/** One person's day: a completed session with awkward text and a main task, a skipped one, two planned. */
async function awkwardDay() {
  const { browser, actor } = await signedInPerson(t);
  const project = await createProject(t.deps, actor, { name: 'Web, "v2"' });
  const task = await createTask(t.deps, actor, {
    title: '@mention fix',
    description: 'line one\r\nline two',
    projectId: project.id,
  });
  await insertDays(t, actor.id, '2026-04-06', 2, (date, slot) =>
    date !== '2026-04-06'
      ? {}
      : slot === 1
        ? completed(date, 50, {
            goal: GOAL,
            notes: NOTES,
            outcome: 'done',
            outcomeNote: '+1 shipped',
            pauseCount: 1,
          })
        : slot === 2
          ? { state: 'skipped', skipReason: '-meeting ran over', goal: 'Grüße 🌱 日本' }
          : {},
  );
  const sessionId = sessionIdFor(actor.id, '2026-04-06', 1);
  await t.deps.db.insert(sessionTasks).values({ sessionId, taskId: task.id, role: 'main', userId: actor.id });
  await t.deps.db.insert(contextSwitches).values({
    userId: actor.id,
    sessionId,
    occurredAt: new Date('2026-04-06T08:20:00Z'),
    reason: 'colleague',
    note: '=cmd|"/c calc"!A1, then back',
    fromTaskId: task.id,
  });
  return { browser, actor, task, project, sessionId };
}

describe('session, task and interruption exports', () => {
  it('writes sessions as RFC 4180 CSV with quoting, unicode and formula cells defused', async () => {
    const { browser, actor, task, sessionId } = await awkwardDay();
    const other = await signedInPerson(t);
    await insertDays(t, other.actor.id, '2026-04-06', 1, () => ({ goal: 'not mine' }));

    const response = await browser.get('/exports/sessions.csv?from=2026-04-06&to=2026-04-06');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="deepsheet-sessions-2026-04-06-to-2026-04-06.csv"',
    );
    expect(response.headers.get('cache-control')).toContain('no-store');
    const id = (slot: 1 | 2 | 3 | 4) => sessionIdFor(actor.id, '2026-04-06', slot);
    expect(await response.text()).toBe(
      [
        'id,date,slot,label,kind,state,goal,plannedMinutes,focusMinutes,focusSeconds,overtimeSeconds,pauseCount,startedAt,endedAt,loggedAfterwards,flagged,skipReason,outcome,outcomeNote,mainTaskId,mainTask,notes',
        `${sessionId},2026-04-06,1,Personal 1,personal,completed,"Draft the ""sync"", design\nnote",45,50,3000,0,1,2026-04-06T08:00:00.000Z,2026-04-06T08:50:00.000Z,false,false,,done,'+1 shipped,${task.id},'@mention fix,"'=HYPERLINK(""http://example.test"",""click"")"`,
        `${id(2)},2026-04-06,2,Personal 2,personal,skipped,Grüße 🌱 日本,45,,,,0,,,false,false,'-meeting ran over,,,,,`,
        `${id(3)},2026-04-06,3,Personal 3,personal,planned,,45,,,,0,,,false,false,,,,,,`,
        `${id(4)},2026-04-06,4,Admin,admin,planned,,45,,,,0,,,false,false,,,,,,`,
        '',
      ].join('\r\n'),
    );
  });

  it('writes the same sessions as one JSON array with typed values', async () => {
    const { browser, task, sessionId } = await awkwardDay();
    const response = await browser.get('/exports/sessions.json?from=2026-04-06');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(
      'deepsheet-sessions-2026-04-06-to-2026-04-08.json',
    );
    const rows = (await response.json()) as Record<string, unknown>[];
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual({
      id: sessionId,
      date: '2026-04-06',
      slot: 1,
      label: 'Personal 1',
      kind: 'personal',
      state: 'completed',
      goal: GOAL,
      plannedMinutes: 45,
      focusMinutes: 50,
      focusSeconds: 3000,
      overtimeSeconds: 0,
      pauseCount: 1,
      startedAt: '2026-04-06T08:00:00.000Z',
      endedAt: '2026-04-06T08:50:00.000Z',
      loggedAfterwards: false,
      flagged: false,
      skipReason: null,
      outcome: 'done',
      outcomeNote: '+1 shipped',
      mainTaskId: task.id,
      mainTask: '@mention fix',
      notes: NOTES,
    });
    expect(rows.map((r) => `${r.date}/${r.slot}`).slice(4)).toEqual([
      '2026-04-07/1',
      '2026-04-07/2',
      '2026-04-07/3',
      '2026-04-07/4',
    ]);
  });

  it('writes tasks and interruptions with their projects and tasks by name', async () => {
    const { browser, task, project, sessionId } = await awkwardDay();
    const tasksCsv = await (await browser.get('/exports/tasks.csv')).text();
    const created = task.createdAt.toISOString();
    expect(tasksCsv).toBe(
      'id,title,type,priority,status,projectId,project,estimateSessions,dueDate,externalUrl,externalId,createdAt,updatedAt,description\r\n' +
        `${task.id},'@mention fix,feature,normal,todo,${project.id},"Web, ""v2""",,,,,${created},${created},"line one\r\nline two"\r\n`,
    );
    const switches = await browser.get('/exports/context-switches.json');
    expect(switches.headers.get('content-disposition')).toContain(
      'deepsheet-context-switches-all-2026-04-08.json',
    );
    expect(await switches.json()).toEqual([
      {
        id: expect.any(String),
        occurredAt: '2026-04-06T08:20:00.000Z',
        date: '2026-04-06',
        sessionId,
        session: 'Personal 1',
        reason: 'colleague',
        fromTaskId: task.id,
        fromTask: '@mention fix',
        toTaskId: null,
        toTask: null,
        note: '=cmd|"/c calc"!A1, then back',
      },
    ]);
    const csv = await (await browser.get('/exports/context-switches.csv?to=2026-04-06')).text();
    expect(csv.split('\r\n')[1]).toMatch(/,"'=cmd\|""\/c calc""!A1, then back"$/);
  });

  it('writes an empty export as a header row, or an empty JSON array', async () => {
    const { browser } = await signedInPerson(t);
    expect(await (await browser.get('/exports/tasks.csv')).text()).toMatch(/^id,title,[^\n]+\r\n$/);
    expect(await (await browser.get('/exports/sessions.json')).text()).toBe('[]\n');
  });

  it('offers every export and the import in Settings, under Your data', async () => {
    const { browser } = await signedInPerson(t);
    const html = await (await browser.get('/settings')).text();
    expect(html).toContain('id="your-data-heading"');
    for (const href of [
      '/exports/sessions.csv',
      '/exports/tasks.json',
      '/exports/context-switches.csv',
      '/exports/insights.csv',
      '/exports/account.json',
    ])
      expect(html).toContain(`href="${href}"`);
    expect(html).toMatch(/<form method="post" action="\/account\/import" enctype="multipart\/form-data"/);
  });

  it('refuses a bad range or format with a calm page, and asks anonymous people to sign in', async () => {
    const { browser } = await signedInPerson(t);
    const reversed = await browser.get('/exports/sessions.csv?from=2026-04-08&to=2026-04-01');
    expect(reversed.status).toBe(422);
    expect(await reversed.text()).toContain('That date range is not valid.');
    expect((await browser.get('/exports/sessions.csv?from=2026-02-30')).status).toBe(422);
    expect((await browser.get('/exports/sessions.pdf')).status).toBe(422);
    expect((await browser.get('/exports/secrets.csv')).status).toBe(422);
    const anonymous = await t.app.request('/exports/sessions.csv');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fexports%2Fsessions.csv');
  });
});
