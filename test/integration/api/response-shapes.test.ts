import { describe, expect, it } from 'vitest';
import { fetchOpenApiDocument, type OperationId, operationsOf } from '../../support/openapi.ts';
import { createTestApp } from '../../support/test-app.ts';
import { contractCases, MONDAY } from './contract-cases.ts';

// ASVS V8 / V15 (no mass exposure): the shape of every API answer (field paths, and whether each
// holds an object or an array, never values) is committed in __snapshots__/response-shapes.txt. A column that starts leaking
// out of a presenter, or a field that disappears, fails here even if the OpenAPI schema was
// changed along with it; a deliberate change is accepted with `vitest run -u` and reviewed as a diff.
// The answers come from the contract test's valid cases, so every operation is covered.

const t = await createTestApp({ now: MONDAY });
const operations = operationsOf(await fetchOpenApiDocument(t.app));
const { fixture, validCases } = contractCases(t);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Only containers are named: whether a nullable field (a token's lastUsedAt) is filled depends on
 * timing, not on what the presenter exposes, and the contract test checks each value's type.
 */
function typeLabel(types: Set<string>): string {
  const containers = [...types].filter((type) => type === 'object' || type === 'array').sort();
  return containers.length === 0 ? '' : `: ${containers.join(' | ')}`;
}

/** `path: type` for every value in a JSON document; arrays collapse into `[]`. */
function shapeLines(value: unknown, path: string, into: Map<string, Set<string>>): void {
  const types = into.get(path) ?? new Set<string>();
  types.add(typeOf(value));
  into.set(path, types);
  if (Array.isArray(value)) for (const item of value) shapeLines(item, `${path}[]`, into);
  else if (value !== null && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) shapeLines(inner, `${path}.${key}`, into);
}

describe('API response shapes', () => {
  it('match the committed snapshot for every operation', { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    for (const op of [...operations].sort((a, b) => a.operationId.localeCompare(b.operationId))) {
      const id = op.operationId as OperationId;
      if (id === 'streamEvents') continue; // endless; its events are checked by the contract test
      const byStatus = new Map<string, Map<string, Set<string>>>();
      for (const response of await validCases[id](await fixture())) {
        const type = (response.headers.get('content-type') ?? '').split(';')[0]!;
        const key = `${response.status} ${type}`;
        const shape = byStatus.get(key) ?? new Map<string, Set<string>>();
        byStatus.set(key, shape);
        if (type.endsWith('json')) shapeLines(await response.json(), '$', shape);
        else await response.arrayBuffer();
      }
      for (const [key, shape] of [...byStatus].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`${id} ${key}`);
        for (const [path, types] of [...shape].sort(([a], [b]) => a.localeCompare(b)))
          lines.push(`  ${path}${typeLabel(types)}`);
      }
    }
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/response-shapes.txt');
  });
});
