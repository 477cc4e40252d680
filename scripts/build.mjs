// Builds what the server serves and runs: Tailwind CSS, the browser bundle, the service worker and
// the server bundle. Runs on `npm install` (prepare) and before tests; takes about a second.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'build');
const hashOf = (content) => createHash('sha256').update(content).digest('base64url').slice(0, 10);

// Code for a few pages only (passkeys, push subscription) is split into chunks the main bundle
// imports when such a page is open, so the sheet's first load does not carry it.
async function buildClient() {
  const result = await esbuild.build({
    entryPoints: { app: join(root, 'src/client/app.ts') },
    bundle: true,
    format: 'esm',
    splitting: true,
    outdir: out,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    target: ['es2022'],
    minify: true,
    write: false,
    legalComments: 'none',
  });
  for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
  const entry = result.outputFiles.find((file) => basename(file.path).startsWith('app-'));
  return basename(entry.path);
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

// The service worker precaches the app shell's static files. Its cache name follows their content,
// so any change to one of them installs a new worker and drops the old cache.
async function buildServiceWorker(js, css) {
  const files = {
    [`/assets/${js}`]: join(out, js),
    [`/assets/${css}`]: join(out, css),
    '/offline.html': join(root, 'public', 'offline.html'),
    '/offline.css': join(root, 'public', 'offline.css'),
    '/icons/icon-192.png': join(root, 'public', 'icons', 'icon-192.png'),
    '/icons/icon.svg': join(root, 'public', 'icons', 'icon.svg'),
    '/manifest.webmanifest': join(root, 'public', 'manifest.webmanifest'),
  };
  const version = hashOf(Buffer.concat(Object.values(files).map((file) => readFileSync(file))));
  await esbuild.build({
    entryPoints: [join(root, 'src/client/sw.ts')],
    outfile: join(out, 'sw.js'),
    bundle: true,
    format: 'iife',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    define: { __PRECACHE__: JSON.stringify(Object.keys(files)), __CACHE_VERSION__: JSON.stringify(version) },
  });
}

// Packages bundled into the server instead of loaded from node_modules at start: drizzle-orm is
// ~450 files, and importing them one by one took ~0.45 s of CPU at every start (bundled: ~0.03 s).
// Its PostgreSQL adapter stays outside: only a PostgreSQL deployment loads it (with pg), lazily.
const BUNDLED_PACKAGES = /^drizzle-orm(?!\/node-postgres)(\/|$)/;

/** Every bare import stays external (loaded from node_modules) unless it matches `bundled`. */
function externalPackagesExcept(bundled) {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        bundled.test(args.path) ? undefined : { path: args.path, external: true },
      );
    },
  };
}

async function buildServer() {
  await esbuild.build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: join(root, 'dist', 'deepsheet.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ['node22'],
    plugins: [externalPackagesExcept(BUNDLED_PACKAGES)],
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: true,
    legalComments: 'none',
  });
}

// The server sends these as they are (src/http/static-assets.ts) instead of compressing the bundle
// at every start: brotli 11 and gzip 9 of the JS and CSS took ~0.15 s of each start.
function precompress() {
  for (const name of readdirSync(out)) {
    if (!/\.(js|css|json)$/.test(name)) continue;
    const body = readFileSync(join(out, name));
    if (body.length <= 512) continue;
    writeFileSync(
      join(out, `${name}.br`),
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    writeFileSync(join(out, `${name}.gz`), gzipSync(body, { level: 9 }));
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const started = performance.now();
const [js, css] = await Promise.all([buildClient(), Promise.resolve().then(buildCss), buildServer()]);
writeFileSync(join(out, 'manifest.json'), JSON.stringify({ js, css }, null, 2));
// Served at /sw.js (a worker's scope is its own folder unless the server widens it).
await buildServiceWorker(js, css);
precompress();
const files = readdirSync(out).length;
console.log(
  `deepsheet: built ${files} assets and the server in ${Math.round(performance.now() - started)} ms`,
);
