import type { LocalDate, WeekStart } from '../local-date.ts';
import type { SlotKind } from '../sheet.ts';
import type { SessionState } from '../timer.ts';
import type { SwitchReason } from '../work-values.ts';

export const INSIGHT_SEVERITIES = ['info', 'notice', 'warning'] as const;
export type InsightSeverity = (typeof INSIGHT_SEVERITIES)[number];

export const INSIGHT_RULES = [
  'high-switching',
  'low-focus',
  'early-pauses',
  'skipped-run',
  'admin-crowding',
  'session-length',
  'documentation',
  'best-hours',
  'streak-risk',
] as const;
export type InsightRuleName = (typeof INSIGHT_RULES)[number];
/** Rules whose period is a day; every other rule speaks of the current week. */
export const DAILY_RULES: readonly InsightRuleName[] = ['streak-risk'];

export type SessionOutcomeValue = 'done' | 'progressed' | 'blocked' | 'nothing';

/** What the rules need to know of one session: a narrow projection of the stored row. */
export interface SessionFact {
  localDate: LocalDate;
  slot: number;
  kind: SlotKind;
  state: SessionState;
  plannedMinutes: number;
  /** Set exactly while completed. */
  focusSeconds: number | null;
  /** The first start by the timer; null for planned and logged sessions. */
  startedAt: Date | null;
  loggedAfterwards: boolean;
  outcome: SessionOutcomeValue | null;
  hasNotes: boolean;
  pauseCount: number;
  firstPauseFocusSeconds: number | null;
}

export interface SwitchFact {
  occurredAt: Date;
  reason: SwitchReason;
}

/** A bounded window of one person's history (see insightWindow) and what the rules measure against. */
export interface InsightInput {
  sessions: readonly SessionFact[];
  switches: readonly SwitchFact[];
  timeZone: string;
  weekStart: WeekStart;
  weeklyFocusTargetMinutes: number;
  now: Date;
}

/** How a value reads: 'hour-of-day' is 0..23, 'time-of-day' minutes since local midnight. */
export type EvidenceUnit =
  | 'count'
  | 'minutes'
  | 'percent'
  | 'per-hour'
  | 'hour-of-day'
  | 'time-of-day'
  | 'days';

/** One number behind an insight, with the words to show it by. */
export interface Evidence {
  key: string;
  label: string;
  value: number;
  unit: EvidenceUnit;
}

/** What a rule found, in the person's own numbers, with one thing to try. */
export interface Insight {
  rule: InsightRuleName;
  /** The week's first day for weekly rules, the date for daily ones. */
  periodKey: LocalDate;
  severity: InsightSeverity;
  title: string;
  message: string;
  recommendation: string;
  evidence: Evidence[];
}
