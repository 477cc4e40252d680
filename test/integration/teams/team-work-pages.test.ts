import { describe, expect, it } from 'vitest';
import { TestBrowser } from '../../support/http-client.ts';
import { visibleTextOf } from '../../support/inert-html.ts';
import { createTestApp, uniqueEmail } from '../../support/test-app.ts';

// A team's projects and tasks on the pages: an owner starts a team project from the team page, a
// member adds to it with quick add, a viewer reads it without the controls their role lacks, and
// deleting the team asks what becomes of its work, naming how much there is.

const t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });

async function signedIn(): Promise<TestBrowser> {
  const browser = new TestBrowser(t.app);
  await browser.signUp(uniqueEmail('teamwork'));
  return browser;
}

async function htmlOf(browser: TestBrowser, path: string, status = 200): Promise<string> {
  const response = await browser.get(path);
  expect(response.status, path).toBe(status);
  return response.text();
}

/** Invites through the team page and joins from the link. */
async function join(owner: TestBrowser, teamPath: string, person: TestBrowser, role: string) {
  const invited = await owner.submit(`${teamPath}/invitations`, { email: '', role });
  const url = /id="new-invitation-url"[^>]*value="([^"]+)"/.exec(await invited.text())![1]!;
  expect((await person.submit(`${new URL(url).pathname}/accept`, {})).status).toBe(303);
}

describe('a team’s work on the pages', () => {
  it('is started from the team page, added to by members and read by viewers', async () => {
    const [owner, member, viewer] = [await signedIn(), await signedIn(), await signedIn()];
    const created = await owner.submit('/teams', { name: 'Platform' });
    const teamPath = created.headers.get('location')!.split('?')[0]!;
    const teamId = teamPath.split('/').pop()!;
    await join(owner, teamPath, member, 'member');
    await join(owner, teamPath, viewer, 'viewer');
    expect(visibleTextOf(await htmlOf(member, teamPath))).toContain('No team projects yet.');
    expect(await htmlOf(member, teamPath)).not.toContain('New team project');

    const started = await owner.submit('/projects', { name: 'Checkout', teamId });
    expect(started.status).toBe(303);
    const projectPath = started.headers.get('location')!;
    expect(visibleTextOf(await htmlOf(viewer, projectPath))).toContain('Shared with Platform');

    const added = await member.submit('/tasks/quick-add', { text: 'Fix the cart total #checkout !high' });
    expect(added.headers.get('location')).toBe(`${projectPath}?saved=added`);
    const memberList = await htmlOf(member, projectPath);
    expect(visibleTextOf(memberList)).toContain('Fix the cart total');
    expect(memberList).toContain('Plan into next free slot');
    const taskPath = /href="(\/tasks\/[0-9a-f-]{36})"/.exec(memberList)![1]!;
    expect(visibleTextOf(await htmlOf(owner, teamPath))).toContain('Checkout · 1 open');

    // The viewer reads the list and the task, without a control to change either.
    const viewerList = await htmlOf(viewer, projectPath);
    expect(visibleTextOf(viewerList)).toContain('Fix the cart total');
    expect(viewerList).not.toContain('Plan into next free slot');
    expect(viewerList).not.toContain('Save project');
    const viewerTask = await htmlOf(viewer, taskPath);
    expect(visibleTextOf(viewerTask)).toContain(
      'You can read this team’s tasks; your role does not change them.',
    );
    expect(viewerTask).not.toContain('Save task');
    expect(viewerTask).not.toContain('Delete task');
    expect(viewerTask).not.toContain('Add link');
    const refused = await viewer.submit(taskPath, { title: 'Viewer was here' });
    expect(refused.status).toBe(403);
    expect(visibleTextOf(await htmlOf(member, taskPath))).not.toContain('Viewer was here');

    // Somebody else's team task cannot be taken home; the form says why.
    const ownerTask = await htmlOf(owner, taskPath);
    expect(ownerTask).toContain('Save task');
    const takeHome = await owner.submit(taskPath, { title: 'Fix the cart total', projectId: '' });
    expect(takeHome.status).toBe(403);
    expect(visibleTextOf(await takeHome.text())).toContain(
      'Only the person who created this task can move it out of the team.',
    );
  });

  it('asks what becomes of a deleted team’s projects and tasks, and moves them when asked', async () => {
    const [owner, member] = [await signedIn(), await signedIn()];
    const created = await owner.submit('/teams', { name: 'Research' });
    const teamPath = created.headers.get('location')!.split('?')[0]!;
    const teamId = teamPath.split('/').pop()!;
    await join(owner, teamPath, member, 'member');
    const projectPath = (await owner.submit('/projects', { name: 'Papers', teamId })).headers.get(
      'location',
    )!;
    await member.submit('/tasks/quick-add', { text: 'Read the survey #papers' });
    await member.submit('/tasks/quick-add', { text: 'Write notes #papers' });

    const page = visibleTextOf(await htmlOf(owner, teamPath));
    expect(page).toContain('Its 1 project with 2 tasks:');
    expect(page).toContain('Move them to my own projects');
    expect(page).toContain('Delete them with the team (2 tasks)');
    const unanswered = await owner.submit(`${teamPath}/delete`, {});
    expect(unanswered.status).toBe(422);
    expect(visibleTextOf(await unanswered.text())).toContain('The team holds 1 project with 2 tasks');

    const deleted = await owner.submit(`${teamPath}/delete`, { projects: 'move' });
    expect(deleted.headers.get('location')).toBe('/teams?saved=deleted');
    const moved = visibleTextOf(await htmlOf(owner, projectPath));
    expect(moved).toContain('Read the survey');
    expect(moved).not.toContain('Shared with');
    await htmlOf(member, projectPath, 404);
  });
});
