import { beforeAll, describe, expect, it } from 'vitest';
import { contextSwitches, insights } from '../../../src/db/schema/index.ts';
import { sessionIdFor } from '../../../src/db/stores/session-ids.ts';
import { completed, insertDays, signedInPerson } from '../../support/exports.ts';
import { pdfTextOf } from '../../support/pdf-text.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-12T17:00:00Z') });
});

/** A week: Monday three personal sessions and admin done, Tuesday one done and one skipped. */
async function personWithAWeek() {
  const person = await signedInPerson(t);
  await insertDays(t, person.actor.id, '2026-04-06', 2, (date, slot) => {
    if (date === '2026-04-06') return completed(date, slot === 4 ? 30 : 45, { outcome: 'done' });
    if (slot === 1) return completed(date, 60);
    return slot === 2 ? { state: 'skipped' } : {};
  });
  await t.deps.db.insert(contextSwitches).values(
    (['meeting', 'meeting', 'own_idea'] as const).map((reason, i) => ({
      userId: person.actor.id,
      sessionId: sessionIdFor(person.actor.id, '2026-04-06', 1),
      occurredAt: new Date(`2026-04-06T08:0${i}:00Z`),
      reason,
    })),
  );
  await t.deps.db.insert(insights).values({
    userId: person.actor.id,
    rule: 'documentation',
    periodKey: '2026-04-06',
    severity: 'notice',
    title: 'Few sessions end with a note',
    message: '2 of 6 sessions ended with notes, "or" an outcome.',
    recommendation: '=Tap one outcome as you complete.',
    evidence: [{ key: 'share', label: 'Documented', value: 33, unit: 'percent' }],
    computedAt: new Date('2026-04-12T16:00:00Z'),
  });
  return person;
}

describe('report and insight files', () => {
  it('makes a PDF report of the week whose text holds its numbers and insights', async () => {
    const { browser } = await personWithAWeek();
    const response = await browser.get('/exports/report.pdf?from=2026-04-06&to=2026-04-12');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="deepsheet-report-2026-04-06-to-2026-04-12.pdf"',
    );
    const text = await pdfTextOf(new Uint8Array(await response.arrayBuffer()));
    for (const expected of [
      '6 Apr 2026 – 12 Apr 2026 · 7 days',
      'Sessions planned',
      'Completion rate',
      '63%',
      'Focus, personal',
      '3 h 15 min',
      'Focus, admin',
      '30 min',
      'Focus per day',
      'Interruptions by reason',
      '3 in total',
      'Meeting',
      'Few sessions end with a note',
      '=Tap one outcome as you complete.',
    ])
      expect(text).toContain(expected);
  });

  it('writes the report as a tidy CSV and as JSON with the same numbers', async () => {
    const { browser } = await personWithAWeek();
    const csv = await (await browser.get('/exports/report.csv?from=2026-04-06&to=2026-04-12')).text();
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 10)).toEqual([
      'section,item,value,unit',
      'range,from,2026-04-06,date',
      'range,to,2026-04-12,date',
      'range,days,7,days',
      'sessions,planned,8,count',
      'sessions,completed,5,count',
      'sessions,skipped,1,count',
      'sessions,personalCompleted,4,count',
      'sessions,adminCompleted,1,count',
      'sessions,completionRate,0.625,ratio',
    ]);
    expect(lines).toContain('focus,personal,195,minutes');
    expect(lines).toContain('focusByDay,2026-04-07,60,minutes');
    expect(lines).toContain('switchesByReason,meeting,2,count');
    const report = (await (
      await browser.get('/exports/report.json?from=2026-04-06&to=2026-04-12')
    ).json()) as {
      sessions: { completed: number };
      focus: { personalMinutes: number; adminMinutes: number };
    };
    expect(report.sessions.completed).toBe(5);
    expect(report.focus).toMatchObject({ personalMinutes: 195, adminMinutes: 30 });
  });

  it('writes the insights with their evidence, formula text defused in CSV', async () => {
    const { browser } = await personWithAWeek();
    const csv = await (await browser.get('/exports/insights.csv')).text();
    expect(csv).toBe(
      'rule,period,severity,title,message,recommendation,evidence,computedAt\r\n' +
        'documentation,2026-04-06,notice,Few sessions end with a note,"2 of 6 sessions ended with notes, ""or"" an outcome.",\'=Tap one outcome as you complete.,Documented: 33 percent,2026-04-12T16:00:00.000Z\r\n',
    );
    const json = (await (await browser.get('/exports/insights.json')).json()) as unknown[];
    expect(json).toEqual([
      expect.objectContaining({
        rule: 'documentation',
        recommendation: '=Tap one outcome as you complete.',
        evidence: [{ key: 'share', label: 'Documented', value: 33, unit: 'percent' }],
      }),
    ]);
  });
});
