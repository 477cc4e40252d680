import { type SQL, sql } from 'drizzle-orm';
import { hasTeamPermission, TEAM_ROLES, type TeamPermission } from '../../domain/team-policy.ts';
import { projects, tasks, teamMembers } from '../schema/index.ts';

// Who may reach which projects and tasks, as SQL conditions the stores put inside their own
// statements, so the check and the read are one snapshot: a person removed from a team stops
// seeing its work with the commit that removed them. A personal project or task is its owner's
// alone; a team project and every task in it belong to the team, whoever created them.

/** What a caller needs: to see the work, or one of the team permissions about it. */
export type WorkNeed = 'read' | Extract<TeamPermission, 'tasks.write' | 'projects.manage'>;

function rolesFor(need: WorkNeed): SQL {
  const permission: TeamPermission = need === 'read' ? 'team.read' : need;
  const roles = TEAM_ROLES.filter((role) => hasTeamPermission(role, permission));
  return sql.raw(roles.map((role) => `'${role}'`).join(', '));
}

/** The ids of the teams in which the person holds `need`, as a subquery. */
export function teamsWith(userId: string, need: WorkNeed): SQL {
  return sql`(select wa_m.team_id from ${teamMembers} wa_m
    where wa_m.user_id = ${userId} and wa_m.role in (${rolesFor(need)}))`;
}

/** The person may reach this project (a row of `projects` in the statement). */
export function projectAccess(userId: string, need: WorkNeed): SQL {
  // Qualified by hand: drizzle writes a one-table query's columns unqualified, even in a subquery.
  return sql`((${projects}.team_id is null and ${projects}.user_id = ${userId})
    or ${projects}.team_id in ${teamsWith(userId, need)})`;
}

/**
 * The person may reach this task (a row of `tasks` in the statement, or of `task` when the
 * statement names the table otherwise): theirs in no project or one of their own, or one in a
 * project of their teams.
 */
export function taskAccess(userId: string, need: WorkNeed, task: SQL = sql`${tasks}`): SQL {
  return sql`((${task}.user_id = ${userId} and not exists (select 1 from ${projects} wa_p
      where wa_p.id = ${task}.project_id and wa_p.team_id is not null))
    or ${task}.project_id in (select wa_tp.id from ${projects} wa_tp
      where wa_tp.team_id in ${teamsWith(userId, need)}))`;
}

/** The task is personal: in no project, or in a personal one (what a person's own archive holds). */
export function isPersonalTask(task: SQL = sql`${tasks}`): SQL {
  return sql`not exists (select 1 from ${projects} wa_p where wa_p.id = ${task}.project_id
    and wa_p.team_id is not null)`;
}
