import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { RESULTS_DIR, ROOT } from './machine.ts';

export type DbMode = 'pglite' | 'postgres';

/** The PostgreSQL server the benchmarks may create throw-away databases on (loopback, trust auth). */
export const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export type ScratchDatabase = { url: string; name: string; drop(): Promise<void> };

/** A fresh database `bench_<timestamp>_<random>`, dropped by `drop()`. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export function makeTempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `deepsheet-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Builds dist/ and public/build/ unless they exist (BENCH_BUILD=1 forces a build). */
export async function ensureBuilt(): Promise<void> {
  const built =
    existsSync(join(ROOT, 'dist', 'deepsheet.js')) && existsSync(join(ROOT, 'public/build/manifest.json'));
  if (built && process.env.BENCH_BUILD !== '1') return;
  await runToEnd(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], 120_000);
}

export function runToEnd(
  command: string,
  args: string[],
  timeoutMs: number,
  env = process.env,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err || out}`));
    });
  });
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second here).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export type AppServer = {
  origin: string;
  pid: number;
  process: ChildProcess;
  /** Milliseconds from spawn to the ready line. */
  readyMs: number;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
};

export type AppServerOptions = {
  mode: DbMode;
  /** DATA_DIR: the embedded database, the secret and the outbox live here. */
  dataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Node flags for the server process, e.g. ['--cpu-prof']. */
  nodeArgs?: string[];
  /** Start through `npm start` instead of `node bin/deepsheet.js serve`. */
  viaNpm?: boolean;
  timeoutMs?: number;
};

export function serverEnv(options: AppServerOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    // Every load connection is its own caller with its own address (see docs/performance.md).
    TRUST_PROXY_HEADER: 'X-Forwarded-For',
    ...options.env,
  };
  if (options.mode === 'postgres') env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/**
 * Starts Deepsheet as its own process and resolves once it prints its ready line. Stopping sends
 * SIGTERM (the graceful path) and SIGKILL after 10 s.
 */
export function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const env = serverEnv(options);
  const started = performance.now();
  const child = options.viaNpm
    ? spawn('npm', ['start', '--silent'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
    : spawn(process.execPath, [...(options.nodeArgs ?? []), join(ROOT, 'bin', 'deepsheet.js'), 'serve'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d;
    if (process.env.BENCH_VERBOSE) process.stderr.write(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let serverPid: number | undefined;
  const stop = async () => {
    await stopChild();
    // Under npm the server is a grandchild and may outlive npm by its graceful shutdown.
    const deadline = Date.now() + 10_000;
    while (
      serverPid &&
      serverPid !== child.pid &&
      existsSync(`/proc/${serverPid}`) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const stopChild = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // npm start runs the server as its grandchild: signal the whole group we created.
    if (options.viaNpm) process.kill(-child.pid!, 'SIGTERM');
    else child.kill('SIGTERM');
    const killer = setTimeout(() => {
      if (options.viaNpm) process.kill(-child.pid!, 'SIGKILL');
      else child.kill('SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`Deepsheet did not start within ${options.timeoutMs ?? 60_000} ms:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d;
      const match = /Deepsheet is running at http:\/\/localhost:(\d+)/.exec(buffered);
      if (!match) return;
      const readyMs = performance.now() - started;
      clearTimeout(timer);
      buffered = '';
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      serverPid = options.viaNpm ? serverPidUnder(child.pid!) : child.pid!;
      resolve({
        origin: `http://127.0.0.1:${match[1]}`,
        pid: serverPid,
        process: child,
        readyMs,
        env,
        stop,
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Deepsheet exited with ${code} before it was ready:\n${stderr}`));
    });
  });
}

/** The node process serving under `npm start` (npm -> sh -> node). */
function serverPidUnder(pid: number): number {
  const children = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  let current = pid;
  for (let depth = 0; depth < 4; depth++) {
    const next = children(current);
    if (next.length === 0) break;
    current = next[0]!;
  }
  return current;
}

/** Runs `fn` with a server on a fresh database of the given kind, and cleans everything up. */
export async function withAppServer<T>(
  mode: DbMode,
  fn: (server: AppServer, db: { dataDir: string; databaseUrl?: string }) => Promise<T>,
  options: {
    env?: Record<string, string>;
    seed?: (db: { dataDir: string; databaseUrl?: string }) => Promise<void>;
  } = {},
): Promise<T> {
  const dir = makeTempDir(mode);
  const scratch = mode === 'postgres' ? await createScratchDatabase() : undefined;
  const db = { dataDir: dir.path, ...(scratch ? { databaseUrl: scratch.url } : {}) };
  let server: AppServer | undefined;
  try {
    await options.seed?.(db);
    server = await startAppServer({
      mode,
      ...db,
      ...(options.env ? { env: options.env } : {}),
      ...(process.env.BENCH_CPU_PROF
        ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', join(RESULTS_DIR, 'profiles')] }
        : {}),
    });
    return await fn(server, db);
  } finally {
    await server?.stop();
    await scratch?.drop().catch((error: unknown) => console.warn(`could not drop ${scratch.name}: ${error}`));
    dir.remove();
  }
}
