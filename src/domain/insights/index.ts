// The insight engine: pure rules over a bounded window of one person's history. Each rule lives
// in its own file, states its thresholds as named constants and returns nothing when the data
// are too few to say something true.

import type { LocalDate } from '../local-date.ts';
import { adminCrowding } from './admin-crowding.ts';
import { bestHours } from './best-hours.ts';
import { documentation } from './documentation.ts';
import { earlyPauses } from './early-pauses.ts';
import { highSwitching } from './high-switching.ts';
import { lowFocus } from './low-focus.ts';
import { sessionLength } from './session-length.ts';
import { skippedRun } from './skipped-run.ts';
import { streakRisk } from './streak-risk.ts';
import {
  DAILY_RULES,
  type Insight,
  type InsightInput,
  type InsightRuleName,
  type InsightSeverity,
} from './types.ts';
import { buildInsightContext, type InsightContext } from './window.ts';

export * from './types.ts';
export { HISTORY_WEEKS, type InsightWindow, insightWindow } from './window.ts';

const RULES: Record<InsightRuleName, (ctx: InsightContext) => Insight | null> = {
  'high-switching': highSwitching,
  'low-focus': lowFocus,
  'early-pauses': earlyPauses,
  'skipped-run': skippedRun,
  'admin-crowding': adminCrowding,
  'session-length': sessionLength,
  documentation,
  'best-hours': bestHours,
  'streak-risk': streakRisk,
};

/**
 * The period an insight of `rule` must carry to be current: today for daily rules, the current
 * week's first day for weekly ones. Older insights are history, not shown.
 */
export function currentPeriodKey(rule: string, today: LocalDate, weekStart: LocalDate): LocalDate {
  return (DAILY_RULES as readonly string[]).includes(rule) ? today : weekStart;
}

const SEVERITY_ORDER: Record<InsightSeverity, number> = { warning: 0, notice: 1, info: 2 };

/** Orders insights as they are shown: warnings first, then notices, then the rest; stable by rule. */
export function compareInsights(
  a: { severity: InsightSeverity; rule: string },
  b: { severity: InsightSeverity; rule: string },
): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || ruleIndex(a.rule) - ruleIndex(b.rule);
}

function ruleIndex(rule: string): number {
  const index = Object.keys(RULES).indexOf(rule);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

/**
 * Every insight the rules find in `input` at `input.now`, at most one per rule, ordered by
 * severity. Sessions and switches outside insightWindow(now) are ignored, so callers may pass a
 * wider slice; the cost follows the window, not the history.
 */
export function computeInsights(input: InsightInput): Insight[] {
  const ctx = buildInsightContext(input);
  return Object.values(RULES)
    .map((rule) => rule(ctx))
    .filter((insight): insight is Insight => insight !== null)
    .sort(compareInsights);
}
