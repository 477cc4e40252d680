import { describe, expect, it } from 'vitest';
import { weekRange } from './report-periods.ts';
import type { SlotNumber } from './sheet.ts';
import { kindOfSlot } from './sheet.ts';
import {
  buildTeamReport,
  notSharingSentence,
  type TeamReportMember,
  type TeamReportSession,
  type TeamReportSwitch,
} from './team-report.ts';
import type { SessionState } from './timer.ts';
import type { TaskType } from './work-values.ts';

const WEEK = weekRange('2026-04-08', 'monday'); // Mon 6 .. Sun 12 April 2026
const TODAY = '2026-04-08';

const TASKS = {
  login: { taskId: 't-login', title: 'Fix login', type: 'bug', projectId: 'p-web', projectName: 'Web' },
  sync: { taskId: 't-sync', title: 'Design sync', type: 'research', projectId: 'p-api', projectName: 'API' },
  docs: { taskId: 't-docs', title: 'Write docs', type: 'chore', projectId: 'p-web', projectName: 'Web' },
} satisfies Record<string, TeamReportSession['mainTask'] & { type: TaskType }>;

let n = 0;
function session(
  userId: string,
  date: string,
  slot: SlotNumber,
  task: keyof typeof TASKS,
  state: SessionState = 'completed',
  minutes = 45,
): TeamReportSession {
  n += 1;
  return {
    id: `s${n}`,
    userId,
    localDate: date,
    kind: kindOfSlot(slot),
    state,
    focusSeconds: state === 'completed' ? minutes * 60 : null,
    mainTask: TASKS[task],
  };
}

const member = (userId: string, sharesFocus = true): TeamReportMember => ({
  userId,
  email: `${userId}@example.com`,
  sharesFocus,
});

function report(
  sessions: TeamReportSession[],
  switches: TeamReportSwitch[] = [],
  members = [member('ada'), member('bo'), member('cy', false), member('di', false)],
) {
  return buildTeamReport({ range: WEEK, today: TODAY, members, sessions, switches });
}

describe('buildTeamReport', () => {
  it('adds up focus by project, task type and task, busiest first, from completed sessions only', () => {
    const r = report([
      session('ada', '2026-04-06', 1, 'login', 'completed', 60),
      session('ada', '2026-04-07', 2, 'sync', 'completed', 90),
      session('bo', '2026-04-07', 1, 'login', 'completed', 30),
      session('bo', '2026-04-07', 4, 'docs', 'completed', 20),
      session('bo', '2026-04-08', 2, 'login', 'skipped'),
      session('bo', '2026-04-08', 3, 'sync', 'active'),
    ]);
    expect(r.sessions).toEqual({ planned: 6, completed: 4, skipped: 1 });
    expect(r.focus).toEqual({ focusMinutes: 200, personalMinutes: 180, adminMinutes: 20 });
    expect(r.byProject).toEqual([
      { projectId: 'p-web', name: 'Web', focusMinutes: 110, sessions: 3 },
      { projectId: 'p-api', name: 'API', focusMinutes: 90, sessions: 1 },
    ]);
    expect(r.byTaskType.filter((t) => t.sessions > 0)).toEqual([
      { type: 'bug', focusMinutes: 90, sessions: 2 },
      { type: 'research', focusMinutes: 90, sessions: 1 },
      { type: 'chore', focusMinutes: 20, sessions: 1 },
    ]);
    expect(r.byTaskType.map((t) => t.type)).not.toContain('none');
    expect(r.byTask.map((t) => [t.title, t.projectName, t.focusMinutes, t.sessions])).toEqual([
      ['Fix login', 'Web', 90, 2],
      ['Design sync', 'API', 90, 1],
      ['Write docs', 'Web', 20, 1],
    ]);
    expect(r.byDay.map((d) => d.focusMinutes)).toEqual([60, 140, 0, 0, 0, 0, 0]);
  });

  it('counts only members who share their focus, names only them, and counts the others', () => {
    const r = report([
      session('ada', '2026-04-06', 1, 'login'),
      session('cy', '2026-04-06', 1, 'login', 'completed', 120),
      session('gone', '2026-04-06', 1, 'login', 'completed', 120),
    ]);
    expect(r.focus.focusMinutes).toBe(45);
    expect(r.members.map((m) => [m.name, m.completed, m.focusMinutes])).toEqual([
      ['ada', 1, 45],
      ['bo', 0, 0],
    ]);
    expect(r.membersNotSharing).toBe(2);
    expect(JSON.stringify(r)).not.toMatch(/cy@|di@|gone/);
  });

  it('counts interruptions of counted sessions only, by reason and per member', () => {
    const ada = session('ada', '2026-04-06', 1, 'login', 'completed', 60);
    const bo = session('bo', '2026-04-07', 1, 'sync', 'completed', 60);
    const cy = session('cy', '2026-04-07', 1, 'sync', 'completed', 60);
    const r = report(
      [ada, bo, cy],
      [
        { sessionId: ada.id, reason: 'meeting' },
        { sessionId: ada.id, reason: 'message' },
        { sessionId: bo.id, reason: 'meeting' },
        { sessionId: cy.id, reason: 'urgent' },
        { sessionId: 'private', reason: 'urgent' },
      ],
    );
    expect(r.switches.total).toBe(3);
    expect(r.switches.perFocusHour).toBe(1.5);
    expect(r.switches.byReason.filter((x) => x.count > 0)).toEqual([
      { reason: 'meeting', count: 2 },
      { reason: 'message', count: 1 },
    ]);
    expect(r.members.map((m) => [m.name, m.switches])).toEqual([
      ['ada', 2],
      ['bo', 1],
    ]);
  });

  it('leaves out days outside the range and plans of later days, but counts a later day already begun', () => {
    const r = report([
      session('ada', '2026-04-05', 1, 'login'),
      session('ada', '2026-04-13', 1, 'login'),
      session('ada', '2026-04-10', 1, 'login', 'planned'),
      session('bo', '2026-04-09', 1, 'login', 'completed', 30),
    ]);
    expect(r.sessions).toEqual({ planned: 1, completed: 1, skipped: 0 });
    expect(r.focus.focusMinutes).toBe(30);
  });

  it('says how many keep their focus private, and nothing when everyone shares', () => {
    expect(notSharingSentence(0)).toBeNull();
    expect(notSharingSentence(1)).toBe('1 member does not share their focus with the team.');
    expect(notSharingSentence(2)).toBe('2 members do not share their focus with the team.');
  });
});
