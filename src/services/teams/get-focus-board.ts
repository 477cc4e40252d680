import type { TeamRow } from '../../db/schema/index.ts';
import { loadFocusBoard } from '../../db/stores/team-focus-store.ts';
import { type BoardEntry, boardEntryOf } from '../../domain/team-focus.ts';
import type { TeamRole } from '../../domain/team-policy.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { getUser } from '../preferences.ts';
import { authorizeTeam } from './team-access.ts';

export type FocusBoardMember = BoardEntry & {
  userId: string;
  email: string;
  role: TeamRole;
  sharesFocus: boolean;
};

export type FocusBoard = {
  team: TeamRow;
  /** The viewer's own id, so a page can tell their row and notice their removal. */
  viewerId: string;
  /** The viewer's time zone, which the labels' times are written in. */
  timeZone: string;
  asOf: Date;
  members: FocusBoardMember[];
};

/**
 * Who in the team is in focus, on a break or not working, and when they are next reachable, as
 * the actor sees it (times in the actor's time zone). Every member may read it, viewers too;
 * members who do not share are listed with no status. Read in one transaction that holds the team
 * for share, so a removal either waits for it or is seen by it: a removed member is never shown
 * after the removal commits, and a removed viewer is answered 'not_found'. Throws 'not_found'.
 */
export async function getFocusBoard(deps: ServiceDeps, actor: Actor, teamId: string): Promise<FocusBoard> {
  const viewer = await getUser(deps, actor);
  const { team, rows } = await deps.db.transaction(async (tx) => {
    const { team } = await authorizeTeam(tx, actor, teamId, 'focus.read', { forShare: true });
    return { team, rows: await loadFocusBoard(tx, team.id) };
  });
  const now = deps.clock.now();
  return {
    team,
    viewerId: actor.id,
    timeZone: viewer.timeZone,
    asOf: now,
    members: rows.map(({ session, teamTask, ...member }) => ({
      ...member,
      ...boardEntryOf({ sharesFocus: member.sharesFocus, session, teamTask }, now, viewer.timeZone),
    })),
  };
}
