import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../support/free-port.ts';
import { seriesValue } from '../support/prometheus.ts';
import { makeTempDir, type RunningServer, root, spawnServer, spawnTracked, waitFor } from './support.ts';

// Deepsheet as an operator deploys it: several `deepsheet serve` processes on one PostgreSQL,
// PgBouncer (transaction pooling) between them and the database, nginx in front, each run from
// the configuration shipped in deploy/. Used by the cluster test and `npm run bench:cluster`.

export const NGINX = '/usr/sbin/nginx';
export const PGBOUNCER = '/usr/sbin/pgbouncer';
/** Whether this machine has the proxy and the pooler (`.ci/run` installs them from Debian). */
export const hasClusterTools = existsSync(NGINX) && existsSync(PGBOUNCER);

/** A directory the unprivileged workers of nginx and PgBouncer (started as root) can use. */
function sharedTempDir(prefix: string): string {
  const dir = makeTempDir(prefix);
  chmodSync(dir, 0o777);
  return dir;
}

const runsAsRoot = process.getuid?.() === 0;

export type Pooler = { url: string; stop(): Promise<void> };

/**
 * PgBouncer from deploy/pgbouncer/pgbouncer.ini, pointed at `postgresUrl`'s database: the same
 * pooling mode and limits, with trust instead of passwords and files in a temporary directory.
 */
export async function startPgBouncer(postgresUrl: string): Promise<Pooler> {
  const dir = sharedTempDir('deepsheet-pgbouncer-');
  const target = new URL(postgresUrl);
  const port = await freePort();
  const database = target.pathname.slice(1);
  const shipped = readFileSync(join(root, 'deploy', 'pgbouncer', 'pgbouncer.ini'), 'utf8');
  const ini = shipped
    .replace(
      /^deepsheet = .*$/m,
      `${database} = host=${target.hostname} port=${target.port || 5432} dbname=${database}`,
    )
    .replace(/^listen_addr = .*$/m, 'listen_addr = 127.0.0.1')
    .replace(/^listen_port = .*$/m, `listen_port = ${port}`)
    .replace(/^auth_type = .*$/m, 'auth_type = trust')
    .replace(/^auth_file = .*$/m, `auth_file = ${join(dir, 'userlist.txt')}`)
    .concat(
      `\nunix_socket_dir =\nlogfile = ${join(dir, 'pgbouncer.log')}\npidfile = ${join(dir, 'pgbouncer.pid')}\n`,
    );
  writeFileSync(join(dir, 'pgbouncer.ini'), ini, { mode: 0o644 });
  writeFileSync(join(dir, 'userlist.txt'), `"${target.username || 'postgres'}" ""\n`, { mode: 0o644 });
  // PgBouncer refuses to run as root; -u drops to an ordinary user.
  const args = [...(runsAsRoot ? ['-u', 'nobody'] : []), join(dir, 'pgbouncer.ini')];
  const { child, exited } = spawnTracked(PGBOUNCER, args);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = new URL(postgresUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`pgbouncer exited: ${stderr}`);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      await client.query('select 1');
      await client.end();
      return true;
    },
    'PgBouncer to accept connections',
    15_000,
  );
  return {
    url: url.toString(),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export type ReverseProxy = { url: string; stop(): Promise<void> };

/**
 * nginx with deploy/nginx/deepsheet.conf, its upstream servers replaced by `ports` on this
 * machine and its listen address by a free port: every other line is the shipped one.
 */
export async function startNginx(ports: number[]): Promise<ReverseProxy> {
  const dir = sharedTempDir('deepsheet-nginx-');
  const port = await freePort();
  const shipped = readFileSync(join(root, 'deploy', 'nginx', 'deepsheet.conf'), 'utf8');
  const servers = ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=3s;`).join('\n');
  const site = shipped
    .replace(/( {4}server app\d+:3000 [^\n]*\n)+/, `${servers}\n`)
    .replace(/^ {4}listen 80;$/m, `    listen 127.0.0.1:${port};`);
  if (!site.includes(`127.0.0.1:${ports[0]}`) || !site.includes(`listen 127.0.0.1:${port};`))
    throw new Error(
      'deploy/nginx/deepsheet.conf no longer has the upstream and listen lines the test replaces',
    );
  writeFileSync(join(dir, 'deepsheet.conf'), site);
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 4096; }',
      'http {',
      '  access_log off;',
      `  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}`,
      `  include ${join(dir, 'deepsheet.conf')};`,
      '}',
    ].join('\n'),
  );
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
  const { child, exited } = spawnTracked(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(readFileSync(join(dir, 'error.log'), 'utf8'));
      return (await fetch(`${url}/health/live`)).status > 0 ? true : undefined;
    },
    'nginx to answer',
    15_000,
  );
  return {
    url,
    async stop() {
      child.kill('SIGQUIT');
      await exited;
    },
  };
}

export type Instance = { port: number; metricsPort: number; server: RunningServer };

/**
 * One `deepsheet serve` of the cluster on a fixed port (the proxy names it), reaching PostgreSQL
 * through `databaseUrl` (the pooler) and `listenUrl` (PostgreSQL itself).
 */
export async function startInstance(
  port: number,
  metricsPort: number,
  env: Record<string, string>,
): Promise<Instance> {
  const server = await spawnServer({
    env: { ...env, PORT: String(port), METRICS_PORT: String(metricsPort), DATA_DIR: makeTempDir() },
  });
  return { port, metricsPort, server };
}

/** The value of one series on an instance's own metrics port (0 when it is absent). */
export async function instanceMetric(instance: Instance, series: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${instance.metricsPort}/metrics`)).text();
  return seriesValue(text, series) ?? 0;
}
