// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package, so a
// missed budget can be traced to the code that spends the time.
// Usage: node --import tsx bench/lib/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function packageOf(url: string): string {
  if (!url) return '(native/vm)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node:internal';
  if (url.includes('/dist/deepsheet.js')) return 'deepsheet (dist)';
  return url.replace(/^file:\/\//, '');
}

export function summarise(file: string, top = 25) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${packageOf(url)}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const pkg =
      functionName === '(idle)' ? '(idle)' : functionName === '(garbage collector)' ? '(gc)' : packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1)}%`;
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: Math.round(total / 1000),
    packages: sorted(byPackage)
      .slice(0, top)
      .map(([k, v]) => ({ name: k, ms: Math.round(v / 1000), share: pct(v) })),
    functions: sorted(byFunction)
      .slice(0, top)
      .map(([k, v]) => ({ name: k, ms: Math.round(v / 1000), share: pct(v) })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
  const s = summarise(file, Number(top ?? 25));
  console.log(`total ${s.totalMs} ms sampled\n\nby package:`);
  for (const p of s.packages) console.log(`  ${p.share.padStart(6)}  ${p.ms} ms  ${p.name}`);
  console.log('\nby function (self time):');
  for (const f of s.functions) console.log(`  ${f.share.padStart(6)}  ${f.ms} ms  ${f.name}`);
}
