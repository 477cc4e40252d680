#!/usr/bin/env node
// The `deepsheet` command: runs the bundle built by `npm install` (scripts/build.mjs).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/deepsheet.js', import.meta.url);
if (!existsSync(bundle)) {
  console.error('Deepsheet is not built yet. Run `npm install` (or `npm run build`) in its folder first.');
  process.exit(1);
}
const { main } = await import(bundle.href);
const code = await main(process.argv.slice(2));
// Give buffered log lines a moment to reach stdout, then leave even if a stray handle lingers.
setTimeout(() => process.exit(code), 50).unref();
process.exitCode = code;
