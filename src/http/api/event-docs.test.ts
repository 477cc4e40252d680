import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeEvents, EVENT_DOCS_END, EVENT_DOCS_START } from '../../domain/events.ts';
import { createApi } from './index.ts';

// The event stream's documentation is built from the event union, so no type goes unmentioned.
describe('the event stream documentation', () => {
  it('lists the event types in the OpenAPI description of GET /api/v1/events', async () => {
    // Building the document registers the routes only; no handler runs, so no database is needed.
    const api = createApi({} as never, {} as never);
    const document = await (await api.request('/openapi.json')).json();
    expect(document.paths['/events'].get.description).toContain(describeEvents());
  });

  it('shows the same table in docs/api.md (node scripts/generate-event-docs.mjs writes it)', () => {
    const docs = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    const start = docs.indexOf(EVENT_DOCS_START) + EVENT_DOCS_START.length;
    expect(docs.slice(start, docs.indexOf(EVENT_DOCS_END)).trim()).toBe(describeEvents());
  });
});
