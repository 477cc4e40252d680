// `npm run bench:report`: the latest result of every benchmark against its budget.
// `--markdown` prints the table as Markdown (for docs/performance.md).
import { BUDGETS } from './budgets.ts';
import { type BenchResult, type Figure, listLatest } from './lib/results.ts';

const ORDER = ['baseline', 'load', 'live-sync', 'connections', 'history', 'startup', 'page-weight'];
const markdown = process.argv.includes('--markdown');
const results = listLatest().sort((a, b) => ORDER.indexOf(a.benchmark) - ORDER.indexOf(b.benchmark));
if (results.length === 0) {
  console.log('No results yet: run `npm run bench` (or one benchmark, e.g. `npm run bench:load`).');
  process.exit(0);
}

const STATUS: Record<Figure['status'], string> = {
  pass: 'pass',
  miss: 'MISS',
  info: '',
  'not built yet': 'not built yet',
  skipped: 'skipped',
  failed: 'FAILED',
};

function formatValue(f: Figure): string {
  if (f.value === null) return '—';
  if (f.unit === 'x hello' || f.unit === 'share') return `${Math.round(f.value * 1000) / 10}%`;
  return `${f.value.toLocaleString('en-US')} ${f.unit}`;
}

function formatBudget(f: Figure): string {
  if (!f.budget) return '';
  const b = BUDGETS[f.budget];
  const limit = b.unit === 'x hello' || b.unit === 'share' ? `${b.limit * 100}%` : `${b.limit} ${b.unit}`;
  return `${b.op === '<=' ? '≤' : '≥'} ${limit}`;
}

const rows: string[][] = [];
for (const r of results) {
  for (const f of r.figures) {
    rows.push([
      r.benchmark,
      f.label,
      formatValue(f),
      f.ratio ? `${f.ratio.value}× ${f.ratio.of}` : '',
      formatBudget(f),
      STATUS[f.status],
    ]);
  }
}
const header = ['benchmark', 'figure', 'value', 'ratio (same run)', 'budget', 'status'];

if (markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
} else {
  const widths = header.map((h, i) =>
    Math.min(i === 1 ? 60 : 40, Math.max(h.length, ...rows.map((r) => r[i]!.length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

const missed = results.flatMap((r) =>
  r.figures.filter((f) => f.status === 'miss' || f.status === 'failed').map((f) => ({ r, f })),
);
console.log('');
for (const { r, f } of missed)
  console.log(
    `MISS  ${r.benchmark}: ${f.label} = ${formatValue(f)} (${formatBudget(f)})${f.note ? ` — ${f.note}` : ''}`,
  );
const runs = new Set(results.map((r) => r.runId));
const first: BenchResult = results[0]!;
const m = first.machine;
console.log(
  `\n${results.length} benchmark(s) from ${runs.size} run(s), latest ${results
    .map((r) => r.startedAt)
    .sort()
    .at(-1)}; ` +
    `commit ${m.commit ?? '?'}${m.changedFiles ? ` + ${m.changedFiles} changed file(s) in src/` : ''}; ` +
    `machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ${m.postgres ?? 'no PostgreSQL'}, ${m.wrk ?? 'no wrk (autocannon)'}.`,
);
const noisy = results.filter((r) => (r.machine.loadAverage?.[0] ?? 0) > 1.5);
if (noisy.length) {
  console.log(
    `Other work was running during: ${noisy.map((r) => `${r.benchmark} (load ${r.machine.loadAverage[0]})`).join(', ')}; their absolute figures are low, ratios less so.`,
  );
}
