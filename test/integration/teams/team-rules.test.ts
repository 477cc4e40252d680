import { describe, expect, it, vi } from 'vitest';
import type { ApiCaller } from '../../support/api.ts';
import { ok, send, teamOfFour as teamOfFourOf } from '../../support/teams.ts';
import { createTestApp } from '../../support/test-app.ts';
import { newCaller, PASSWORD } from '../api/callers.ts';

// The rules of teams as a client meets them through the API: roles, the last owner, invitations
// (expiry, single use, withdrawal, the address they were sent to) and 404 for everyone outside.

const START = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: START });

/** A team with one person in each role. */
async function teamOfFour() {
  t.clock.set(START);
  return teamOfFourOf(t);
}

async function rolesOf(caller: ApiCaller, teamId: string): Promise<Record<string, string>> {
  const { items } = await ok<{ items: { userId: string; role: string }[] }>(
    caller,
    'GET',
    `/teams/${teamId}/members`,
  );
  return Object.fromEntries(items.map((m) => [m.userId, m.role]));
}

describe('a team', () => {
  it('is created with its creator as owner and listed with the caller’s role', async () => {
    const { teamId, owner, viewer } = await teamOfFour();
    expect(await ok(owner, 'GET', `/teams/${teamId}`)).toMatchObject({
      id: teamId,
      name: 'Platform',
      role: 'owner',
    });
    const mine = await ok<{ items: { id: string; role: string }[] }>(viewer, 'GET', '/teams');
    expect(mine.items).toEqual([expect.objectContaining({ id: teamId, role: 'viewer' })]);
    const members = await ok<{ items: unknown[] }>(viewer, 'GET', `/teams/${teamId}/members`);
    expect(members.items).toHaveLength(4);
    expect(members.items[0]).toEqual({
      userId: owner.userId,
      name: owner.email.split('@')[0],
      email: owner.email,
      role: 'owner',
      sharesFocus: false,
    });
  });

  it('is not found, never forbidden, for someone outside it', async () => {
    const { teamId, owner, member } = await teamOfFour();
    const outsider = await newCaller(t);
    const { id: invitationId } = await ok<{ id: string }>(owner, 'POST', `/teams/${teamId}/invitations`, {
      role: 'member',
    });
    for (const [method, path, json] of [
      ['GET', `/teams/${teamId}`],
      ['PATCH', `/teams/${teamId}`, { name: 'Mine now' }],
      ['DELETE', `/teams/${teamId}`],
      ['GET', `/teams/${teamId}/members`],
      ['PATCH', `/teams/${teamId}/members/${member.userId}`, { role: 'viewer' }],
      ['DELETE', `/teams/${teamId}/members/${member.userId}`],
      ['PUT', `/teams/${teamId}/me`, { sharesFocus: true }],
      ['POST', `/teams/${teamId}/invitations`, { role: 'viewer' }],
      ['GET', `/teams/${teamId}/invitations`],
      ['DELETE', `/teams/${teamId}/invitations/${invitationId}`],
      ['POST', `/teams/${teamId}/transfer-ownership`, { userId: outsider.userId }],
    ] as const) {
      const answer = await send(outsider, method, path, json);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain('Platform');
    }
    expect(await rolesOf(owner, teamId)).toMatchObject({ [member.userId]: 'member' });
  });

  it('is renamed and deleted only by an owner; deleting takes memberships and invitations along', async () => {
    const { teamId, owner, admin, member } = await teamOfFour();
    expect((await send(admin, 'PATCH', `/teams/${teamId}`, { name: 'Renamed' })).status).toBe(403);
    expect((await send(admin, 'DELETE', `/teams/${teamId}`)).status).toBe(403);
    expect(await ok(owner, 'PATCH', `/teams/${teamId}`, { name: '  Renamed  ' })).toMatchObject({
      name: 'Renamed',
    });
    const { token } = await ok<{ token: string }>(owner, 'POST', `/teams/${teamId}/invitations`, {
      role: 'member',
    });
    expect((await send(owner, 'DELETE', `/teams/${teamId}`)).status).toBe(204);
    expect((await send(member, 'GET', `/teams/${teamId}`)).status).toBe(404);
    expect((await ok<{ items: unknown[] }>(member, 'GET', '/teams')).items).toEqual([]);
    expect((await send(await newCaller(t), 'POST', `/invitations/${token}/accept`)).status).toBe(404);
  });

  it('answers a clear 422 for a name that is empty or too long', async () => {
    const owner = await newCaller(t);
    for (const name of ['', '   ', 'x'.repeat(81)]) {
      const answer = await send(owner, 'POST', '/teams', { name });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ errors: { name: expect.any(String) } });
    }
  });
});

describe('the last owner', () => {
  it('cannot leave, be demoted or be removed, until there is another owner', async () => {
    const { teamId, owner, admin } = await teamOfFour();
    const leave = await send(owner, 'DELETE', `/teams/${teamId}/me`);
    expect(leave.status).toBe(409);
    expect(leave.body).toMatchObject({
      code: 'team.last_owner',
      detail: expect.stringMatching(/only owner/),
    });
    expect(
      (await send(owner, 'PATCH', `/teams/${teamId}/members/${owner.userId}`, { role: 'admin' })).body,
    ).toMatchObject({
      code: 'team.last_owner',
    });
    expect((await send(owner, 'DELETE', `/teams/${teamId}/members/${owner.userId}`)).body).toMatchObject({
      code: 'team.last_owner',
    });
    expect((await rolesOf(owner, teamId))[owner.userId]).toBe('owner');

    await ok(owner, 'PATCH', `/teams/${teamId}/members/${admin.userId}`, { role: 'owner' });
    expect((await send(owner, 'DELETE', `/teams/${teamId}/me`)).status).toBe(204);
    expect(await rolesOf(admin, teamId)).not.toHaveProperty(owner.userId);
  });

  it('cannot delete their account while others are in the team; alone, the team goes with them', async () => {
    const { teamId, owner, member } = await teamOfFour();
    // An account is deleted from Settings (with the password): the use case behind that form.
    const { deleteAccount } = await import('../../../src/services/delete-account.ts');
    const actor = { id: owner.userId, email: owner.email, isAdmin: false };
    await expect(deleteAccount(t.deps, actor, { password: PASSWORD })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('“Platform”'),
    });
    expect((await send(member, 'GET', `/teams/${teamId}`)).status).toBe(200);

    const loner = await newCaller(t);
    const solo = await ok<{ id: string }>(loner, 'POST', '/teams', { name: 'Solo' });
    await deleteAccount(
      t.deps,
      { id: loner.userId, email: loner.email, isAdmin: false },
      { password: PASSWORD },
    );
    const { teams } = await import('../../../src/db/schema/index.ts');
    const { eq } = await import('drizzle-orm');
    expect(await t.deps.db.select().from(teams).where(eq(teams.id, solo.id))).toEqual([]);
  });

  it('stays with one of two owners who leave at the same moment', async () => {
    const { teamId, owner, admin } = await teamOfFour();
    await ok(owner, 'PATCH', `/teams/${teamId}/members/${admin.userId}`, { role: 'owner' });
    const answers = await Promise.all([
      send(owner, 'DELETE', `/teams/${teamId}/me`),
      send(admin, 'DELETE', `/teams/${teamId}/me`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([204, 409]);
    const stayed = answers[0]!.status === 409 ? owner : admin;
    expect((await rolesOf(stayed, teamId))[stayed.userId]).toBe('owner');
  });

  it('hands ownership over and becomes an admin', async () => {
    const { teamId, owner, member, admin } = await teamOfFour();
    expect(
      (await send(admin, 'POST', `/teams/${teamId}/transfer-ownership`, { userId: member.userId })).status,
    ).toBe(403);
    expect(
      (await send(owner, 'POST', `/teams/${teamId}/transfer-ownership`, { userId: member.userId })).status,
    ).toBe(204);
    expect(await rolesOf(owner, teamId)).toMatchObject({ [owner.userId]: 'admin', [member.userId]: 'owner' });
  });
});

describe('admins', () => {
  it('change and remove members and viewers but never touch an owner or raise anyone to owner', async () => {
    const { teamId, owner, admin, member, viewer } = await teamOfFour();
    expect(
      await ok(admin, 'PATCH', `/teams/${teamId}/members/${viewer.userId}`, { role: 'member' }),
    ).toMatchObject({
      role: 'member',
    });
    const toOwner = await send(admin, 'PATCH', `/teams/${teamId}/members/${member.userId}`, {
      role: 'owner',
    });
    expect(toOwner.status).toBe(403);
    expect(
      (await send(admin, 'PATCH', `/teams/${teamId}/members/${owner.userId}`, { role: 'viewer' })).status,
    ).toBe(403);
    expect((await send(admin, 'DELETE', `/teams/${teamId}/members/${owner.userId}`)).status).toBe(403);
    expect(
      (await send(admin, 'PATCH', `/teams/${teamId}/members/${admin.userId}`, { role: 'owner' })).status,
    ).toBe(403);
    expect((await send(admin, 'POST', `/teams/${teamId}/invitations`, { role: 'owner' })).status).toBe(403);
    expect((await send(admin, 'DELETE', `/teams/${teamId}/members/${member.userId}`)).status).toBe(204);
    expect(await rolesOf(owner, teamId)).toEqual({
      [owner.userId]: 'owner',
      [admin.userId]: 'admin',
      [viewer.userId]: 'member',
    });
  });

  it('are the only ones besides owners who may invite; members and viewers change nothing', async () => {
    const { teamId, owner, member, viewer } = await teamOfFour();
    const before = await rolesOf(owner, teamId);
    for (const caller of [member, viewer]) {
      expect((await send(caller, 'POST', `/teams/${teamId}/invitations`, { role: 'viewer' })).status).toBe(
        403,
      );
      expect((await send(caller, 'GET', `/teams/${teamId}/invitations`)).status).toBe(403);
      expect((await send(caller, 'DELETE', `/teams/${teamId}/members/${owner.userId}`)).status).toBe(403);
    }
    expect(
      (await send(member, 'PATCH', `/teams/${teamId}/members/${viewer.userId}`, { role: 'member' })).status,
    ).toBe(403);
    expect(await rolesOf(owner, teamId)).toEqual(before);
  });
});

describe('sharing focus', () => {
  it('is off by default and each member’s own choice, per team', async () => {
    const { teamId, owner, member } = await teamOfFour();
    const shared = await ok(member, 'PUT', `/teams/${teamId}/me`, { sharesFocus: true });
    expect(shared).toMatchObject({ teamId, userId: member.userId, sharesFocus: true, role: 'member' });
    const { items } = await ok<{ items: { userId: string; sharesFocus: boolean }[] }>(
      owner,
      'GET',
      `/teams/${teamId}/members`,
    );
    expect(Object.fromEntries(items.map((m) => [m.userId, m.sharesFocus]))).toMatchObject({
      [owner.userId]: false,
      [member.userId]: true,
    });
    expect((await send(member, 'PUT', `/teams/${teamId}/me`, { sharesFocus: 'yes' })).status).toBe(422);
  });
});

describe('invitations', () => {
  it('stand when the mail server is down: the link is answered and still works', async () => {
    const { teamId, owner } = await teamOfFour();
    const invitee = await newCaller(t);
    const send = vi.spyOn(t.mailer, 'send').mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
    try {
      const made = await ok<{ token: string; url: string }>(owner, 'POST', `/teams/${teamId}/invitations`, {
        email: invitee.email,
        role: 'viewer',
      });
      expect(made.url).toContain(made.token);
      expect(await ok(invitee, 'POST', `/invitations/${made.token}/accept`)).toMatchObject({
        teamId,
        role: 'viewer',
      });
    } finally {
      send.mockRestore();
    }
  });

  it('by email are mailed, and accepted only by that address’s account', async () => {
    const { teamId, owner } = await teamOfFour();
    const invitee = await newCaller(t);
    const other = await newCaller(t);
    const made = await ok<{ token: string; url: string; expiresAt: string; role: string }>(
      owner,
      'POST',
      `/teams/${teamId}/invitations`,
      { email: invitee.email.toUpperCase(), role: 'member' },
    );
    expect(made.expiresAt).toBe('2026-04-13T07:00:00.000Z');
    expect(t.mailer.lastTo(invitee.email)?.text).toContain(made.url);
    const wrong = await send(other, 'POST', `/invitations/${made.token}/accept`);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({
      code: 'invitation.wrong_account',
      detail: 'This invitation was sent to another email address. Sign in with that address to accept it.',
    });
    expect(await ok(invitee, 'POST', `/invitations/${made.token}/accept`)).toMatchObject({
      teamId,
      teamName: 'Platform',
      userId: invitee.userId,
      role: 'member',
      sharesFocus: false,
    });
  });

  it('are used once', async () => {
    const { teamId, owner } = await teamOfFour();
    const { token } = await ok<{ token: string }>(owner, 'POST', `/teams/${teamId}/invitations`, {
      role: 'viewer',
    });
    await ok(await newCaller(t), 'POST', `/invitations/${token}/accept`);
    const again = await send(await newCaller(t), 'POST', `/invitations/${token}/accept`);
    expect(again.status).toBe(410);
    expect(again.body.detail).toMatch(/already been used/);
  });

  it('expire after seven days', async () => {
    const { teamId, owner } = await teamOfFour();
    const { token } = await ok<{ token: string }>(owner, 'POST', `/teams/${teamId}/invitations`, {
      role: 'viewer',
    });
    t.clock.advance(7 * 86_400);
    const late = await send(await newCaller(t), 'POST', `/invitations/${token}/accept`);
    expect(late.status).toBe(410);
    expect(late.body.detail).toMatch(/expired/);
    const { items } = await ok<{ items: { status: string }[] }>(owner, 'GET', `/teams/${teamId}/invitations`);
    expect(items.map((i) => i.status)).toContain('expired');
  });

  it('stop working when withdrawn, and a link for a member of the team changes nothing', async () => {
    const { teamId, owner, member } = await teamOfFour();
    const made = await ok<{ id: string; token: string }>(owner, 'POST', `/teams/${teamId}/invitations`, {
      role: 'admin',
    });
    expect((await send(member, 'POST', `/invitations/${made.token}/accept`)).status).toBe(409);
    expect((await rolesOf(owner, teamId))[member.userId]).toBe('member');
    expect((await send(owner, 'DELETE', `/teams/${teamId}/invitations/${made.id}`)).status).toBe(204);
    const late = await send(await newCaller(t), 'POST', `/invitations/${made.token}/accept`);
    expect(late.status).toBe(410);
    expect(late.body.detail).toMatch(/withdrawn/);
    expect((await send(await newCaller(t), 'POST', '/invitations/not-a-real-token/accept')).status).toBe(404);
  });

  it('store only a hash of the token', async () => {
    const { teamId, owner } = await teamOfFour();
    const { token } = await ok<{ token: string }>(owner, 'POST', `/teams/${teamId}/invitations`, {
      role: 'viewer',
    });
    const { teamInvitations } = await import('../../../src/db/schema/index.ts');
    const rows = await t.deps.db.select().from(teamInvitations);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('cannot be made, accepted or changed with a read-only token', async () => {
    const { teamId, owner } = await teamOfFour();
    const { token } = await ok<{ token: string }>(owner, 'POST', `/teams/${teamId}/invitations`, {
      role: 'viewer',
    });
    const reader = await newCaller(t, { scopes: ['read'] });
    const answer = await send(reader, 'POST', `/invitations/${token}/accept`);
    expect(answer.status).toBe(403);
    expect((await ok<{ items: unknown[] }>(reader, 'GET', '/teams')).items).toEqual([]);
  });
});
