// Writes the table of event types in docs/api.md (between the `events:start` and `events:end`
// markers) from the event union in src/domain/events.ts. Run it after adding or changing an event
// type: `node scripts/generate-event-docs.mjs`. A unit test fails while the table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { describeEvents, EVENT_DOCS_END, EVENT_DOCS_START } = await tsImport(
  join(root, 'src/domain/events.ts'),
  import.meta.url,
);

const file = join(root, 'docs', 'api.md');
const text = readFileSync(file, 'utf8');
const start = text.indexOf(EVENT_DOCS_START);
const end = text.indexOf(EVENT_DOCS_END);
if (start < 0 || end < start) throw new Error(`docs/api.md has no ${EVENT_DOCS_START} … ${EVENT_DOCS_END}`);
const table = `${EVENT_DOCS_START}\n${describeEvents()}\n`;
writeFileSync(file, text.slice(0, start) + table + text.slice(end));
console.log('wrote the event table in docs/api.md');
