import { and, between, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { contextSwitches, focusSessions, projects, sessionTasks, tasks } from '../db/schema/index.ts';
import { taskAccess } from '../db/stores/work-access.ts';
import { AppError } from '../domain/errors.ts';
import { type LocalDate, localDateOf, MAX_YEAR, MIN_YEAR } from '../domain/local-date.ts';
import { buildReport, type Report, type ReportSession, type ReportSwitch } from '../domain/report.ts';
import {
  type ReportPeriod,
  type ReportRange,
  type ReportRequest,
  resolveReportRange,
} from '../domain/report-periods.ts';
import { type YearHeatmap, yearHeatmap } from '../domain/year-heatmap.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { getUser } from './preferences.ts';
import { SESSION_FACT_COLUMNS, sessionFactsBetween, streakFor } from './summaries.ts';

export type { ReportRequest };

/**
 * The sessions of the range with their main task and its project, in one query: a left join, as
 * most sessions have no task. Scoped by the owner on every table joined.
 */
async function reportSessions(db: Executor, userId: string, range: ReportRange): Promise<ReportSession[]> {
  const rows = await db
    .select({
      ...SESSION_FACT_COLUMNS,
      overtimeSeconds: focusSessions.overtimeSeconds,
      startedAt: focusSessions.startedAt,
      outcome: focusSessions.outcome,
      taskType: tasks.type,
      projectId: tasks.projectId,
      projectName: projects.name,
    })
    .from(focusSessions)
    .leftJoin(
      sessionTasks,
      and(
        eq(sessionTasks.sessionId, focusSessions.id),
        eq(sessionTasks.role, 'main'),
        eq(sessionTasks.userId, userId),
      ),
    )
    // A team's task counts by its type and project while the person is in the team; after that
    // the session is theirs still, its task no longer.
    .leftJoin(tasks, and(eq(tasks.id, sessionTasks.taskId), taskAccess(userId, 'read')))
    .leftJoin(projects, eq(projects.id, tasks.projectId))
    .where(and(eq(focusSessions.userId, userId), between(focusSessions.localDate, range.from, range.to)));
  return rows.map(({ taskType, projectId, projectName, ...row }) => ({
    ...row,
    mainTask: taskType ? { type: taskType, projectId, projectName } : null,
  }));
}

/** Interruptions of the range's sessions, on their session's local day. */
async function reportSwitches(db: Executor, userId: string, range: ReportRange): Promise<ReportSwitch[]> {
  return db
    .select({ localDate: focusSessions.localDate, reason: contextSwitches.reason })
    .from(contextSwitches)
    .innerJoin(focusSessions, eq(focusSessions.id, contextSwitches.sessionId))
    .where(
      and(
        eq(contextSwitches.userId, userId),
        eq(focusSessions.userId, userId),
        between(focusSessions.localDate, range.from, range.to),
      ),
    );
}

export type ReportResult = { period: ReportPeriod; report: Report };

/**
 * The actor's report for a range (see ReportRequest: a custom from/to, or the week or month
 * holding a date; by default this week). Reads only the range asked for, in three set-based
 * queries plus the streak's, so its cost follows the range, not the history.
 * Throws 'validation' for a malformed or reversed range, or one longer than three years.
 */
export async function reportFor(
  deps: ServiceDeps,
  actor: Actor,
  request: ReportRequest,
): Promise<ReportResult> {
  const user = await getUser(deps, actor);
  const today = localDateOf(deps.clock.now(), user.timeZone);
  const { period, range } = resolveReportRange(request, today, user.weekStart);
  const [sessions, switches, currentStreak] = await Promise.all([
    reportSessions(deps.db, user.id, range),
    reportSwitches(deps.db, user.id, range),
    streakFor(deps.db, user.id, today),
  ]);
  return {
    period,
    report: buildReport({ range, today, timeZone: user.timeZone, sessions, switches, currentStreak }),
  };
}

function parseYear(year: string | number | undefined, today: LocalDate): number {
  if (year === undefined || year === '') return Number(today.slice(0, 4));
  const value = typeof year === 'number' ? year : /^\d{4}$/.test(year) ? Number(year) : Number.NaN;
  if (!Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) {
    const message = `Give a year from ${MIN_YEAR} to ${MAX_YEAR}, such as 2026.`;
    throw new AppError('validation', message, { fields: { year: message } });
  }
  return value;
}

/**
 * Focus minutes per day of a calendar year (default: this year in the actor's time zone), with
 * intensity levels. Throws 'validation' for a year outside MIN_YEAR..MAX_YEAR.
 */
export async function yearHeatmapFor(
  deps: ServiceDeps,
  actor: Actor,
  year?: string | number,
): Promise<YearHeatmap> {
  const user = await getUser(deps, actor);
  const value = parseYear(year, localDateOf(deps.clock.now(), user.timeZone));
  const from = `${value}-01-01`;
  const to = `${value}-12-31`;
  return yearHeatmap(await sessionFactsBetween(deps.db, user.id, from, to), { year: value });
}

/** The year of focus ending on `end` (a date already checked, e.g. a report's last day). */
export async function trailingYearHeatmapFor(
  deps: ServiceDeps,
  actor: Actor,
  end: LocalDate,
): Promise<YearHeatmap> {
  const shape = yearHeatmap([], { end });
  return yearHeatmap(await sessionFactsBetween(deps.db, actor.id, shape.from, shape.to), { end });
}
