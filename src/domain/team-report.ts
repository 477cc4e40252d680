import { compareLocalDates, type LocalDate } from './local-date.ts';
import {
  bucketsBy,
  byDayOf,
  byProjectOf,
  byTaskTypeOf,
  type CountedSession,
  type FocusSplit,
  focusOf,
  isInRange,
  type Report,
  type ReportBucket,
  type ReportDay,
  type ReportSwitch,
  sessionCountsOf,
  splitOf,
  switchesOf,
  toMinutes,
} from './report.ts';
import type { ReportRange } from './report-periods.ts';
import { memberNameOf } from './team-policy.ts';
import type { TaskType } from './work-values.ts';

/**
 * A session as the team report reads it: whose it is, its day and timer facts, and its main task,
 * which is one of the team's (the store reads no other). Goals and notes are not part of it.
 */
export type TeamReportSession = CountedSession & {
  id: string;
  userId: string;
  mainTask: { taskId: string; title: string; type: TaskType; projectId: string; projectName: string };
};

/** An interruption of one of those sessions. */
export type TeamReportSwitch = Pick<ReportSwitch, 'reason'> & { sessionId: string };

/** A member of the team as it stands now. */
export type TeamReportMember = { userId: string; email: string; sharesFocus: boolean };

export type TeamReportInput = {
  range: ReportRange;
  /**
   * Today in the reader's time zone: sessions of later days are not counted as planned until they
   * are started (a member in a time zone ahead may be there already).
   */
  today: LocalDate;
  members: readonly TeamReportMember[];
  sessions: readonly TeamReportSession[];
  switches: readonly TeamReportSwitch[];
};

export type TeamReportProject = ReportBucket & { projectId: string; name: string };
export type TeamReportTaskType = ReportBucket & { type: TaskType };
export type TeamReportTask = ReportBucket & {
  taskId: string;
  title: string;
  type: TaskType;
  projectId: string;
  projectName: string;
};
export type TeamReportMemberRow = {
  userId: string;
  name: string;
  email: string;
  /** Sessions on the team's tasks up to today (or started since), whatever their state. */
  planned: number;
  completed: number;
  focusMinutes: number;
  switches: number;
};

export interface TeamReport {
  range: ReportRange;
  today: LocalDate;
  /** Sessions whose main task is one of the team's, of members who share their focus with it. */
  sessions: { planned: number; completed: number; skipped: number };
  /** Focus of the completed ones, in whole minutes. */
  focus: FocusSplit;
  byDay: ReportDay[];
  /** Busiest first. */
  byProject: TeamReportProject[];
  /** Every task type in TASK_TYPES order (a team session always has a main task). */
  byTaskType: TeamReportTaskType[];
  /** Busiest first, then by title. */
  byTask: TeamReportTask[];
  switches: Report['switches'];
  /** One row per member who shares their focus, by name, whether or not they focused. */
  members: TeamReportMemberRow[];
  /** Members who do not share their focus: only counted, never named. */
  membersNotSharing: number;
}

function byTaskOf(completed: readonly TeamReportSession[]): TeamReportTask[] {
  const tasks = new Map(completed.map((s) => [s.mainTask.taskId, s.mainTask]));
  return [...bucketsBy(completed, (s) => s.mainTask.taskId)]
    .map(([taskId, b]) => {
      const { title, type, projectId, projectName } = tasks.get(taskId)!;
      return {
        taskId,
        title,
        type,
        projectId,
        projectName,
        focusMinutes: toMinutes(b.seconds),
        sessions: b.sessions,
      };
    })
    .sort(
      (a, b) => b.focusMinutes - a.focusMinutes || b.sessions - a.sessions || a.title.localeCompare(b.title),
    );
}

function memberRowsOf(
  sharing: readonly TeamReportMember[],
  due: readonly TeamReportSession[],
  switches: readonly { userId: string }[],
): TeamReportMemberRow[] {
  return sharing
    .map((m) => {
      const own = due.filter((s) => s.userId === m.userId);
      const completed = own.filter((s) => s.state === 'completed');
      return {
        userId: m.userId,
        name: memberNameOf(m.email),
        email: m.email,
        planned: own.length,
        completed: completed.length,
        focusMinutes: toMinutes(completed.reduce((total, s) => total + focusOf(s), 0)),
        switches: switches.filter((s) => s.userId === m.userId).length,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

/**
 * Where a team's focus went over one range: sessions, focus in total, by day, team project, task
 * type and task, interruptions by reason, and one row per sharing member. Only sessions of members
 * who share their focus with the team count, whatever the caller passed; each counts on its own
 * local day. Sessions and switches outside the range are ignored.
 */
export function buildTeamReport(input: TeamReportInput): TeamReport {
  const { range, today } = input;
  const sharing = input.members.filter((m) => m.sharesFocus);
  const sharingIds = new Set(sharing.map((m) => m.userId));
  const sessions = input.sessions.filter((s) => sharingIds.has(s.userId) && isInRange(range, s.localDate));
  const completed = sessions.filter((s) => s.state === 'completed');
  // A member ahead of the reader in time may already be on a later day: what they started counts.
  const due = sessions.filter((s) => compareLocalDates(s.localDate, today) <= 0 || s.state !== 'planned');
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const switches = input.switches.flatMap((s) => {
    const session = sessionById.get(s.sessionId);
    return session ? [{ reason: s.reason, userId: session.userId }] : [];
  });
  const focusSeconds = completed.reduce((total, s) => total + focusOf(s), 0);
  return {
    range,
    today,
    sessions: sessionCountsOf(sessions, due),
    focus: splitOf(completed),
    byDay: byDayOf(completed, range),
    byProject: byProjectOf(completed).flatMap(({ projectId, name, ...bucket }) =>
      projectId === null ? [] : [{ projectId, name: name ?? '', ...bucket }],
    ),
    byTaskType: byTaskTypeOf(completed).flatMap(({ type, ...bucket }) =>
      type === 'none' ? [] : [{ type, ...bucket }],
    ),
    byTask: byTaskOf(completed),
    switches: switchesOf(switches, focusSeconds),
    members: memberRowsOf(sharing, due, switches),
    membersNotSharing: input.members.length - sharing.length,
  };
}

/** What the report says of members who keep their focus to themselves: a count, never names. */
export function notSharingSentence(count: number): string | null {
  if (count === 0) return null;
  return `${count === 1 ? '1 member does' : `${count} members do`} not share their focus with the team.`;
}
