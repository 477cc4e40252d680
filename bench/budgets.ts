// The budgets of issue 7, in one place: the benchmarks judge against them and the report prints them.

export type Budget = { op: '<=' | '>='; limit: number; unit: string; text: string };

const atMost = (limit: number, unit: string, text: string): Budget => ({ op: '<=', limit, unit, text });
const atLeast = (limit: number, unit: string, text: string): Budget => ({ op: '>=', limit, unit, text });

export const BUDGETS = {
  /** Today's sheet page on PostgreSQL at 64 connections, as a fraction of raw node:http hello req/s. */
  sheetPageShareOfHello: atLeast(0.1, 'x hello', '>= 10% of raw hello req/s'),
  sheetPageP99: atMost(20, 'ms', 'p99 <= 20 ms at 64 connections'),
  liveSyncOneInstanceP99: atMost(15, 'ms', 'p99 <= 15 ms, one instance'),
  liveSyncTwoInstancesP99: atMost(30, 'ms', 'p99 <= 30 ms, two instances on PostgreSQL'),
  rssPerStream: atMost(25, 'KB', '<= 25 KB RSS per idle stream'),
  /** "Heartbeats still go out on time": every sampled stream hears one within a second of its due time. */
  heartbeatLateP99: atMost(1000, 'ms', 'every heartbeat <= 1 s late'),
  heartbeatsHeard: atLeast(1, 'share', 'every sampled stream hears its heartbeat'),
  historyQuery: atMost(50, 'ms', '<= 50 ms (p95 of repeated calls)'),
  /** "Cost grows with the range shown, not the history": 5 years of history cost about what 1 year does. */
  historyGrowth: atMost(1.5, 'x', '5-year / 1-year p50 <= 1.5x'),
  startUp: atMost(1000, 'ms', '`npm start` to ready <= 1 s'),
  pageWeightTotal: atMost(60, 'KB', 'first load <= 60 KB compressed'),
  pageWeightJs: atMost(30, 'KB', 'JS <= 30 KB compressed'),
  lighthousePerformance: atLeast(95, 'score', 'performance >= 95'),
  lighthouseAccessibility: atLeast(100, 'score', 'accessibility = 100'),
} as const satisfies Record<string, Budget>;

export type BudgetName = keyof typeof BUDGETS;
