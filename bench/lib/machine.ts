import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

export type Machine = {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  node: string;
  postgres: string | null;
  wrk: string | null;
  /** 1, 5 and 15-minute load averages when the result was written: above ~0.5 other work was running. */
  loadAverage: number[];
  /** The commit measured, and whether the work tree had changes on top of it. */
  commit: string | null;
  changedFiles: number | null;
};

function commandOutput(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    // `wrk -v` prints its version and exits 1.
    const out = (error as { stdout?: string }).stdout?.trim();
    return out ? out : null;
  }
}

/** What the figures were measured on: they only carry over as ratios to another machine. */
export function describeMachine(): Machine {
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    postgres: commandOutput('postgres', ['--version']) ?? commandOutput('psql', ['--version']),
    wrk: commandOutput('wrk', ['-v'])?.split(' Copyright')[0] ?? null,
    loadAverage: loadAverage(),
    // Read-only plumbing: neither command writes the index.
    commit: commandOutput('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    changedFiles: (() => {
      const out = commandOutput('git', ['-C', ROOT, 'diff-index', '--name-only', 'HEAD', '--', 'src']);
      return out === null ? null : out.split('\n').filter(Boolean).length;
    })(),
  };
}

/** Every benchmark started by one `npm run bench` shares this id, so it can reuse that run's baseline. */
export const RUN_ID = process.env.BENCH_RUN_ID ?? `solo-${Date.now()}-${randomBytes(3).toString('hex')}`;

function cpuTimes(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.reduce((sum, v) => sum + v, 0);
  return { busy: total - idle, total };
}

/** Share of all cores busy over `ms` (0..1), from /proc/stat. */
export async function machineBusy(ms = 1000): Promise<number> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTimes();
  return (after.busy - before.busy) / Math.max(1, after.total - before.total);
}

/**
 * Other work on the machine (a test run next door) skews every figure. Waits, up to
 * BENCH_QUIET_WAIT seconds (default 5), for the cores to be at most 15% busy, and returns how
 * busy they were when the measurement started, to be recorded beside it.
 */
export async function waitForQuiet(): Promise<{ busy: number; waitedSeconds: number }> {
  const limitSeconds = Number(process.env.BENCH_QUIET_WAIT ?? 5);
  const started = Date.now();
  let busy = await machineBusy();
  while (busy > 0.15 && Date.now() - started < limitSeconds * 1000) busy = await machineBusy();
  if (busy > 0.15)
    console.warn(`  (the machine is ${Math.round(busy * 100)}% busy with other work: figures will be low)`);
  return { busy: Math.round(busy * 100) / 100, waitedSeconds: Math.round((Date.now() - started) / 1000) };
}

export function loadAverage(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}
