import { describe, expect, it } from 'vitest';
import { TestBrowser } from '../../support/http-client.ts';
import { visibleTextOf } from '../../support/inert-html.ts';
import { createTestApp, uniqueEmail } from '../../support/test-app.ts';

// The team pages as a person uses them: start a team, invite by email and by link, join from the
// link (signing in first and coming back), change a role, share focus, and what the last owner is told.

const t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });

async function signedIn(): Promise<{ browser: TestBrowser; email: string }> {
  const browser = new TestBrowser(t.app);
  const email = uniqueEmail('teams');
  await browser.signUp(email);
  return { browser, email };
}

async function textOf(browser: TestBrowser, path: string): Promise<string> {
  const response = await browser.get(path);
  expect(response.status, path).toBe(200);
  return visibleTextOf(await response.text());
}

describe('the team pages', () => {
  it('start a team, invite by link, and let someone join after signing in', async () => {
    const { browser: owner } = await signedIn();
    expect(await textOf(owner, '/settings')).toContain('Your teams');
    expect(await textOf(owner, '/teams')).toContain('You are not in a team yet.');
    const created = await owner.submit('/teams', { name: 'Platform' });
    expect(created.status).toBe(303);
    const teamPath = created.headers.get('location')!.split('?')[0]!;
    expect(await textOf(owner, created.headers.get('location')!)).toContain(
      'The team is ready. Invite people below.',
    );

    const invited = await owner.submit(`${teamPath}/invitations`, { email: '', role: 'viewer' });
    expect(invited.status).toBe(200);
    const url = /id="new-invitation-url"[^>]*value="([^"]+)"/.exec(await invited.text())?.[1];
    expect(url).toMatch(/\/invitations\/[\w-]+$/);
    const invitationPath = new URL(url!).pathname;

    // Not signed in: sign in first, then come back to the invitation.
    const guest = new TestBrowser(t.app);
    const away = await guest.get(invitationPath);
    expect(away.status).toBe(303);
    expect(away.headers.get('location')).toBe(`/login?next=${encodeURIComponent(invitationPath)}`);
    const guestEmail = uniqueEmail('guest');
    await guest.signUp(guestEmail);
    const page = await textOf(guest, invitationPath);
    expect(page).toContain('Join “Platform”');
    expect(page).toContain('You are invited as viewer');
    const joined = await guest.submit(`${invitationPath}/accept`, {});
    expect(joined.status).toBe(303);
    expect(joined.headers.get('location')).toBe(`${teamPath}?saved=joined`);
    const guestView = await textOf(guest, teamPath);
    expect(guestView).toContain('You are viewer here.');
    expect(guestView).not.toContain('Invite people');

    // The link is used up.
    const third = await signedIn();
    expect(await textOf(third.browser, invitationPath)).toContain('This invitation has already been used.');
    expect((await third.browser.submit(`${invitationPath}/accept`, {})).status).toBe(410);

    // The owner raises the viewer to member, and the guest shares their focus.
    const guestId = /\/members\/([0-9a-f-]+)\/role/.exec(await (await owner.get(teamPath)).text())?.[1];
    expect((await owner.submit(`${teamPath}/members/${guestId}/role`, { role: 'member' })).status).toBe(303);
    expect(await textOf(guest, teamPath)).toContain('You are member here.');
    expect((await guest.submit(`${teamPath}/focus`, { sharesFocus: 'on' })).status).toBe(303);
    expect(await textOf(owner, teamPath)).toContain('Member · shares focus');
  });

  it('tell the last owner why they cannot leave, and refuse an invitation meant for another address', async () => {
    const { browser: owner } = await signedIn();
    const created = await owner.submit('/teams', { name: 'Research' });
    const teamPath = created.headers.get('location')!.split('?')[0]!;
    const left = await owner.submit(`${teamPath}/leave`, {});
    expect(left.status).toBe(409);
    expect(visibleTextOf(await left.text())).toContain('You are the only owner');

    const invitee = uniqueEmail('invitee');
    const sent = await owner.submit(`${teamPath}/invitations`, { email: invitee, role: 'member' });
    expect(sent.status).toBe(303);
    const link = /https?:\/\/\S+\/invitations\/\S+/.exec(t.mailer.lastTo(invitee)!.text)![0];
    const other = await signedIn();
    const refused = await textOf(other.browser, new URL(link).pathname);
    expect(refused).toContain('This invitation was sent to another email address.');
    expect((await other.browser.submit(`${new URL(link).pathname}/accept`, {})).status).toBe(403);

    const deleted = await owner.submit(`${teamPath}/delete`, {});
    expect(deleted.headers.get('location')).toBe('/teams?saved=deleted');
    expect((await owner.get(teamPath)).status).toBe(404);
  });

  it('answer a form without a name with the reason, and refuse a form without the CSRF token', async () => {
    const { browser } = await signedIn();
    const empty = await browser.submit('/teams', { name: '  ' });
    expect(empty.status).toBe(422);
    expect(visibleTextOf(await empty.text())).toContain('Give the team a name.');
    expect((await browser.submit('/teams', { name: 'Sneaky' }, { csrf: null })).status).toBe(403);
    expect(await textOf(browser, '/teams')).toContain('You are not in a team yet.');
  });
});
