// `npm run bench`: builds, then runs every benchmark in its own process, one after another, each
// with a time limit, all under one run id so they share this run's baselines; then prints the report.
// `npm run bench -- load history` runs only those (the baseline is measured first regardless).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ROOT } from './lib/machine.ts';
import { runToEnd } from './lib/server.ts';

/** Name, script and time limit in seconds (generous: a quiet run takes about half). */
export const BENCHMARKS = [
  ['baseline', 'bench/baseline.ts', 150],
  ['load', 'bench/load.ts', 240],
  ['live-sync', 'bench/live-sync.ts', 150],
  ['connections', 'bench/connections.ts', 180],
  ['history', 'bench/history.ts', 240],
  ['startup', 'bench/startup.ts', 150],
  ['page-weight', 'bench/page-weight.ts', 180],
] as const;

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !BENCHMARKS.some(([name]) => name === w));
if (unknown.length) {
  console.error(
    `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map(([n]) => n).join(', ')}`,
  );
  process.exit(2);
}
const selected = BENCHMARKS.filter(
  ([name]) => name === 'baseline' || wanted.length === 0 || wanted.includes(name),
);
const runId = `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
const started = Date.now();

console.log('Building dist/ and public/build/ …');
await runToEnd(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], 120_000);

const outcomes: { name: string; code: number | null; seconds: number }[] = [];
for (const [name, script, limit] of selected) {
  console.log(`\n== ${name} (limit ${limit} s) ==`);
  const t = Date.now();
  // Its own process group, so a benchmark over its time is stopped together with its servers.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RUN_ID: runId },
    stdio: 'inherit',
    detached: true,
  });
  const timer = setTimeout(() => {
    console.error(`${name}: over its ${limit} s limit, stopping it`);
    process.kill(-child.pid!, 'SIGTERM');
    setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000).unref();
  }, limit * 1000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  outcomes.push({ name, code, seconds: Math.round((Date.now() - t) / 1000) });
}

console.log(`\nAll benchmarks done in ${Math.round((Date.now() - started) / 1000)} s (run ${runId}).`);
for (const o of outcomes)
  if (o.code !== 0) console.log(`  ${o.name} did not finish cleanly (exit ${o.code}, ${o.seconds} s)`);
console.log('');
await new Promise<void>((resolve) => {
  spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/report.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
  }).once('exit', () => resolve());
});
process.exitCode = outcomes.every((o) => o.code === 0) ? 0 : 1;
