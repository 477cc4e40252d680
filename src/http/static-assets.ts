import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import type { AppEnv } from './context.ts';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.css', '.js', '.json', '.webmanifest', '.svg', '.html', '.txt']);

type Asset = {
  body: Uint8Array;
  br?: Uint8Array;
  gzip?: Uint8Array;
  type: string;
  etag: string;
  immutable: boolean;
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The build's precompressed copy (`app.js.br` beside `app.js`), or the file compressed now. */
function compressed(file: string, body: Buffer, coding: 'br' | 'gz'): Uint8Array {
  const ready = `${file}.${coding}`;
  if (existsSync(ready)) return readFileSync(ready);
  return coding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
    : gzipSync(body, { level: 9 });
}

/**
 * Serves public/ from memory. The bundle's files come precompressed from the build (scripts/
 * build.mjs); the few small others are compressed at start-up. Content-hashed files under /assets
 * are cached for a year; everything else revalidates by ETag.
 */
export function staticAssets(publicDir: string) {
  const assets = new Map<string, Asset>();
  for (const file of walk(publicDir)) {
    if (/\.(br|gz)$/.test(file)) continue;
    let urlPath = `/${relative(publicDir, file).split('\\').join('/')}`;
    // The service worker must live at the root to control every page; other built files are hashed.
    if (urlPath === '/build/sw.js') urlPath = '/sw.js';
    else if (urlPath.startsWith('/build/')) urlPath = urlPath.replace('/build/', '/assets/');
    const ext = extname(file);
    const body = readFileSync(file);
    const asset: Asset = {
      body,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
      immutable: urlPath.startsWith('/assets/') && /-[A-Za-z0-9_-]{8,}\.[a-z]+$/.test(urlPath),
    };
    if (COMPRESSIBLE.has(ext) && body.length > 512) {
      asset.br = compressed(file, body, 'br');
      asset.gzip = compressed(file, body, 'gz');
    }
    assets.set(urlPath, asset);
  }

  const app = new Hono<AppEnv>();
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const asset = assets.get(c.req.path);
    if (!asset) return next();
    c.header('Content-Type', asset.type);
    c.header('ETag', asset.etag);
    c.header('Vary', 'Accept-Encoding');
    c.header(
      'Cache-Control',
      asset.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    );
    if (c.req.path === '/sw.js') c.header('Service-Worker-Allowed', '/');
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    const accept = c.req.header('accept-encoding') ?? '';
    if (asset.br && /\bbr\b/.test(accept)) {
      c.header('Content-Encoding', 'br');
      return c.body(asset.br as Uint8Array<ArrayBuffer>);
    }
    if (asset.gzip && /\bgzip\b/.test(accept)) {
      c.header('Content-Encoding', 'gzip');
      return c.body(asset.gzip as Uint8Array<ArrayBuffer>);
    }
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });
  return app;
}
