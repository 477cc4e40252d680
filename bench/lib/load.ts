// Load generation on loopback, bounded in time: wrk when it is installed (it spends far less CPU
// per request than a Node generator, which matters on two cores), autocannon otherwise and for
// loads that need per-connection state. A ratio is only ever taken between runs of the same tool.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon, { type Client, type Request } from 'autocannon';
import { waitForQuiet } from './machine.ts';
import { makeTempDir } from './server.ts';
import { round } from './stats.ts';

export type LoadTool = 'wrk' | 'autocannon';

export type LoadFigures = {
  tool: LoadTool;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses that were not 2xx/3xx, and socket errors or timeouts. */
  bad: number;
  errors: number;
  /** How busy the cores were with other work just before (0..1). */
  busyBefore?: number;
};

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
export const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

let wrkAvailable: boolean | undefined;
export async function hasWrk(): Promise<boolean> {
  if (process.env.BENCH_TOOL === 'autocannon') return false;
  wrkAvailable ??= await new Promise<boolean>((resolve) => {
    execFile('wrk', ['-v'], (error, stdout) => resolve(!error || stdout.includes('wrk')));
  });
  return wrkAvailable;
}

export async function preferredTool(): Promise<LoadTool> {
  return (await hasWrk()) ? 'wrk' : 'autocannon';
}

export type GetLoad = {
  url: string;
  headers?: Record<string, string>;
  /** One header set per simulated caller, used round-robin (wrk) or one per connection (autocannon). */
  headerSets?: Record<string, string>[];
  connections?: number;
  seconds?: number;
};

async function wrkOnce(load: GetLoad, seconds: number): Promise<LoadFigures> {
  const connections = load.connections ?? CONNECTIONS;
  const dir = makeTempDir('wrk');
  try {
    let headersFile = '';
    if (load.headerSets?.length) {
      headersFile = join(dir.path, 'headers.txt');
      writeFileSync(
        headersFile,
        `${load.headerSets
          .map((set) =>
            Object.entries(set)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\t'),
          )
          .join('\n')}\n`,
      );
    }
    const args = ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '--timeout', '10s'];
    for (const [name, value] of Object.entries(load.headers ?? {})) args.push('-H', `${name}: ${value}`);
    args.push('-s', join(import.meta.dirname, 'wrk.lua'), load.url);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        'wrk',
        args,
        { env: { ...process.env, WRK_HEADERS_FILE: headersFile }, timeout: (seconds + 30) * 1000 },
        (error, out, err) =>
          error ? reject(new Error(`wrk failed: ${err || error.message}`)) : resolve(out),
      );
    });
    const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
    if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
    const s = JSON.parse(line.slice('WRK_JSON '.length)) as {
      requests: number;
      durationUs: number;
      errors: Record<'connect' | 'read' | 'write' | 'status' | 'timeout', number>;
      latencyUs: { p50: number; p90: number; p99: number; max: number };
    };
    const duration = s.durationUs / 1e6;
    return {
      tool: 'wrk',
      connections,
      seconds: round(duration),
      requests: s.requests,
      rps: Math.round(s.requests / duration),
      p50Ms: round(s.latencyUs.p50 / 1000),
      p90Ms: round(s.latencyUs.p90 / 1000),
      p99Ms: round(s.latencyUs.p99 / 1000),
      maxMs: round(s.latencyUs.max / 1000),
      bad: s.errors.status,
      errors: s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout,
    };
  } finally {
    dir.remove();
  }
}

export type CannonLoad = {
  url: string;
  headers?: Record<string, string>;
  requests?: Request[];
  setupClient?: (client: Client) => void;
  connections?: number;
};

async function autocannonOnce(load: CannonLoad, seconds: number): Promise<LoadFigures> {
  const connections = load.connections ?? CONNECTIONS;
  const result = await autocannon({
    url: load.url,
    connections,
    duration: seconds,
    timeout: 10,
    ...(load.headers ? { headers: load.headers } : {}),
    ...(load.requests ? { requests: load.requests } : {}),
    ...(load.setupClient ? { setupClient: load.setupClient } : {}),
  });
  return {
    tool: 'autocannon',
    connections,
    seconds: result.duration,
    requests: result.requests.total,
    rps: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    bad: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** A warm-up run (discarded), then the measured run. */
export async function loadGet(load: GetLoad, tool?: LoadTool): Promise<LoadFigures> {
  const use = tool ?? (await preferredTool());
  const seconds = load.seconds ?? LOAD_SECONDS;
  const { busy } = await waitForQuiet();
  if (use === 'wrk') {
    await wrkOnce(load, WARMUP_SECONDS);
    return { ...(await wrkOnce(load, seconds)), busyBefore: busy };
  }
  const sets = load.headerSets;
  const cannon: CannonLoad = {
    url: load.url,
    ...(load.headers ? { headers: load.headers } : {}),
    ...(load.connections ? { connections: load.connections } : {}),
    ...(sets?.length
      ? {
          setupClient: (() => {
            let next = 0;
            return (client: Client) => client.setHeaders({ ...load.headers, ...sets[next++ % sets.length] });
          })(),
        }
      : {}),
  };
  await autocannonOnce(cannon, WARMUP_SECONDS);
  return { ...(await autocannonOnce(cannon, seconds)), busyBefore: busy };
}

/**
 * autocannon only: per-connection request sequences (the timer's resume/pause pairs). A run can end
 * mid-sequence, so `afterWarmup` may put the state back before the measured run.
 */
export async function loadSequence(
  load: CannonLoad,
  options: { seconds?: number; afterWarmup?: () => Promise<void> } = {},
): Promise<LoadFigures> {
  const seconds = options.seconds ?? LOAD_SECONDS;
  const { busy } = await waitForQuiet();
  await autocannonOnce(load, WARMUP_SECONDS);
  await options.afterWarmup?.();
  return { ...(await autocannonOnce(load, seconds)), busyBefore: busy };
}

export function describeLoad(f: LoadFigures): string {
  const bad = f.bad || f.errors ? `, ${f.bad} non-2xx/3xx, ${f.errors} errors` : '';
  return `${f.rps} req/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms (${f.tool}, ${f.connections} connections, ${f.seconds} s${bad})`;
}
