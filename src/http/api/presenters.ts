import type { z } from '@hono/zod-openapi';
import type { ApiTokenRow, apiRequests, UserRow } from '../../db/schema/index.ts';
import type { StoredSession } from '../../db/stores/session-store.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import type {
  DayProgress as DomainDayProgress,
  MonthHeatmap as DomainMonthHeatmap,
  Streak as DomainStreak,
  WeekSummary as DomainWeekSummary,
} from '../../domain/summary.ts';
import { timeUpAt } from '../../domain/timer.ts';
import { tokenStatus } from '../../services/api-tokens.ts';
import type { DaySheet } from '../../services/day-sheet.ts';
import { preferencesOf } from '../../services/preferences.ts';
import { displaySession } from '../session-display.ts';
import type * as S from './schemas.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The fields of a session that leave the server, with what a client needs derived for `now`. */
export function presentSession(
  session: StoredSession,
  today: LocalDate,
  now: Date,
): z.infer<typeof S.Session> {
  const d = displaySession(session, today, now);
  return {
    id: session.id,
    date: session.localDate,
    slot: session.slot,
    kind: session.kind,
    label: d.label,
    goal: session.goal,
    notes: session.notes,
    version: session.version,
    goalRevision: session.goalRevision,
    notesRevision: session.notesRevision,
    state: session.state,
    plannedMinutes: session.plannedMinutes,
    targetSeconds: Math.round(d.targetMs / 1000),
    elapsedSeconds: Math.floor(d.elapsedMs / 1000),
    remainingSeconds: d.remainingSeconds,
    overtimeSeconds: d.overtimeSeconds,
    isTimeUp: d.isTimeUp,
    timeUpAt: iso(timeUpAt(session)),
    startedAt: iso(session.startedAt),
    endedAt: iso(session.endedAt),
    focusSeconds: session.focusSeconds,
    isFlagged: session.isFlagged,
    loggedAfterwards: session.loggedAfterwards,
    skipReason: session.skipReason,
    availableActions: [...d.actions],
    serverTime: now.toISOString(),
  };
}

type DomainCounts = Omit<DomainDayProgress, 'isFocused' | 'isFull' | 'focusSeconds' | 'focusMinutes'>;

/** The summary counts a day and a week share: personal, admin and all slots. */
function presentCounts(p: DomainCounts) {
  return {
    personalCompleted: p.personalCompleted,
    personalTotal: p.personalTotal,
    personalPercent: p.personalPercent,
    personalInProgress: p.personalInProgress,
    personalOpen: p.personalOpen,
    personalSkipped: p.personalSkipped,
    adminCompleted: p.adminCompleted,
    adminTotal: p.adminTotal,
    adminPercent: p.adminPercent,
    adminInProgress: p.adminInProgress,
    adminOpen: p.adminOpen,
    adminSkipped: p.adminSkipped,
    sessionsCompleted: p.sessionsCompleted,
    sessionsTotal: p.sessionsTotal,
    sessionsPercent: p.sessionsPercent,
    sessionsInProgress: p.sessionsInProgress,
    sessionsOpen: p.sessionsOpen,
    sessionsSkipped: p.sessionsSkipped,
  };
}

export function presentProgress(p: DomainDayProgress): z.infer<typeof S.DayProgress> {
  return {
    ...presentCounts(p),
    isFocused: p.isFocused,
    isFull: p.isFull,
    focusSeconds: p.focusSeconds,
    focusMinutes: p.focusMinutes,
  };
}

export function presentDay(sheet: DaySheet): z.infer<typeof S.Day> {
  return {
    date: sheet.date,
    today: sheet.today,
    relation: sheet.relation,
    timeZone: sheet.user.timeZone,
    serverTime: sheet.now.toISOString(),
    sessions: sheet.sessions.map((s) => presentSession(s, sheet.today, sheet.now)),
    openElsewhere: sheet.openElsewhere.map((s) => presentSession(s, sheet.today, sheet.now)),
    progress: presentProgress(sheet.progress),
  };
}

export function presentWeek(week: DomainWeekSummary): z.infer<typeof S.WeekSummary> {
  return {
    start: week.start,
    end: week.end,
    days: week.days.map((d) => ({ date: d.date, ...presentProgress(d) })),
    ...presentCounts(week),
    focusSeconds: week.focusSeconds,
    focusMinutes: week.focusMinutes,
    focusedDays: week.focusedDays,
    fullDays: week.fullDays,
    flaggedSessions: week.flaggedSessions,
  };
}

export function presentStreak(streak: DomainStreak, today: LocalDate): z.infer<typeof S.Streak> {
  return { length: streak.length, includesToday: streak.includesToday, needsToday: streak.needsToday, today };
}

export function presentMonthHeatmap(heatmap: DomainMonthHeatmap): z.infer<typeof S.MonthHeatmap> {
  return {
    month: heatmap.month,
    days: heatmap.days.map((d) => ({
      date: d.date,
      focusSeconds: d.focusSeconds,
      focusMinutes: d.focusMinutes,
      level: d.level,
    })),
  };
}

export function presentMe(user: UserRow, today: LocalDate): z.infer<typeof S.Me> {
  return {
    id: user.id,
    email: user.email,
    isAdmin: user.isAdmin,
    createdAt: user.createdAt.toISOString(),
    preferences: preferencesOf(user),
    today,
  };
}

export function presentToken(token: ApiTokenRow, now: Date): z.infer<typeof S.Token> {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes as ('read' | 'write')[],
    status: tokenStatus(token, now),
    createdAt: token.createdAt.toISOString(),
    expiresAt: iso(token.expiresAt),
    lastUsedAt: iso(token.lastUsedAt),
    revokedAt: iso(token.revokedAt),
  };
}

export function presentApiRequest(row: typeof apiRequests.$inferSelect): z.infer<typeof S.ApiRequest> {
  return {
    id: row.id,
    method: row.method,
    route: row.route,
    status: row.status,
    durationMs: row.durationMs,
    tokenId: row.tokenId,
    userAgent: row.userAgent,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
  };
}
