import * as chrono from 'chrono-node';
import { describe, expect, it } from 'vitest';
import { parseQuickAdd, type QuickAddPreview } from './quick-add.ts';

// Monday 6 April 2026.
const today = '2026-04-06';
const knownProjects = ['Web', 'Deep work', 'ops'];
const parse = (text: string, day = today) =>
  parseQuickAdd(text, { today: day, knownProjects, dates: chrono });

describe('parseQuickAdd', () => {
  it('reads the example from the issue: project, priority, guessed type and a due date', () => {
    expect(
      parseQuickAdd('Fix login redirect #web !high tomorrow', { today, knownProjects: [], dates: chrono }),
    ).toEqual({
      title: 'Fix login redirect',
      projectName: 'web',
      isNewProject: true,
      priority: 'high',
      type: 'bug',
      dueDate: '2026-04-07',
      understood: ['Project: web (new)', 'Priority: high', 'Type: bug (guessed)', 'Due: Tue 7 Apr'],
    } satisfies QuickAddPreview);
  });

  it.each<[string, Partial<QuickAddPreview>]>([
    ['Fix login redirect #web !high tomorrow', { projectName: 'Web', isNewProject: false }],
    ['#WEB Update footer', { title: 'Update footer', projectName: 'Web', isNewProject: false }],
    ['Plan the week #deep-work', { title: 'Plan the week', projectName: 'Deep work', isNewProject: false }],
    ['Plan the week #deep_work', { projectName: 'Deep work', isNewProject: false }],
    ['Write runbook #new-thing', { title: 'Write runbook', projectName: 'new-thing', isNewProject: true }],
    ['Fix #123 crash', { title: 'Fix #123 crash', projectName: null, isNewProject: false }],
    ['Triage #ops #web', { title: 'Triage #web', projectName: 'ops' }],
    ['Tag a#web mid-word', { title: 'Tag a#web mid-word', projectName: null }],
  ])('project in %j', (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });

  it.each<[string, QuickAddPreview['priority'], string]>([
    ['Ship it !low', 'low', 'Ship it'],
    ['Ship it !normal', 'normal', 'Ship it'],
    ['Ship it !HIGH', 'high', 'Ship it'],
    ['!urgent Ship it', 'urgent', 'Ship it'],
    ['Ship it !!', 'high', 'Ship it'],
    ['Ship it !!!', 'urgent', 'Ship it'],
    ['Ship it !soon', null, 'Ship it !soon'],
    ['Ship it!', null, 'Ship it!'],
    ['Ship it !high !low', 'high', 'Ship it !low'],
  ])('priority in %j is %s', (text, priority, title) => {
    expect(parse(text)).toMatchObject({ priority, title });
  });

  it.each<[string, QuickAddPreview['type'], boolean]>([
    ['Fix the flaky test', 'bug', true],
    ['repair the backup job', 'bug', true],
    ['Refactor the timer', 'refactor', true],
    ['Clean up old branches', 'refactor', true],
    ['Research sync engines', 'research', true],
    ['Investigate slow queries', 'research', true],
    ['Explore CRDTs', 'research', true],
    ['Read the Postgres docs', 'research', true],
    ['Add dark mode', 'feature', true],
    ['Build the export', 'feature', true],
    ['Implement search', 'feature', true],
    ['Create the onboarding page', 'feature', true],
    ['Fixed-width layout', null, false],
    ['Readme tweaks', null, false],
    ['Weekly review', null, false],
    ['Fix the login @feature', 'feature', false],
    ['Expenses @ADMIN', 'admin', false],
    ['Tidy the repo @chore', 'chore', false],
    ['Ping @alice about it', null, false],
  ])('type of %j is %s', (text, type, isGuessed) => {
    const preview = parse(text);
    expect(preview.type).toBe(type);
    const line = preview.understood.find((u) => u.startsWith('Type:'));
    expect(line).toBe(type ? `Type: ${type}${isGuessed ? ' (guessed)' : ''}` : undefined);
  });

  it.each<[string, string | null, string]>([
    ['Call the bank tomorrow', '2026-04-07', 'Call the bank'],
    ['Call the bank today', '2026-04-06', 'Call the bank'],
    ['Send invoice friday', '2026-04-10', 'Send invoice'],
    ['Send invoice on Friday', '2026-04-10', 'Send invoice'],
    ['Send invoice by friday', '2026-04-10', 'Send invoice'],
    ['Send invoice due friday', '2026-04-10', 'Send invoice'],
    ['Standup notes monday', '2026-04-13', 'Standup notes'],
    ['Review next friday', '2026-04-17', 'Review'],
    ['Renew domain in 3 days', '2026-04-09', 'Renew domain'],
    ['Renew domain Apr 20', '2026-04-20', 'Renew domain'],
    ['Renew domain 2026-05-01', '2026-05-01', 'Renew domain'],
    ['Tax return March 3', '2027-03-03', 'Tax return'],
    ['Review PR at 5pm tomorrow', '2026-04-07', 'Review PR'],
    ['Add March report', null, 'Add March report'],
    ['Sun tan lotion', null, 'Sun tan lotion'],
    ['Now page redesign', null, 'Now page redesign'],
    ['Read chapter 3', null, 'Read chapter 3'],
    ['Plan the week', null, 'Plan the week'],
    ['Plan the weekend', null, 'Plan the weekend'],
    ['Half day', null, 'Half day'],
    ['A month of logs', null, 'A month of logs'],
    ['Check the hour', null, 'Check the hour'],
    ['Meet at 3', null, 'Meet at 3'],
    ['Lunch at noon', null, 'Lunch at noon'],
    ['Write the year plan', null, 'Write the year plan'],
    ['Retro next week', '2026-04-13', 'Retro'],
    ['Retro in two weeks', '2026-04-20', 'Retro'],
    ['Retro 2 days from now', '2026-04-08', 'Retro'],
    ['Pay rent end of month', '2026-04-30', 'Pay rent'],
    ['Pay rent tmr', '2026-04-07', 'Pay rent'],
  ])('due date in %j is %s', (text, dueDate, title) => {
    expect(parse(text)).toMatchObject({ dueDate, title });
  });

  it('shows the year of a due date in another year', () => {
    expect(parse('Plan the offsite jan 12').understood).toContain('Due: Tue 12 Jan 2027');
  });

  it('anchors dates on the given day, whatever the clock of the machine says', () => {
    expect(parse('Pay rent tomorrow', '2026-12-31').dueDate).toBe('2027-01-01');
    expect(parse('Pay rent tomorrow', '2024-02-28').dueDate).toBe('2024-02-29');
  });

  it('combines every marker in any order and tidies the title', () => {
    expect(parse('  !!!  @bug   tomorrow  Crash   on save #web  ')).toEqual({
      title: 'Crash on save',
      projectName: 'Web',
      isNewProject: false,
      priority: 'urgent',
      type: 'bug',
      dueDate: '2026-04-07',
      understood: ['Project: Web', 'Priority: urgent', 'Type: bug', 'Due: Tue 7 Apr'],
    });
  });

  it.each(['', '   ', '#web !high tomorrow', '@bug'])('returns an empty title for %j', (text) => {
    const preview = parse(text);
    expect(preview.title).toBe('');
  });

  it('understands nothing in plain text', () => {
    expect(parse('Weekly review')).toEqual({
      title: 'Weekly review',
      projectName: null,
      isNewProject: false,
      priority: null,
      type: null,
      dueDate: null,
      understood: [],
    });
  });
});
