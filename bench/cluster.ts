// Benchmark: throughput through nginx with 1, 2 and 4 instances behind it, through PgBouncer on
// one PostgreSQL: the deployment the cluster test proves (test/process/cluster.test.ts), from the
// same files in deploy/. On a machine with few cores the load generator, nginx, PgBouncer,
// PostgreSQL and the instances share them, so the figure to read is not scaling but that nothing
// serializes: more instances must not serve fewer requests, and the p99 must not climb.
import pg from 'pg';
import {
  hasClusterTools,
  type Instance,
  startInstance,
  startNginx,
  startPgBouncer,
} from '../test/process/cluster.ts';
import { killAllProcesses, removeTempDirs, runCli } from '../test/process/support.ts';
import { freePort } from '../test/support/free-port.ts';
import { describeLoad, type LoadFigures, loadGet } from './lib/load.ts';
import { figure, startResult } from './lib/results.ts';
import { ensureBuilt } from './lib/server.ts';

const COUNTS = [1, 2, 4];
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'correct horse battery staple';

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `deepsheet_bench_cluster_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function measure(count: number): Promise<{ days: LoadFigures; ready: LoadFigures }> {
  return withDatabase(async (databaseUrl) => {
    const pooler = await startPgBouncer(databaseUrl);
    const env = {
      DATABASE_URL: pooler.url,
      DATABASE_LISTEN_URL: databaseUrl,
      DATABASE_PREPARED_STATEMENTS: 'false',
      DATABASE_POOL_SIZE: '8',
      TRUST_PROXY_HEADER: 'X-Forwarded-For',
      SECRET: 'bench-cluster-secret-shared-by-all-0123456789',
      API_RATE_LIMIT_PER_CALLER: '1000000',
      API_RATE_LIMIT_PER_ADDRESS: '1000000',
      LOG_LEVEL: 'warn',
    };
    const instances: Instance[] = [];
    try {
      for (let i = 0; i < count; i++)
        instances.push(await startInstance(await freePort(), await freePort(), env));
      const proxy = await startNginx(instances.map((i) => i.port));
      const cli = { ...env, DATABASE_URL: databaseUrl, DATA_DIR: '/tmp' };
      const email = `bench-cluster-${count}@example.test`;
      await runCli(['user', 'create', '--email', email, '--password', PASSWORD], cli);
      const token = (
        await runCli(['token', 'create', '--email', email, '--name', 'bench'], cli)
      ).stdout.trim();
      const day = new Date().toISOString().slice(0, 10);
      const headers = { Authorization: `Bearer ${token}` };
      const first = await fetch(`${proxy.url}/api/v1/days/${day}`, { headers });
      if (first.status !== 200) throw new Error(`days API answered ${first.status} through the proxy`);
      const days = await loadGet({ url: `${proxy.url}/api/v1/days/${day}`, headers });
      const ready = await loadGet({ url: `${proxy.url}/health/ready` });
      await proxy.stop();
      return { days, ready };
    } finally {
      await killAllProcesses();
      await pooler.stop().catch(() => {});
      removeTempDirs();
    }
  });
}

if (!hasClusterTools) {
  console.error('bench:cluster needs nginx and pgbouncer (apt-get install nginx-light pgbouncer)');
  process.exit(1);
}
await ensureBuilt();
const result = startResult('cluster', 'Throughput through nginx and PgBouncer with 1, 2 and 4 instances');
const byCount: Record<number, { days: LoadFigures; ready: LoadFigures }> = {};
for (const count of COUNTS) {
  const figures = await measure(count);
  byCount[count] = figures;
  console.log(
    `  ${count} instance(s): days API ${describeLoad(figures.days)}; ready ${describeLoad(figures.ready)}`,
  );
  result.add(figure(`GET /api/v1/days/{date}, ${count} instance(s)`, figures.days.rps, 'req/s'));
  result.add(figure(`GET /api/v1/days/{date} p99, ${count} instance(s)`, figures.days.p99Ms, 'ms'));
  result.add(figure(`GET /health/ready, ${count} instance(s)`, figures.ready.rps, 'req/s'));
}
result.details.byCount = byCount;
const one = byCount[1]!.days.rps;
const four = byCount[4]!.days.rps;
result.finish(`days API ${one} req/s with 1 instance, ${byCount[2]!.days.rps} with 2, ${four} with 4`);
