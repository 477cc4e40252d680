/**
 * Runs the real `deepsheet` command (bin/deepsheet.js over the built bundle) as child processes:
 * servers on a free port with their own data directory, and one-shot command-line calls.
 * Every process started here is killed by `killAllProcesses()`; every directory is removed by
 * `removeTempDirs()`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binPath = join(root, 'bin', 'deepsheet.js');

export const START_TIMEOUT_MS = 30_000;
/** For beforeAll/afterAll that start servers: the 'process' project sets no hook timeout of its own. */
export const HOOK_TIMEOUT_MS = 60_000;
const CLI_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 15_000;

export const STRONG_PASSWORD = 'correct horse battery staple';

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** A new empty directory under the system temp dir, removed by `removeTempDirs()`. */
export function makeTempDir(prefix = 'deepsheet-process-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * A data directory whose database already exists and is migrated: a copy of a template made once
 * with `deepsheet migrate` and cached in node_modules/.cache, keyed by the migrations and the
 * PGlite version. Creating a database (initdb) costs seconds; a copy costs about 0.2 s. Use it
 * where a test is not about the first start.
 */
export async function makeMigratedDataDir(): Promise<string> {
  const template = await migratedTemplate();
  const dir = makeTempDir();
  cpSync(template, dir, { recursive: true });
  return dir;
}

let templatePromise: Promise<string> | undefined;

function migratedTemplate(): Promise<string> {
  templatePromise ??= (async () => {
    const migrations = join(root, 'src', 'db', 'migrations');
    const key = createHash('sha256')
      .update(readFileSync(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json')))
      .update(readdirSync(migrations, { recursive: true }).sort().join('\n'))
      .update(readFileSync(join(migrations, 'meta', '_journal.json')))
      .digest('hex')
      .slice(0, 16);
    const cache = join(root, 'node_modules', '.cache', 'deepsheet-process-tests');
    const template = join(cache, `migrated-${key}`);
    if (existsSync(join(template, 'pg', 'PG_VERSION'))) return template;
    mkdirSync(cache, { recursive: true });
    const draft = mkdtempSync(join(cache, 'draft-'));
    try {
      const result = await runCli(['migrate'], { DATA_DIR: draft });
      if (result.code !== 0) throw new Error(`deepsheet migrate failed for the template:\n${result.stderr}`);
      rmSync(join(draft, 'outbox'), { recursive: true, force: true });
      renameSync(draft, template);
    } catch (error) {
      // Another test worker may have made the same template first; theirs is as good as ours.
      if (!existsSync(join(template, 'pg', 'PG_VERSION'))) throw error;
    } finally {
      rmSync(draft, { recursive: true, force: true });
    }
    return template;
  })();
  return templatePromise;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/**
 * The environment a child gets: only what it needs, so the test runner's own NODE_ENV=test or
 * DATABASE_URL never leak in. `undefined` in `env` removes a key.
 */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  const merged = { ...base, ...env };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type RunningServer = {
  url: string;
  child: ChildProcess;
  pid: number;
  /** Everything the server wrote so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
  /** Sends the signal and waits (bounded) for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
};

/** Starts any program the way the helpers start `deepsheet`: killAllProcesses ends it too. */
export function spawnTracked(
  command: string,
  args: string[],
  options: Parameters<typeof spawn>[2] = {},
): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  return { child, exited: track(child) };
}

function track(child: ChildProcess): Promise<Exit> {
  children.add(child);
  return new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const READY_LINE = /Deepsheet is running at (\S+) /;

/** Starts `deepsheet serve` and resolves once it prints its address (rejects if it exits first). */
export async function spawnServer(options: {
  env: Record<string, string | undefined>;
}): Promise<RunningServer> {
  const child = spawn(process.execPath, [binPath, 'serve'], {
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = track(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      stdout += chunk;
      const match = READY_LINE.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
    });
    void exited.then((exit) =>
      reject(
        new Error(
          `deepsheet serve exited (${JSON.stringify(exit)}) before it was ready:\n${stderr}\n${stdout}`,
        ),
      ),
    );
  });
  let url: string;
  try {
    url = await withTimeout(
      ready,
      START_TIMEOUT_MS,
      () => `deepsheet serve to be ready\n${stderr}\n${stdout}`,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    child,
    pid: child.pid!,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return withTimeout(exited, STOP_TIMEOUT_MS, () => `deepsheet serve to exit after ${signal}`);
    },
  };
}

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs `deepsheet <args>` to completion. */
export async function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  const child = spawn(process.execPath, [binPath, ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = track(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  try {
    const { code } = await withTimeout(
      exited,
      CLI_TIMEOUT_MS,
      () => `deepsheet ${args.join(' ')}\n${stderr}`,
    );
    return { code, stdout, stderr };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** Kills (SIGKILL) every process these helpers started that is still running, and waits for them. */
export async function killAllProcesses(): Promise<void> {
  const running = [...children].map((child) => {
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    return gone;
  });
  await withTimeout(Promise.all(running), STOP_TIMEOUT_MS, () => 'children to die');
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A stack trace on a user-facing stream, the kind an operator should never see. */
export const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$|node:internal|Node\.js v\d/m;

/**
 * A minimal browser for a server over real HTTP: keeps cookies, reads the CSRF token from the
 * page's meta tag, and posts forms with our own Origin as a same-origin page would.
 */
export class HttpBrowser {
  private readonly cookies = new Map<string, string>();
  private csrfToken = '';

  constructor(
    public baseUrl: string,
    /** Sent as X-Forwarded-For; the server trusts it only with TRUST_PROXY_HEADER set. */
    readonly forwardedFor?: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Headers {
    const headers = new Headers(extra);
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (this.forwardedFor) headers.set('x-forwarded-for', this.forwardedFor);
    return headers;
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Points this browser at a restarted server; cookies are per host, not per port, so they carry. */
  moveTo(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(path: string): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      headers: this.headers(),
      redirect: 'manual',
    });
    this.remember(response);
    const html = await response.clone().text();
    const match = /<meta name="csrf-token" content="([^"]+)"/.exec(html);
    if (match) this.csrfToken = match[1]!;
    return response;
  }

  /** Posts a form the way our own page would, fetching a CSRF token first if there is none yet. */
  async submit(path: string, fields: Record<string, string>): Promise<Response> {
    if (!this.csrfToken) await this.get('/login');
    const body = new URLSearchParams({ ...fields, _csrf: this.csrfToken });
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: this.headers({
        'content-type': 'application/x-www-form-urlencoded',
        origin: new URL(this.baseUrl).origin,
      }),
    });
    this.remember(response);
    return response;
  }

  /** Logs in on a fresh cookie jar; resolves with the response (303 to `/` on success). */
  async logIn(email: string, password: string): Promise<Response> {
    this.cookies.clear();
    this.csrfToken = '';
    await this.get('/login');
    const response = await this.submit('/login', { email, password });
    await response.body?.cancel();
    return response;
  }
}

/** True when logging in with these credentials is accepted (303 to the sheet). */
export async function canLogIn(baseUrl: string, email: string, password: string, forwardedFor?: string) {
  const response = await new HttpBrowser(baseUrl, forwardedFor).logIn(email, password);
  return response.status === 303 && response.headers.get('location') === '/';
}

export async function getJson(url: string): Promise<{ status: number; contentType: string; body: unknown }> {
  const response = await fetch(url);
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.json(),
  };
}
