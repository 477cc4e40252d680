import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

/** Where the generated client types live, committed so the typed client never needs a build step. */
export const SCHEMA_TYPES_FILE = 'test/support/openapi-schema.d.ts';

/**
 * The TypeScript types of the API for openapi-fetch, generated from the OpenAPI document and
 * formatted like the rest of the code. `scripts/generate-api-client.mjs` writes them, and a test
 * regenerates them in memory to prove the committed file matches the current document: both go
 * through this one function so their options can never differ.
 */
export async function generateSchemaTypes(document: unknown, root = process.cwd()): Promise<string> {
  const ast = await openapiTS(structuredClone(document) as OpenAPI3, { silent: true });
  return formatWithBiome(`${COMMENT_HEADER}${astToString(ast)}`, root);
}

function formatWithBiome(source: string, root: string): string {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  const run = spawnSync(biome, ['format', `--stdin-file-path=${SCHEMA_TYPES_FILE}`], {
    cwd: root,
    input: source,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`biome format failed:\n${run.stderr}`);
  return run.stdout;
}
