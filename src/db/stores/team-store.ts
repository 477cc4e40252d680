import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../domain/errors.ts';
import type { TeamRole } from '../../domain/team-policy.ts';
import type { Executor } from '../client.ts';
import {
  type TeamInvitationRow,
  type TeamMemberRow,
  type TeamRow,
  teamInvitations,
  teamMembers,
  teams,
  users,
} from '../schema/index.ts';
import { isUniqueViolation } from './sql-errors.ts';

// Data access for teams, memberships and invitations. No rules here: the use cases in
// services/teams ask the policy; these only read and write, scoped as they are told.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id from a path could name a row at all; anything else is simply not found. */
export function isRowId(id: string): boolean {
  return UUID.test(id);
}

export type TeamWithRole = TeamRow & { role: TeamRole };
export type MemberView = TeamMemberRow & { email: string };

/**
 * How a transaction holds a team while it works: `forUpdate` for changes to the team itself (its
 * members, roles, name), `forShare` for work on the team's data (tasks, the board, reports), which
 * may run side by side but never across a change of membership: a removal waits for them, and they
 * wait for a removal and then see it.
 */
export type TeamLock = { forUpdate?: boolean; forShare?: boolean };

/** Locks the team's row for the transaction (see TeamLock); nothing when there is no such team. */
export async function holdTeam(db: Executor, teamId: string, mode: 'update' | 'share'): Promise<void> {
  await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for(mode);
}

/** The team and the person's membership in it, or undefined when they are not in it. */
export async function findMembership(
  db: Executor,
  teamId: string,
  userId: string,
  options: TeamLock = {},
): Promise<{ team: TeamRow; membership: TeamMemberRow } | undefined> {
  if (!isRowId(teamId)) return undefined;
  // Writers lock the team row first and only it: every change to a team queues there, so two
  // changes never hold each other's member rows (two owners leaving at once cannot deadlock).
  if (options.forUpdate) await holdTeam(db, teamId, 'update');
  else if (options.forShare) await holdTeam(db, teamId, 'share');
  const rows = await db
    .select({ team: teams, membership: teamMembers })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return rows[0];
}

/**
 * Holds the team row for the transaction (see TeamLock) before anything else of the team is read,
 * for a change that starts from something other than a membership (an invitation's token).
 */
export async function lockTeam(db: Executor, teamId: string, mode: 'update' | 'share'): Promise<void> {
  await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for(mode);
}

export async function findMember(
  db: Executor,
  teamId: string,
  userId: string,
): Promise<TeamMemberRow | undefined> {
  if (!isRowId(userId)) return undefined;
  const rows = await db
    .select()
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return rows[0];
}

/**
 * How many owners the team has. Read after findMembership's lock on the team: two owners stepping
 * down at once then cannot both see the other stay.
 */
export async function countOwners(db: Executor, teamId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.role, 'owner')));
  return rows[0]?.n ?? 0;
}

export async function insertTeam(db: Executor, name: string, now: Date): Promise<TeamRow> {
  const rows = await db.insert(teams).values({ name, createdAt: now, updatedAt: now }).returning();
  return rows[0]!;
}

export async function renameTeam(db: Executor, teamId: string, name: string, now: Date): Promise<TeamRow> {
  const rows = await db.update(teams).set({ name, updatedAt: now }).where(eq(teams.id, teamId)).returning();
  return rows[0]!;
}

/** Deletes the team; memberships and invitations go with it (foreign keys cascade). */
export async function deleteTeamRow(db: Executor, teamId: string): Promise<void> {
  await db.delete(teams).where(eq(teams.id, teamId));
}

/** Adds a member. Throws 'conflict' when the person is already in the team. */
export async function insertMember(
  db: Executor,
  values: { teamId: string; userId: string; role: TeamRole; joinedAt: Date },
): Promise<TeamMemberRow> {
  try {
    const rows = await db.insert(teamMembers).values(values).returning();
    return rows[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'You are already in this team.');
    throw error;
  }
}

export async function updateMember(
  db: Executor,
  teamId: string,
  userId: string,
  change: Partial<Pick<TeamMemberRow, 'role' | 'sharesFocus'>>,
): Promise<TeamMemberRow> {
  const rows = await db
    .update(teamMembers)
    .set(change)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning();
  return rows[0]!;
}

/** Like updateMember, answering the member with their address. */
export async function updateMemberView(
  db: Executor,
  teamId: string,
  userId: string,
  change: Partial<Pick<TeamMemberRow, 'role' | 'sharesFocus'>>,
): Promise<MemberView> {
  const member = await updateMember(db, teamId, userId, change);
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return { ...member, email: user!.email };
}

export async function deleteMember(db: Executor, teamId: string, userId: string): Promise<void> {
  await db.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
}

/** The person's teams with their role in each, by name. */
export async function listTeamsOf(db: Executor, userId: string): Promise<TeamWithRole[]> {
  const rows = await db
    .select({ team: teams, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(sql`lower(${teams.name})`), asc(teams.id));
  return rows.map((r) => ({ ...r.team, role: r.role }));
}

const ROLE_ORDER = sql`case ${teamMembers.role} when 'owner' then 0 when 'admin' then 1 when 'member' then 2 else 3 end`;

/** A team's members with their addresses: owners first, then by address. */
export async function listMembers(db: Executor, teamId: string): Promise<MemberView[]> {
  const rows = await db
    .select({ member: teamMembers, email: users.email })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(ROLE_ORDER), asc(users.email));
  return rows.map((r) => ({ ...r.member, email: r.email }));
}

export async function memberCount(db: Executor, teamId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(teamMembers).where(eq(teamMembers.teamId, teamId));
  return rows[0]?.n ?? 0;
}

/**
 * Teams in which the person is the only owner while others are still members: they would be
 * left without anyone who can run them.
 */
export async function teamsOnlyOwnedBy(db: Executor, userId: string): Promise<TeamRow[]> {
  return db
    .select({ id: teams.id, name: teams.name, createdAt: teams.createdAt, updatedAt: teams.updatedAt })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(
      and(
        eq(teamMembers.userId, userId),
        eq(teamMembers.role, 'owner'),
        sql`not exists (select 1 from ${teamMembers} o where o.team_id = ${teams.id}
          and o.role = 'owner' and o.user_id <> ${userId})`,
        sql`exists (select 1 from ${teamMembers} m where m.team_id = ${teams.id} and m.user_id <> ${userId})`,
      ),
    )
    .for('update', { of: teams });
}

/** The teams whose only member is the person. */
export async function teamsOnlyHeldBy(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(
      sql`${teams.id} in (select team_id from ${teamMembers} where user_id = ${userId})
      and not exists (select 1 from ${teamMembers} m where m.team_id = ${teams.id} and m.user_id <> ${userId})`,
    );
  return rows.map((row) => row.id);
}

/** The ids of the teams the person is in. */
export async function teamIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId));
  return rows.map((row) => row.id);
}

/** Whether the account with this (lowercase) address is already in the team. */
export async function isAddressInTeam(db: Executor, teamId: string, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(teamMembers, and(eq(teamMembers.userId, users.id), eq(teamMembers.teamId, teamId)))
    .where(eq(users.email, email));
  return rows.length > 0;
}

export async function insertInvitation(
  db: Executor,
  values: Omit<TeamInvitationRow, 'id' | 'acceptedAt' | 'acceptedBy' | 'revokedAt'>,
): Promise<TeamInvitationRow> {
  const rows = await db.insert(teamInvitations).values(values).returning();
  return rows[0]!;
}

export async function listInvitations(db: Executor, teamId: string): Promise<TeamInvitationRow[]> {
  return db
    .select()
    .from(teamInvitations)
    .where(eq(teamInvitations.teamId, teamId))
    .orderBy(desc(teamInvitations.createdAt), desc(teamInvitations.id))
    .limit(200);
}

export async function findInvitation(
  db: Executor,
  teamId: string,
  invitationId: string,
): Promise<TeamInvitationRow | undefined> {
  if (!isRowId(invitationId)) return undefined;
  const rows = await db
    .select()
    .from(teamInvitations)
    .where(and(eq(teamInvitations.teamId, teamId), eq(teamInvitations.id, invitationId)));
  return rows[0];
}

/**
 * The invitation a token names, with its team; `forUpdate` locks it so it is accepted once (a
 * read for showing it takes no lock).
 */
export async function findInvitationByHash(
  db: Executor,
  tokenHash: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ invitation: TeamInvitationRow; team: TeamRow } | undefined> {
  const query = db
    .select({ invitation: teamInvitations, team: teams })
    .from(teamInvitations)
    .innerJoin(teams, eq(teams.id, teamInvitations.teamId))
    .where(eq(teamInvitations.tokenHash, tokenHash));
  const rows = options.forUpdate ? await query.for('update', { of: teamInvitations }) : await query;
  return rows[0];
}

export async function markInvitation(
  db: Executor,
  invitationId: string,
  change: Partial<Pick<TeamInvitationRow, 'acceptedAt' | 'acceptedBy' | 'revokedAt'>>,
): Promise<TeamInvitationRow> {
  const rows = await db
    .update(teamInvitations)
    .set(change)
    .where(eq(teamInvitations.id, invitationId))
    .returning();
  return rows[0]!;
}
