import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}

export const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

/** Finds the system Chromium. In CI it is required; elsewhere its absence is announced loudly. */
export default function setup(project: TestProject) {
  const found = CHROMIUM_CANDIDATES.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found) {
    if (process.env.CI)
      throw new Error('Chromium is required in CI for the browser tests (apt-get install -y chromium).');
    const line = '!'.repeat(78);
    console.warn(
      `\n${line}\n!! No Chromium found: the BROWSER TESTS ARE SKIPPED. Install it: apt-get install -y chromium\n${line}\n`,
    );
  }
  project.provide('chromiumPath', found ?? '');
}
