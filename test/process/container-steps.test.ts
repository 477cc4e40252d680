import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SETTING_NAMES } from '../../src/config.ts';
import { freePort } from '../support/free-port.ts';
import { childEnv, type Exit, makeTempDir, removeTempDirs, root, waitFor } from './support.ts';

// The container image's steps, run outside a container (no Docker engine runs here): the
// production install of deploy/assemble-app.sh into a directory of its own, the start through
// deploy/docker-entrypoint.sh, the HEALTHCHECK command, and a SIGTERM. And the deploy files'
// references: every setting they use is one Deepsheet reads, every file they mount exists.

const run = promisify(execFile);
const SECRET = 'Xq7vK2mP9sL4wB8nR1tY6uZ3aC5dE0fG';

describe('the container image, step by step', () => {
  let app: string;
  beforeAll(async () => {
    app = join(makeTempDir('deepsheet-image-'), 'app');
    // The whole environment: npm needs the machine's registry settings and certificates.
    await run('sh', [join(root, 'deploy', 'assemble-app.sh'), root, app], { env: process.env });
  }, 240_000);
  afterAll(() => removeTempDirs());

  it('holds only what runs: the bundle, assets, migrations and production dependencies', () => {
    for (const path of ['bin/deepsheet.js', 'dist/deepsheet.js', 'public/build', 'src/db/migrations/meta']) {
      expect(existsSync(join(app, path)), path).toBe(true);
    }
    expect(existsSync(join(app, 'node_modules', 'hono'))).toBe(true);
    for (const dev of ['vitest', 'playwright-core', '@biomejs', 'typescript', 'drizzle-kit']) {
      expect(existsSync(join(app, 'node_modules', dev)), `${dev} is a dev dependency`).toBe(false);
    }
    expect(existsSync(join(app, 'test'))).toBe(false);
    expect(existsSync(join(app, 'src', 'services'))).toBe(false);
  });

  it('migrates, starts, reports healthy, and stops on SIGTERM with exit code 0', async () => {
    const port = await freePort();
    const env = childEnv({
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: makeTempDir('deepsheet-volume-'),
      SECRET,
      APP_URL: 'https://deepsheet.example.test',
      ALLOW_EMBEDDED_IN_PRODUCTION: 'true',
      MIGRATE_ON_START: 'false',
      LOG_LEVEL: 'warn',
    });
    const entrypoint = join(app, 'deploy', 'docker-entrypoint.sh');
    const migrated = await run('sh', [entrypoint, 'migrate'], { env });
    expect(migrated.stdout + migrated.stderr).toMatch(/migrat/i);

    const healthcheck = () =>
      run('node', [join(app, 'deploy', 'healthcheck.mjs')], { env }).then(
        () => 0,
        (error: { code?: number }) => error.code ?? 1,
      );
    expect(await healthcheck()).toBe(1); // nothing listens yet

    // No arguments: the image's CMD, `serve`.
    const server = spawn('sh', [entrypoint], { env, cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    server.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<Exit>((resolve) =>
      server.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      await waitFor(
        () => (output.includes('Deepsheet is running at') ? true : undefined),
        'the server',
        30_000,
      );
      expect(await healthcheck()).toBe(0);
      const page = await fetch(`http://127.0.0.1:${port}/login`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Log in');
    } finally {
      // exec in the entrypoint: the shell's pid is node's, so the signal reaches the server.
      server.kill('SIGTERM');
    }
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output).not.toMatch(/at .+\(.+:\d+:\d+\)/);
    expect(await healthcheck()).toBe(1);
  }, 60_000);
});

describe('the deploy files', () => {
  type Service = {
    environment?: Record<string, string>;
    volumes?: string[];
    command?: string[];
    image?: string;
  };
  const compose = parse(readFileSync(join(root, 'deploy', 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

  it('set only settings Deepsheet reads', () => {
    const appServices = ['migrate', 'app1', 'app2'];
    for (const name of appServices) {
      const environment = compose.services[name]!.environment!;
      expect(Object.keys(environment).length, name).toBeGreaterThan(5);
      for (const setting of Object.keys(environment))
        expect(SETTING_NAMES, `${name}: ${setting}`).toContain(setting);
    }
    // Migrations go straight to PostgreSQL; the instances through PgBouncer, listening directly.
    expect(compose.services.migrate!.command).toEqual(['migrate']);
    expect(compose.services.migrate!.environment!.DATABASE_URL).toContain('@postgres:5432/');
    expect(compose.services.app1!.environment!.DATABASE_URL).toContain('@pgbouncer:6432/');
    expect(compose.services.app1!.environment!.DATABASE_LISTEN_URL).toContain('@postgres:5432/');
    expect(compose.services.app1!.environment!.MIGRATE_ON_START).toBe('false');
  });

  it('mount files that exist, the ones the cluster test runs', () => {
    const mounts = Object.values(compose.services)
      .flatMap((service) => service.volumes ?? [])
      .filter((volume) => volume.startsWith('./'))
      .map((volume) => volume.split(':')[0]!);
    expect(mounts).toEqual(
      expect.arrayContaining([
        './nginx/deepsheet.conf',
        './pgbouncer/pgbouncer.ini',
        './pgbouncer/userlist.txt',
      ]),
    );
    for (const mount of mounts) expect(existsSync(join(root, 'deploy', mount)), mount).toBe(true);
  });

  it('build the image from the scripts this file tests', () => {
    expect(dockerfile).toContain('sh deploy/assemble-app.sh /src /app');
    expect(dockerfile).toContain('HEALTHCHECK');
    expect(dockerfile).toContain('CMD ["node", "deploy/healthcheck.mjs"]');
    expect(dockerfile).toContain('ENTRYPOINT ["/app/deploy/docker-entrypoint.sh"]');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^FROM node:24-[a-z]+-slim/m);
    expect(dockerfile).toContain('VOLUME ["/data"]');
  });
});
