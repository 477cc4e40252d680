// Builds what the server serves and runs: Tailwind CSS, the browser bundle, the service worker and
// the server bundle. Runs on `npm install` (prepare) and before tests; takes about a second.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'build');
const hashOf = (content) => createHash('sha256').update(content).digest('base64url').slice(0, 10);

async function buildClient() {
  const result = await esbuild.build({
    entryPoints: [join(root, 'src/client/app.ts')],
    bundle: true,
    format: 'esm',
    target: ['es2022'],
    minify: true,
    write: false,
    legalComments: 'none',
  });
  const js = result.outputFiles[0].contents;
  const name = `app-${hashOf(js)}.js`;
  writeFileSync(join(out, name), js);
  return name;
}

function buildCss() {
  const tmp = join(out, '.app.css');
  const bin = join(root, 'node_modules', '.bin', 'tailwindcss');
  const run = spawnSync(bin, ['-i', join(root, 'src/client/styles.css'), '-o', tmp, '--minify'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`Tailwind failed:\n${run.stderr}`);
  const css = readFileSync(tmp);
  rmSync(tmp);
  const name = `app-${hashOf(css)}.css`;
  writeFileSync(join(out, name), css);
  return name;
}

async function buildServer() {
  await esbuild.build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: join(root, 'dist', 'deepsheet.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ['node22'],
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: true,
    legalComments: 'none',
  });
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const started = performance.now();
const [js, css] = await Promise.all([buildClient(), Promise.resolve().then(buildCss), buildServer()]);
writeFileSync(join(out, 'manifest.json'), JSON.stringify({ js, css }, null, 2));
const files = readdirSync(out).length;
console.log(`deepsheet: built ${files} assets and the server in ${Math.round(performance.now() - started)} ms`);
