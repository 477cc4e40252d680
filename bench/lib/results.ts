import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGETS, type BudgetName } from '../budgets.ts';
import { describeMachine, type Machine, RESULTS_DIR, RUN_ID } from './machine.ts';
import { round } from './stats.ts';

export type Status = 'pass' | 'miss' | 'info' | 'not built yet' | 'skipped' | 'failed';

/** One figure of a benchmark: its value, its ratio to a baseline of the same run, and its budget. */
export type Figure = {
  label: string;
  value: number | null;
  unit: string;
  budget?: BudgetName;
  /** The value as a multiple of a baseline measured in the same run, e.g. 0.12 of raw hello req/s. */
  ratio?: { value: number; of: string };
  status: Status;
  note?: string;
};

export type BenchResult = {
  benchmark: string;
  title: string;
  runId: string;
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  summary: string;
  figures: Figure[];
  /** Everything measured, for whoever wants more than the table. */
  details: Record<string, unknown>;
};

export function judge(value: number | null, budget: BudgetName | undefined): Status {
  if (!budget) return 'info';
  if (value === null || !Number.isFinite(value)) return 'failed';
  const { op, limit } = BUDGETS[budget];
  return (op === '<=' ? value <= limit : value >= limit) ? 'pass' : 'miss';
}

/** A figure judged against its budget (if any). */
export function figure(
  label: string,
  value: number | null,
  unit: string,
  options: { budget?: BudgetName; ratio?: { value: number; of: string }; note?: string } = {},
): Figure {
  const rounded = value === null ? null : round(value);
  return {
    label,
    value: rounded,
    unit,
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.ratio ? { ratio: { value: round(options.ratio.value), of: options.ratio.of } } : {}),
    status: judge(rounded, options.budget),
    ...(options.note ? { note: options.note } : {}),
  };
}

/** How far a missed figure is from its budget, e.g. "2.4x over" or "needs 1.3x more". */
export function missBy(value: number | null, budget: BudgetName): string {
  const { op, limit } = BUDGETS[budget];
  if (value === null || value === 0) return '';
  return op === '<=' ? `${round(value / limit, 2)}x the budget` : `${round(limit / value, 2)}x short`;
}

/** Starts a result; `finish` stamps the duration, writes the JSON and prints the one-line summary. */
export function startResult(benchmark: string, title: string) {
  const started = Date.now();
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  return {
    figures,
    details,
    add(f: Figure) {
      figures.push(f);
      const ratio = f.ratio ? ` (${f.ratio.value} of ${f.ratio.of})` : '';
      const budget = f.budget ? ` [${BUDGETS[f.budget].text}: ${f.status.toUpperCase()}]` : '';
      console.log(
        `  ${f.label}: ${f.value ?? '-'} ${f.unit}${ratio}${budget}${f.note ? ` — ${f.note}` : ''}`,
      );
      return f;
    },
    finish(summary: string): BenchResult {
      const result: BenchResult = {
        benchmark,
        title,
        runId: RUN_ID,
        startedAt: new Date(started).toISOString(),
        durationSeconds: Math.round((Date.now() - started) / 100) / 10,
        machine: describeMachine(),
        summary,
        figures,
        details,
      };
      writeResult(result);
      const missed = figures.filter((f) => f.status === 'miss' || f.status === 'failed').length;
      console.log(`${benchmark}: ${summary}${missed ? ` — ${missed} budget(s) missed` : ''}`);
      return result;
    },
  };
}

export function writeResult(result: BenchResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const text = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(join(RESULTS_DIR, `${result.benchmark}-${stamp}.json`), text);
  writeFileSync(join(RESULTS_DIR, `${result.benchmark}-latest.json`), text);
}

export function readLatest(benchmark: string): BenchResult | undefined {
  try {
    return JSON.parse(readFileSync(join(RESULTS_DIR, `${benchmark}-latest.json`), 'utf8')) as BenchResult;
  } catch {
    return undefined;
  }
}

export function listLatest(): BenchResult[] {
  let names: string[] = [];
  try {
    names = readdirSync(RESULTS_DIR).filter((n) => n.endsWith('-latest.json'));
  } catch {
    return [];
  }
  return names
    .map((n) => readLatest(n.replace(/-latest\.json$/, '')))
    .filter((r): r is BenchResult => r !== undefined);
}
