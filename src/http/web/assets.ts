import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicFolder } from '../../paths.ts';

export type AssetManifest = { css: string; js: string };

/** Names of the built, content-hashed assets (written by scripts/build.mjs). */
export function readAssetManifest(): AssetManifest {
  const file = join(publicFolder, 'build', 'manifest.json');
  if (!existsSync(file)) {
    throw new Error(
      'Deepsheet: the front-end assets are not built. Run `npm run build` (npm install does it).',
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as AssetManifest;
}
