// Writes the API's TypeScript types (test/support/openapi-schema.d.ts) from the OpenAPI document
// that the code builds, for the typed openapi-fetch client used in the tests. Run it after changing
// an API schema: `node scripts/generate-api-client.mjs`. A test fails while the file is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (file) => tsImport(join(root, file), import.meta.url);

const { createApi } = await load('src/http/api/index.ts');
const { generateSchemaTypes, SCHEMA_TYPES_FILE } = await load('test/support/openapi-typegen.ts');

// Building the document registers the routes only; no handler runs, so no database is needed.
const api = createApi(/** @type {never} */ ({}), /** @type {never} */ ({}));
const response = await api.request('/openapi.json');
if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
const source = await generateSchemaTypes(await response.json(), root);

const target = join(root, SCHEMA_TYPES_FILE);
writeFileSync(target, source);
console.log(`wrote ${SCHEMA_TYPES_FILE}`);
