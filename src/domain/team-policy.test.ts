import { describe, expect, it } from 'vitest';
import {
  decideLeave,
  decideRemoval,
  decideRoleChange,
  decideTransfer,
  hasTeamPermission,
  InvitationInput,
  invitationStatus,
  mayDeleteTask,
  mayGrantRole,
  mayMoveTaskAcrossTeams,
  TEAM_PERMISSIONS,
  TEAM_ROLES,
  TeamName,
  type TeamPermission,
  type TeamRole,
} from './team-policy.ts';

const O = 'owner';
const A = 'admin';
const M = 'member';
const V = 'viewer';

describe('the role -> permission table', () => {
  // Rows: permission; columns: owner, admin, member, viewer.
  const table: [TeamPermission, boolean, boolean, boolean, boolean][] = [
    ['team.read', true, true, true, true],
    ['team.rename', true, false, false, false],
    ['team.delete', true, false, false, false],
    ['members.read', true, true, true, true],
    ['members.manage', true, true, false, false],
    ['invitations.manage', true, true, false, false],
    ['owners.manage', true, false, false, false],
    ['projects.manage', true, true, false, false],
    ['tasks.write', true, true, true, false],
    ['focus.read', true, true, true, true],
    ['webhooks.manage', true, true, false, false],
  ];

  it('has a row for every permission', () => {
    expect(table.map(([p]) => p).sort()).toEqual([...TEAM_PERMISSIONS].sort());
  });

  it.each(table)('grants %s as the table says', (permission, ...expected) => {
    expect(TEAM_ROLES.map((role) => hasTeamPermission(role, permission))).toEqual(expected);
  });
});

describe('granting a role', () => {
  const table: [TeamRole, TeamRole, boolean][] = [
    [O, O, true],
    [O, A, true],
    [O, V, true],
    [A, O, false],
    [A, A, true],
    [A, M, true],
    [A, V, true],
    [M, M, false],
    [M, V, false],
    [V, V, false],
  ];
  it.each(table)('%s may grant %s: %s', (actor, role, expected) => {
    expect(mayGrantRole(actor, role)).toBe(expected);
  });
});

describe('changing a role', () => {
  const other = (role: TeamRole, ownerCount = 2) => ({ role, isSelf: false, ownerCount });
  const self = (role: TeamRole, ownerCount = 2) => ({ role, isSelf: true, ownerCount });
  const table: [string, TeamRole, ReturnType<typeof other>, TeamRole, string][] = [
    ['an owner makes a member an owner', O, other(M), O, 'allowed'],
    ['an owner demotes another owner', O, other(O), A, 'allowed'],
    ['one of two owners steps down', O, self(O, 2), M, 'allowed'],
    ['the last owner cannot demote themself', O, self(O, 1), A, 'last_owner'],
    ['an admin raises a viewer to member', A, other(V), M, 'allowed'],
    ['an admin raises a member to admin', A, other(M), A, 'allowed'],
    ['an admin cannot raise anyone to owner', A, other(M), O, 'forbidden'],
    ['an admin cannot touch an owner', A, other(O), M, 'forbidden'],
    ['an admin cannot touch another admin', A, other(A), M, 'forbidden'],
    ['an admin cannot change their own role', A, self(A), M, 'forbidden'],
    ['a member cannot change roles', M, other(V), M, 'forbidden'],
    ['a viewer cannot change roles', V, other(V), M, 'forbidden'],
  ];
  it.each(table)('%s', (_, actor, target, role, expected) => {
    const decision = decideRoleChange(actor, target, role);
    expect(decision.allowed ? 'allowed' : decision.reason).toBe(expected);
  });
});

describe('removing, leaving and transferring', () => {
  const table: [string, () => ReturnType<typeof decideLeave>, string][] = [
    [
      'an owner removes an admin',
      () => decideRemoval(O, { role: A, isSelf: false, ownerCount: 1 }),
      'allowed',
    ],
    [
      'an owner removes another owner',
      () => decideRemoval(O, { role: O, isSelf: false, ownerCount: 2 }),
      'allowed',
    ],
    [
      'an admin removes a member',
      () => decideRemoval(A, { role: M, isSelf: false, ownerCount: 1 }),
      'allowed',
    ],
    [
      'an admin removes a viewer',
      () => decideRemoval(A, { role: V, isSelf: false, ownerCount: 1 }),
      'allowed',
    ],
    [
      'an admin cannot remove an owner',
      () => decideRemoval(A, { role: O, isSelf: false, ownerCount: 2 }),
      'forbidden',
    ],
    [
      'an admin cannot remove an admin',
      () => decideRemoval(A, { role: A, isSelf: false, ownerCount: 1 }),
      'forbidden',
    ],
    [
      'a member cannot remove a viewer',
      () => decideRemoval(M, { role: V, isSelf: false, ownerCount: 1 }),
      'forbidden',
    ],
    [
      'removing oneself is leaving',
      () => decideRemoval(V, { role: V, isSelf: true, ownerCount: 1 }),
      'allowed',
    ],
    [
      'the last owner cannot remove themself',
      () => decideRemoval(O, { role: O, isSelf: true, ownerCount: 1 }),
      'last_owner',
    ],
    ['a viewer may leave', () => decideLeave({ role: V, ownerCount: 1 }), 'allowed'],
    ['one of two owners may leave', () => decideLeave({ role: O, ownerCount: 2 }), 'allowed'],
    ['the last owner cannot leave', () => decideLeave({ role: O, ownerCount: 1 }), 'last_owner'],
    ['an owner transfers to another', () => decideTransfer(O, { isSelf: false }), 'allowed'],
    ['an owner cannot transfer to themself', () => decideTransfer(O, { isSelf: true }), 'forbidden'],
    ['an admin cannot transfer ownership', () => decideTransfer(A, { isSelf: false }), 'forbidden'],
  ];
  it.each(table)('%s', (_, decide, expected) => {
    const decision = decide();
    expect(decision.allowed ? 'allowed' : decision.reason).toBe(expected);
  });
});

describe('team inputs', () => {
  it.each([
    ['  Platform  ', 'Platform'],
    ['Ünïcode team ✓', 'Ünïcode team ✓'],
  ])('takes the name %j as %j', (name, expected) => {
    expect(TeamName.parse(name)).toBe(expected);
  });
  it.each(['', '   ', 'a\nb', 'x'.repeat(81)])('refuses the name %j', (name) => {
    expect(TeamName.safeParse(name).success).toBe(false);
  });
  it('lowercases an invitee address and refuses one that is not an address', () => {
    expect(InvitationInput.parse({ email: ' Sam@Example.com ', role: 'member' })).toEqual({
      email: 'sam@example.com',
      role: 'member',
    });
    expect(InvitationInput.safeParse({ email: 'not an address', role: 'member' }).success).toBe(false);
    expect(InvitationInput.safeParse({ role: 'boss' }).success).toBe(false);
  });
});

describe('an invitation’s status', () => {
  const expiresAt = new Date('2026-04-13T07:00:00Z');
  const table: [string, Date | null, Date | null, string, string][] = [
    ['pending before it expires', null, null, '2026-04-13T06:59:59Z', 'pending'],
    ['expired at the instant', null, null, '2026-04-13T07:00:00Z', 'expired'],
    ['accepted stays accepted', new Date('2026-04-07T00:00:00Z'), null, '2026-05-01T00:00:00Z', 'accepted'],
    ['revoked', null, new Date('2026-04-07T00:00:00Z'), '2026-04-08T00:00:00Z', 'revoked'],
  ];
  it.each(table)('%s', (_, acceptedAt, revokedAt, now, expected) => {
    expect(invitationStatus({ acceptedAt, revokedAt, expiresAt }, new Date(now))).toBe(expected);
  });
});

describe('the rules about one task', () => {
  it('lets a team task be deleted by its creator (if they write tasks) or by those who manage projects', () => {
    expect(mayDeleteTask(null, false)).toBe(true);
    expect(mayDeleteTask('member', true)).toBe(true);
    expect(mayDeleteTask('member', false)).toBe(false);
    expect(mayDeleteTask('viewer', true)).toBe(false);
    expect(mayDeleteTask('admin', false)).toBe(true);
    expect(mayDeleteTask('owner', false)).toBe(true);
  });

  it('lets only the creator move a task across a team’s edge', () => {
    expect(mayMoveTaskAcrossTeams('a', 'a', false)).toBe(true);
    expect(mayMoveTaskAcrossTeams(null, 'a', false)).toBe(false);
    expect(mayMoveTaskAcrossTeams('a', null, false)).toBe(false);
    expect(mayMoveTaskAcrossTeams('a', 'b', true)).toBe(true);
  });
});
