import { describe, expect, it } from 'vitest';
import { TestBrowser } from '../../support/http-client.ts';
import { activeMarkupIn, visibleTextOf } from '../../support/inert-html.ts';
import { act, sessionIdsOf } from '../../support/sheet.ts';
import { createTestApp, uniqueEmail } from '../../support/test-app.ts';

// The focus board as a page: who is in focus and until when, in the reader's words and time
// zone; the fragment an open board fetches again; and nothing of the team for someone outside it.

/** 09:00 in Berlin, the browsers' time zone. */
const t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });

async function signedIn(prefix: string): Promise<{ browser: TestBrowser; email: string }> {
  const browser = new TestBrowser(t.app);
  const email = uniqueEmail(prefix);
  await browser.signUp(email);
  return { browser, email };
}

async function textOf(browser: TestBrowser, path: string): Promise<string> {
  const response = await browser.get(path);
  expect(response.status, path).toBe(200);
  return visibleTextOf(await response.text());
}

/** An owner who shares their focus, and a viewer who joined by link and does not. */
async function teamOfTwo() {
  t.clock.set(new Date('2026-04-06T07:00:00Z'));
  const owner = await signedIn('sam');
  const viewer = await signedIn('kim');
  const created = await owner.browser.submit('/teams', { name: 'Platform' });
  const teamPath = created.headers.get('location')!.split('?')[0]!;
  const invited = await owner.browser.submit(`${teamPath}/invitations`, { email: '', role: 'viewer' });
  const url = /id="new-invitation-url"[^>]*value="([^"]+)"/.exec(await invited.text())![1]!;
  expect((await viewer.browser.submit(`${new URL(url).pathname}/accept`, {})).status).toBe(303);
  expect((await owner.browser.submit(`${teamPath}/focus`, { sharesFocus: 'on' })).status).toBe(303);
  return { owner, viewer, teamPath };
}

const nameOf = (email: string) => email.split('@')[0]!;

describe('the focus board page', () => {
  it('is linked from the team page and shows who is in focus until when, and who does not share', async () => {
    const { owner, viewer, teamPath } = await teamOfTwo();
    const teamPage = await (await viewer.browser.get(teamPath)).text();
    expect(teamPage).toContain(`href="${teamPath}/focus"`);

    expect(await textOf(viewer.browser, `${teamPath}/focus`)).toContain(`${nameOf(owner.email)} not working`);
    const [first] = await sessionIdsOf(owner.browser);
    // Typed and started at once, as the sheet's Start button sends it.
    expect((await act(owner.browser, first!, 'start', { goal: 'Salary talk prep' })).status).toBe(303);
    expect(await textOf(owner.browser, '/')).toContain('Salary talk prep');

    const html = await (await viewer.browser.get(`${teamPath}/focus`)).text();
    const page = visibleTextOf(html);
    expect(page).toContain('Focus board');
    expect(page).toContain('Times are in your time zone (Europe/Berlin).');
    expect(page).toContain(
      `${nameOf(owner.email)} in focus until 09:45 on a private session next reachable at 09:45`,
    );
    expect(page).toContain(`Not sharing their focus: ${nameOf(viewer.email)} (you).`);
    expect(page).toContain('Your focus stays private here. Choose to share it');
    expect(html).not.toContain('Salary');
    expect(html).not.toContain(owner.email);
    // The planned end and what the line says after it, for the page to switch by itself.
    expect(html).toContain('data-until="2026-04-06T07:45:00.000Z"');
    expect(html).toContain('data-label-after="in focus on a private session, past the planned end"');
    expect(activeMarkupIn(html)).toEqual([]);

    // The fragment an open board fetches is the board alone.
    const fragment = await (await viewer.browser.get(`${teamPath}/focus/board`)).text();
    expect(fragment.startsWith('<section id="focus-board"')).toBe(true);
    expect(visibleTextOf(fragment)).toContain(`${nameOf(owner.email)} in focus until 09:45`);

    t.clock.advance(10 * 60);
    await act(owner.browser, first!, 'pause');
    expect(await textOf(viewer.browser, `${teamPath}/focus/board`)).toContain(
      `${nameOf(owner.email)} on a break`,
    );
  });

  it('is not found for someone outside the team, or removed from it, and the team list says they are gone', async () => {
    const { owner, viewer, teamPath } = await teamOfTwo();
    const stranger = await signedIn('lee');
    for (const path of [`${teamPath}/focus`, `${teamPath}/focus/board`]) {
      const response = await stranger.browser.get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('Platform');
    }
    const viewerId = /\/members\/([0-9a-f-]+)\/remove/.exec(
      await (await owner.browser.get(teamPath)).text(),
    )![1];
    expect((await owner.browser.submit(`${teamPath}/members/${viewerId}/remove`, {})).status).toBe(303);
    for (const path of [`${teamPath}/focus`, `${teamPath}/focus/board`, teamPath]) {
      expect((await viewer.browser.get(path)).status).toBe(404);
    }
    // Where an open team page sends them.
    const gone = await textOf(viewer.browser, '/teams?saved=gone');
    expect(gone).toContain('You are no longer in that team.');
    expect(gone).not.toContain('Platform');
  });
});
