// Benchmark 7: page weight and Lighthouse. The first load of today's sheet for a signed-in person:
// bytes on the wire (compressed, headers included) split by HTML, CSS, JS and other, as a browser
// asking for br/gzip gets them; then Lighthouse (mobile preset, simulated slow 4G and 4x CPU
// slowdown) against the system Chromium, median of several runs.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { getRaw, logIn, type RawResponse } from './lib/http.ts';
import { ROOT, waitForQuiet } from './lib/machine.ts';
import { figure, missBy, startResult } from './lib/results.ts';
import { insertUsers, openSeedDatabase, PASSWORD, planToday, seedHistory } from './lib/seed.ts';
import { ensureBuilt, makeTempDir, withAppServer } from './lib/server.ts';
import { median } from './lib/stats.ts';

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-background-networking';
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const BROWSER = {
  'Accept-Encoding': 'gzip, deflate, br, zstd',
  'User-Agent':
    'Mozilla/5.0 (Linux; Android 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140 Mobile Safari/537.36',
};

type Kind = 'html' | 'css' | 'js' | 'other';
type Resource = { url: string; kind: Kind; bodyBytes: number; headerBytes: number; encoding: string };

function headerBytes(response: RawResponse): number {
  let total = 'HTTP/1.1 200 OK\r\n'.length + 2;
  for (const [name, value] of Object.entries(response.headers)) {
    for (const v of Array.isArray(value) ? value : [value ?? ''])
      total += name.length + 2 + String(v).length + 2;
  }
  return total;
}

/** What the HTML makes a browser fetch on first load: stylesheets, scripts, manifest and icons. */
function subresources(html: string): { path: string; kind: Kind }[] {
  const found: { path: string; kind: Kind }[] = [];
  for (const tag of html.match(/<(link|script)\b[^>]*>/g) ?? []) {
    const href = /\b(?:href|src)="([^"]+)"/.exec(tag)?.[1];
    if (!href?.startsWith('/')) continue;
    if (tag.startsWith('<script')) found.push({ path: href, kind: 'js' });
    else if (/rel="stylesheet"/.test(tag)) found.push({ path: href, kind: 'css' });
    else if (/rel="(manifest|icon|apple-touch-icon)"/.test(tag)) found.push({ path: href, kind: 'other' });
  }
  return found;
}

async function weigh(origin: string, cookie: string): Promise<Resource[]> {
  const headers = { ...BROWSER, Cookie: cookie, Accept: 'text/html' };
  const page = await getRaw(`${origin}/`, headers);
  if (page.status !== 200) throw new Error(`GET / answered ${page.status}`);
  const encoding = String(page.headers['content-encoding'] ?? 'identity');
  const decode =
    { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync }[encoding] ?? ((b: Buffer) => b);
  const html = decode(page.body).toString('utf8');
  const resources: Resource[] = [
    { url: '/', kind: 'html', bodyBytes: page.body.length, headerBytes: headerBytes(page), encoding },
  ];
  for (const { path, kind } of subresources(html)) {
    const r = await getRaw(`${origin}${path}`, { ...BROWSER, Cookie: cookie });
    resources.push({
      url: path,
      kind,
      bodyBytes: r.body.length,
      headerBytes: headerBytes(r),
      encoding: String(r.headers['content-encoding'] ?? 'identity'),
    });
  }
  return resources;
}

type LighthouseRun = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  metrics: Record<string, number>;
  failed: { category: string; id: string; title: string }[];
  totalByteWeight: number;
  requests: { url: string; resourceType: string; transferSize: number }[];
};

async function lighthouseOnce(url: string, cookie: string, dir: string, n: number): Promise<LighthouseRun> {
  const headersFile = join(dir, 'headers.json');
  writeFileSync(headersFile, JSON.stringify({ Cookie: cookie }));
  const output = join(dir, `lighthouse-${n}.json`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      join(ROOT, 'node_modules/.bin/lighthouse'),
      [
        url,
        '--quiet',
        '--output=json',
        `--output-path=${output}`,
        '--only-categories=performance,accessibility,best-practices',
        `--chrome-flags=${CHROME_FLAGS}`,
        `--extra-headers=${headersFile}`,
        '--max-wait-for-load=30000',
      ],
      { cwd: ROOT, env: { ...process.env, CHROME_PATH }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      code === 0 ? resolve() : reject(new Error(`lighthouse exited ${code}: ${err.slice(-1000)}`));
    });
  });
  type Audit = {
    id: string;
    title: string;
    score: number | null;
    scoreDisplayMode: string;
    numericValue?: number;
    details?: { items?: unknown[] };
  };
  const lhr = JSON.parse(readFileSync(output, 'utf8')) as {
    categories: Record<string, { score: number; auditRefs: { id: string; weight: number }[] }>;
    audits: Record<string, Audit>;
    runtimeError?: { message: string };
  };
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
  const failed: LighthouseRun['failed'] = [];
  for (const category of ['accessibility', 'best-practices']) {
    for (const ref of lhr.categories[category]!.auditRefs) {
      const audit = lhr.audits[ref.id]!;
      if (audit.score !== null && audit.score < 1 && ['binary', 'numeric'].includes(audit.scoreDisplayMode)) {
        failed.push({ category, id: audit.id, title: audit.title });
      }
    }
  }
  const metric = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);
  return {
    performance: Math.round(lhr.categories.performance!.score * 100),
    accessibility: Math.round(lhr.categories.accessibility!.score * 100),
    bestPractices: Math.round(lhr.categories['best-practices']!.score * 100),
    metrics: {
      firstContentfulPaintMs: metric('first-contentful-paint'),
      largestContentfulPaintMs: metric('largest-contentful-paint'),
      totalBlockingTimeMs: metric('total-blocking-time'),
      cumulativeLayoutShift:
        Math.round((lhr.audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
      speedIndexMs: metric('speed-index'),
      serverResponseMs: metric('server-response-time'),
    },
    failed,
    totalByteWeight: lhr.audits['total-byte-weight']?.numericValue ?? 0,
    requests: (
      (lhr.audits['network-requests']?.details?.items ?? []) as {
        url: string;
        resourceType: string;
        transferSize: number;
      }[]
    ).map((r) => ({ url: r.url, resourceType: r.resourceType, transferSize: r.transferSize })),
  };
}

await ensureBuilt();
const result = startResult('page-weight', 'Page weight and Lighthouse (mobile)');
let email = '';
const measured = await withAppServer(
  'pglite',
  async (server) => {
    const { cookie } = await logIn(server.origin, email, PASSWORD);
    const resources = await weigh(server.origin, cookie);
    const dir = makeTempDir('lighthouse');
    const runs: LighthouseRun[] = [];
    try {
      for (let n = 0; n < RUNS; n++) {
        await waitForQuiet();
        // Lighthouse now and then fails to record a trace (NO_NAVSTART): one more try before giving up.
        runs.push(
          await lighthouseOnce(`${server.origin}/`, cookie, dir.path, n).catch((error: unknown) => {
            console.warn(
              `  Lighthouse run ${n + 1} failed (${(error as Error).message.slice(0, 120)}); trying again`,
            );
            return lighthouseOnce(`${server.origin}/`, cookie, dir.path, n);
          }),
        );
        console.log(`  Lighthouse run ${n + 1}: performance ${runs.at(-1)!.performance}`);
      }
    } finally {
      dir.remove();
    }
    return { resources, runs };
  },
  {
    seed: async (target) => {
      const database = await openSeedDatabase({ mode: 'pglite', ...target });
      try {
        const [user] = await insertUsers(database, 'weight', 1);
        email = user!.email;
        await seedHistory(database, user!, { days: 60, seed: 11 });
        await planToday(database, user!);
      } finally {
        await database.close();
      }
    },
  },
);

const KB = 1024;
const sum = (kinds: Kind[], withHeaders = true) =>
  measured.resources
    .filter((r) => kinds.includes(r.kind))
    .reduce((n, r) => n + r.bodyBytes + (withHeaders ? r.headerBytes : 0), 0);
const total = result.add(
  figure(
    'First load, all resources (compressed, with headers)',
    sum(['html', 'css', 'js', 'other']) / KB,
    'KB',
    {
      budget: 'pageWeightTotal',
      note: `HTML ${Math.round(sum(['html']) / 102.4) / 10} KB, CSS ${Math.round(sum(['css']) / 102.4) / 10} KB, JS ${Math.round(sum(['js']) / 102.4) / 10} KB, other ${Math.round(sum(['other']) / 102.4) / 10} KB (manifest, icon)`,
    },
  ),
);
if (total.status === 'miss') total.note += `; ${missBy(total.value, 'pageWeightTotal')}`;
const js = result.add(
  figure('First load, JS (compressed, with headers)', sum(['js']) / KB, 'KB', { budget: 'pageWeightJs' }),
);
if (js.status === 'miss') js.note = missBy(js.value, 'pageWeightJs');
result.add(
  figure('First load, HTML', sum(['html']) / KB, 'KB', { note: `${measured.resources[0]!.encoding}` }),
);
result.add(figure('First load, CSS', sum(['css']) / KB, 'KB'));

const order = [...measured.runs].sort((a, b) => a.performance - b.performance);
const mid = order[Math.floor(order.length / 2)]!;
const perf = result.add(
  figure(
    'Lighthouse performance (mobile), median',
    median(measured.runs.map((r) => r.performance)),
    'score',
    {
      budget: 'lighthousePerformance',
      note: `runs ${measured.runs.map((r) => r.performance).join(', ')}; FCP ${mid.metrics.firstContentfulPaintMs} ms, LCP ${mid.metrics.largestContentfulPaintMs} ms, TBT ${mid.metrics.totalBlockingTimeMs} ms, CLS ${mid.metrics.cumulativeLayoutShift}`,
    },
  ),
);
if (perf.status === 'miss') perf.note += `; ${missBy(perf.value, 'lighthousePerformance')}`;
const failedOf = (category: string) => mid.failed.filter((f) => f.category === category).map((f) => f.id);
result.add(
  figure('Lighthouse accessibility', mid.accessibility, 'score', {
    budget: 'lighthouseAccessibility',
    ...(failedOf('accessibility').length ? { note: `failing: ${failedOf('accessibility').join(', ')}` } : {}),
  }),
);
result.add(
  figure('Lighthouse best practices', mid.bestPractices, 'score', {
    ...(failedOf('best-practices').length
      ? { note: `failing: ${failedOf('best-practices').join(', ')}` }
      : {}),
  }),
);
result.add(
  figure('Lighthouse total byte weight', mid.totalByteWeight / KB, 'KB', {
    note: 'every request of the run, the service worker’s precache included',
  }),
);
result.details.resources = measured.resources;
result.details.lighthouse = measured.runs;
result.finish(
  `first load ${Math.round(sum(['html', 'css', 'js', 'other']) / 102.4) / 10} KB (JS ${Math.round(sum(['js']) / 102.4) / 10} KB); Lighthouse performance ${perf.value}, accessibility ${mid.accessibility}, best practices ${mid.bestPractices}`,
);
